"""The Article 7 reporting forms as data: cover page, forms A–J, their fields and tables.

Form codes, their order, which are mandatory and their legal basis are those of the
treaty's report forms (`domain.treaty.TREATY.report_forms()`, from
domain/data/reporting_forms.csv); a parity test fails when the two disagree. Titles and
scope here are the interface's wording, translated with gettext. Each answer that tells the Committee something on one of the twelve indicators names
that indicator (`indicator=`): a submitted report turns those answers into findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXT = "text"  # several lines
LINE = "line"  # one line
DATE = "date"
NUMBER = (
    "number"  # an amount, a quantity or an area, read by `domain.locale.parse_number`
)
YEAR = (
    "year"  # a calendar year: a whole number, never written with a thousands separator
)
CHOICE = "choice"
TABLE = "table"

YES_NO_PREPARING = (
    ("yes", _("Yes")),
    ("no", _("No")),
    ("in_preparation", _("In preparation")),
)
YES_NO_PARTLY = (("yes", _("Yes")), ("no", _("No")), ("partly", _("Partly")))
SUSPECTED_CONFIRMED = (("suspected", _("Suspected")), ("confirmed", _("Confirmed")))
STOCKPILE_OR_AREA = (
    ("stockpile", _("Stockpile (Article 4)")),
    ("mined_area", _("Mined area (Article 5)")),
)
INDIVIDUALISED = (
    ("yes", _("Yes, we would like one")),
    ("held", _("We have held one")),
    ("no", _("Not at this time")),
)


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    kind: str = LINE  # LINE, NUMBER, YEAR, CHOICE
    choices: tuple[tuple[str, Promise], ...] = ()
    required: bool = False


@dataclass(frozen=True)
class Field:
    key: str
    label: Promise
    kind: str = TEXT
    help: Promise | str = ""
    choices: tuple[tuple[str, Promise], ...] = ()
    columns: tuple[Column, ...] = ()
    indicator: str = (
        ""  # one of the twelve codes, when the answer gives information on it
    )
    required: bool = False
    group: Promise | str = ""  # subheading shown before the field

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class Form:
    code: str
    title: Promise
    covers: Promise
    mandatory: bool
    legal_basis: str | Promise  # "Art. 7.1(i)", or words to translate
    fields: tuple[Field, ...] = field(default_factory=tuple)

    @property
    def slug(self) -> str:
        """Evidence and field names use it: form_j.national_platform."""
        return f"form_{self.code.lower()}"

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


def _amount() -> Column:
    return Column("amount", _("Amount"), NUMBER)


CURRENCY = Column("currency", _("Currency (e.g. USD, EUR)"))

COVER = Form(
    "COVER",
    _("Cover page"),
    _(
        "Identifies the reporting State, the period covered, the point of contact and the "
        "date; a form whose content has not changed since an earlier report can be marked "
        "as such."
    ),
    True,
    "Art. 7.2",
    (
        Field("contact_name", _("Point of contact: name"), LINE, required=True),
        Field("contact_organisation", _("Organisation"), LINE, required=True),
        Field("contact_email", _("E-mail"), LINE, required=True),
        Field("contact_phone", _("Telephone"), LINE),
        Field("report_date", _("Date of the report"), DATE),
    ),
)

FORMS: tuple[Form, ...] = (
    COVER,
    Form(
        "A",
        _("National implementation measures"),
        _(
            "Laws, regulations, administrative and penal measures taken under Article 9 to "
            "prevent and suppress prohibited activity."
        ),
        True,
        "Art. 7.1(a)",
        (
            Field(
                "measures",
                _("Measures taken (title, date, short description)"),
                required=True,
            ),
        ),
    ),
    Form(
        "B",
        _("Stockpiled anti-personnel mines"),
        _(
            "Total anti-personnel mines owned or held, or under the State's jurisdiction or "
            "control, by type, quantity and, where possible, lot number."
        ),
        True,
        "Art. 7.1(b)",
        (
            Field(
                "stockpiles",
                _("Stockpiles"),
                TABLE,
                columns=(
                    Column("mine_type", _("Mine type"), required=True),
                    Column("quantity", _("Quantity"), NUMBER, required=True),
                    Column("lot_numbers", _("Lot numbers")),
                ),
            ),
            Field("notes", _("Remarks (for example: no stockpile)")),
        ),
    ),
    Form(
        "C",
        _("Location of mined areas"),
        _(
            "All areas known or suspected to contain anti-personnel mines, with as much "
            "detail as possible on type, quantity and date of emplacement."
        ),
        True,
        "Art. 7.1(c)",
        (
            Field(
                "mined_areas",
                _("Mined areas"),
                TABLE,
                columns=(
                    Column("area_name", _("Area name"), required=True),
                    Column("region", _("Region")),
                    Column(
                        "status",
                        _("Suspected or confirmed"),
                        CHOICE,
                        SUSPECTED_CONFIRMED,
                    ),
                    Column("size_m2", _("Size (m²)"), NUMBER),
                    Column("mine_type", _("Mine type")),
                ),
            ),
            Field("notes", _("Remarks")),
        ),
    ),
    Form(
        "D",
        _("Mines retained or transferred (Article 3)"),
        _(
            "Types, quantities and lot numbers of anti-personnel mines kept or transferred "
            "for training or for developing detection, clearance or destruction techniques, "
            "and the institutions authorised to hold them."
        ),
        True,
        "Art. 7.1(d)",
        (
            Field(
                "retained",
                _("Mines retained"),
                TABLE,
                columns=(
                    Column("mine_type", _("Mine type"), required=True),
                    Column("quantity", _("Quantity"), NUMBER, required=True),
                    Column("institution", _("Authorised institution")),
                    Column("intended_use", _("Intended use")),
                    Column("actual_use", _("Actual use during the period")),
                ),
            ),
            Field("notes", _("Remarks")),
        ),
    ),
    Form(
        "E",
        _("Conversion or decommissioning of production facilities"),
        _(
            "Status of programmes to convert or close anti-personnel mine production facilities."
        ),
        True,
        "Art. 7.1(e)",
        (Field("status", _("Status of conversion or decommissioning programmes")),),
    ),
    Form(
        "F",
        _("Destruction programmes (Articles 4 and 5)"),
        _(
            "Status of programmes to destroy stockpiled and emplaced anti-personnel mines, "
            "including methods, destruction sites and safety and environmental standards."
        ),
        True,
        "Art. 7.1(f)",
        (
            Field(
                "programmes",
                _("Destruction programmes: status, methods, sites, standards"),
            ),
        ),
    ),
    Form(
        "G",
        _("Mines destroyed"),
        _(
            "Types and quantities of anti-personnel mines destroyed since entry into force "
            "(stockpiles under Article 4 and mined areas under Article 5)."
        ),
        True,
        "Art. 7.1(g)",
        (
            Field(
                "destroyed",
                _("Mines destroyed during the period"),
                TABLE,
                columns=(
                    Column("mine_type", _("Mine type"), required=True),
                    Column("quantity", _("Quantity"), NUMBER, required=True),
                    Column("origin", _("From"), CHOICE, STOCKPILE_OR_AREA),
                    Column("lot_numbers", _("Lot numbers")),
                ),
            ),
            Field("notes", _("Remarks")),
        ),
    ),
    Form(
        "H",
        _("Technical characteristics"),
        _(
            "Technical characteristics of each anti-personnel mine type produced or "
            "currently held, to help identification and clearance."
        ),
        True,
        "Art. 7.1(h)",
        (
            Field(
                "characteristics", _("Mine types and their technical characteristics")
            ),
        ),
    ),
    Form(
        "I",
        _("Warning the population"),
        _(
            "Measures taken to give an immediate and effective warning to the population "
            "about mined areas (marking, fencing, risk education)."
        ),
        True,
        "Art. 7.1(i)",
        (Field("measures", _("Marking, fencing and risk education")),),
    ),
    Form(
        "J",
        _("Other relevant matters: victim assistance, cooperation and assistance"),
        _(
            "Voluntary: victim assistance and international cooperation and assistance "
            "provided or received (challenges, needs, resources)."
        ),
        False,
        _("States Parties' decision"),
        (
            Field(
                "victim_assistance",
                _("Services and measures for mine victims"),
                group=_("Victim assistance"),
            ),
            Field(
                "challenges",
                _("What stands in the way of implementation?"),
                help=_(
                    "Funding shortfalls, insecurity, new contamination, capacity, terrain."
                ),
                indicator="challenges",
                group=_("Cooperation and assistance"),
            ),
            Field(
                "needs",
                _("What help do you need?"),
                TABLE,
                columns=(
                    Column(
                        "kind", _("Kind (funding, equipment, training…)"), required=True
                    ),
                    _amount(),
                    CURRENCY,
                    Column("period", _("Period")),
                    Column("purpose", _("Purpose")),
                ),
                indicator="assistance_needs",
            ),
            Field(
                "national_resources",
                _("What does the State itself contribute? (amounts per year)"),
                TABLE,
                columns=(
                    Column("year", _("Year"), YEAR, required=True),
                    _amount(),
                    CURRENCY,
                    Column("description", _("Budget line or in-kind means")),
                ),
                indicator="national_resources",
            ),
            Field(
                "assistance_received",
                _("Assistance received"),
                TABLE,
                columns=(
                    Column("donor", _("Donor"), required=True),
                    _amount(),
                    CURRENCY,
                    Column("year", _("Year"), YEAR),
                    Column("purpose", _("Purpose")),
                ),
                indicator="assistance_received",
            ),
            Field(
                "assistance_provided",
                _("Assistance provided to others"),
                TABLE,
                columns=(
                    Column("recipient", _("Recipient"), required=True),
                    _amount(),
                    CURRENCY,
                    Column("year", _("Year"), YEAR),
                    Column("sector", _("Sector")),
                ),
                indicator="assistance_provided",
            ),
            Field(
                "resource_mobilisation",
                _("Do you have a resource-mobilisation plan?"),
                CHOICE,
                choices=YES_NO_PREPARING,
                indicator="resource_mobilisation",
            ),
            Field(
                "resource_mobilisation_details",
                _("Resource mobilisation: plan and efforts to raise funds"),
                indicator="resource_mobilisation",
            ),
            Field(
                "innovative_financing",
                _("Innovative financing (private sector, trust funds, other)"),
                indicator="innovative_financing",
            ),
            Field(
                "platform_exists",
                _("Is there a national mine action platform with partners?"),
                CHOICE,
                choices=YES_NO_PREPARING,
                indicator="national_platform",
                group=_("National platform"),
            ),
            Field(
                "platform_last_meeting",
                _("Date of its last meeting"),
                DATE,
                indicator="national_platform",
            ),
            Field(
                "platform_frequency",
                _("How often does it meet?"),
                LINE,
                indicator="national_platform",
            ),
            Field(
                "platform_participants",
                _("Who takes part?"),
                indicator="national_platform",
            ),
            Field(
                "individualised_approach",
                _("Are you interested in the individualised approach?"),
                CHOICE,
                choices=INDIVIDUALISED,
                indicator="individualised_approach",
                group=_("Individualised approach"),
            ),
            Field(
                "individualised_approach_details",
                _("Individualised approach: details"),
                indicator="individualised_approach",
            ),
            Field(
                "disaggregated_data",
                _("Are data disaggregated by sex, age and disability?"),
                CHOICE,
                choices=YES_NO_PARTLY,
                indicator="gender_diversity",
                group=_("Gender and diversity"),
            ),
            Field(
                "women_in_teams",
                _("Women in survey, clearance and risk-education teams"),
                indicator="gender_diversity",
            ),
            Field(
                "diverse_needs",
                _(
                    "How are the diverse needs of affected communities taken into account?"
                ),
                indicator="gender_diversity",
            ),
            Field(
                "knowledge_exchange",
                _("Expertise shared with or received from other States"),
                indicator="knowledge_exchange",
                group=_("Exchange of expertise"),
            ),
            Field(
                "work_plan",
                _("Is there a costed work plan with annual milestones?"),
                CHOICE,
                choices=YES_NO_PREPARING,
                indicator="costed_plan",
                group=_("Costed work plan"),
            ),
            Field(
                "work_plan_details",
                _("Work plan: area to release and budget per year"),
                indicator="costed_plan",
            ),
        ),
    ),
)

FORMS_BY_CODE = {form.code: form for form in FORMS}
FLAGGABLE = tuple(form.code for form in FORMS if form.code != "COVER")
# The tables exported as CSV/XLSX (issue 5: needs and assistance).
MONEY_TABLES = (
    "needs",
    "national_resources",
    "assistance_received",
    "assistance_provided",
)


def money_tables() -> list[tuple[Form, Field]]:
    form = FORMS_BY_CODE["J"]
    return [(form, form.field(key)) for key in MONEY_TABLES]


def choice_label(choices: tuple[tuple[str, Promise], ...], value: str) -> str:
    return str(dict(choices).get(value, value))
