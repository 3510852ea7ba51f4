"""What is missing or inconsistent in a report, field by field; never blocks saving a draft."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from casework.domain.locale import DECIMAL_MARK, NumberFormatError
from casework.reporting.answers import (
    date_or_none,
    is_filled,
    number_answer,
    read_number,
)
from casework.reporting.models import Report
from casework.reporting.schema import (
    DATE,
    FORMS,
    NUMBER,
    TABLE,
    YEAR,
    Column,
    Field,
    Form,
)

CURRENCY = re.compile(r"^[A-Z]{3}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Issue:
    form: str
    field: str  # input name ("J.needs" or "J.needs.0.amount"), "" for the whole form
    message: str


def validate(report: Report) -> list[Issue]:
    """Every issue of the report, in form order; messages in the active language."""
    issues: list[Issue] = []
    for form in FORMS:
        flag = report.flag(form.code)
        if flag in {Report.Flag.UNCHANGED, Report.Flag.NOT_APPLICABLE}:
            if flag == Report.Flag.UNCHANGED and not report.unchanged_since.get(
                form.code
            ):
                issues.append(
                    Issue(
                        form.code,
                        "",
                        _(
                            "Marked unchanged, but there is no earlier submitted report to "
                            "carry forward: fill in the form or mark it not applicable."
                        ),
                    )
                )
            continue
        values = report.form_answers(form.code)
        if (
            form.mandatory
            and form.code != "COVER"
            and not any(is_filled(v) for v in values.values())
        ):
            issues.append(
                Issue(
                    form.code,
                    "",
                    _(
                        "This form is required: fill it in, or mark it unchanged or not "
                        "applicable."
                    ),
                )
            )
            continue
        for field in form.fields:
            issues.extend(_field_issues(report, form, field, values.get(field.key)))
    return issues


def _field_issues(report: Report, form: Form, field: Field, value: Any) -> list[Issue]:
    name = f"{form.code}.{field.key}"
    issues: list[Issue] = []
    if field.required and not is_filled(value):
        issues.append(Issue(form.code, name, _("Required.")))
        return issues
    if not is_filled(value):
        return issues
    if field.kind == DATE:
        day = date_or_none(value)
        if day is None:
            issues.append(Issue(form.code, name, _("Give a date as YYYY-MM-DD.")))
        elif field.key == "platform_last_meeting" and day.year > report.year:
            issues.append(
                Issue(
                    form.code,
                    name,
                    _("The last meeting cannot be after the reporting year."),
                )
            )
    if field.key == "contact_email" and not EMAIL.match(value):
        issues.append(Issue(form.code, name, _("This is not an e-mail address.")))
    if field.kind == TABLE:
        for index, row in enumerate(value):
            issues.extend(_row_issues(report, form, field, index, row))
    if (
        field.key == "platform_exists"
        and value == "yes"
        and not report.form_answers(form.code).get("platform_last_meeting")
    ):
        issues.append(
            Issue(
                form.code,
                f"{form.code}.platform_last_meeting",
                _("The platform exists: give the date of its last meeting."),
            )
        )
    return issues


def _row_issues(
    report: Report, form: Form, field: Field, index: int, row: dict[str, str]
) -> list[Issue]:
    issues: list[Issue] = []
    prefix = f"{form.code}.{field.key}.{index}"
    row_label = _("row %(number)d") % {"number": index + 1}
    for column in field.columns:
        value = row.get(column.key, "")
        name = f"{prefix}.{column.key}"
        if column.required and not value:
            issues.append(
                Issue(
                    form.code,
                    name,
                    _("%(row)s: %(column)s is required.")
                    % {"row": row_label, "column": column.label},
                )
            )
        elif value and column.kind in {NUMBER, YEAR}:
            message = _number_issue(report, column, value, row_label)
            if message:
                issues.append(Issue(form.code, name, message))
    if "currency" in row:
        currency = row.get("currency", "")
        if row.get("amount") and not currency:
            issues.append(
                Issue(
                    form.code,
                    f"{prefix}.currency",
                    _("%(row)s: an amount needs a currency.") % {"row": row_label},
                )
            )
        elif currency and not CURRENCY.match(currency.upper()):
            issues.append(
                Issue(
                    form.code,
                    f"{prefix}.currency",
                    _(
                        "%(row)s: give the currency as a three-letter code (USD, EUR, XOF)."
                    )
                    % {"row": row_label},
                )
            )
    return issues


def _number_issue(report: Report, column: Column, value: str, row_label: str) -> str:
    """What is wrong with a typed number, or "": read in the report's language."""
    language = report.entry_language
    try:
        number = read_number(value, language)
    except NumberFormatError:
        if column.kind == YEAR:
            return _("%(row)s: %(value)s is not a plausible year.") % {
                "row": row_label,
                "value": value,
            }
        return _(
            "%(row)s: %(column)s “%(value)s” cannot be read as a number in this report, "
            "where “%(mark)s” marks the decimals: write it like %(whole)s or %(decimal)s."
        ) % {
            "row": row_label,
            "column": column.label,
            "value": value,
            "mark": DECIMAL_MARK[language],
            "whole": number_answer(Decimal(1250000), language),
            "decimal": number_answer(Decimal("823.4"), language),
        }
    if column.kind == YEAR:
        if number != number.to_integral_value() or not (
            1997 <= number <= report.year + 10
        ):
            return _("%(row)s: %(value)s is not a plausible year.") % {
                "row": row_label,
                "value": value,
            }
        return ""
    if number < 0:
        return _("%(row)s: %(column)s must be a number of zero or more.") % {
            "row": row_label,
            "column": column.label,
        }
    return ""


def issues_by_name(issues: list[Issue]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for issue in issues:
        grouped.setdefault(issue.field or issue.form, []).append(issue.message)
    return grouped
