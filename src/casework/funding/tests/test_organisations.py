"""Issue 17: organisations with identities, one payment counted once, corrections."""

from __future__ import annotations

from decimal import Decimal

import pytest

from casework.funding import iati, table_import
from casework.funding.models import (
    Contribution,
    ContributionRevision,
    Donor,
    DonorAlias,
    DonorMatch,
    ImportBatch,
)
from casework.funding.organisations import Matcher, merge, normalise
from casework.funding.services import (
    ImportResult,
    apply_pending,
    refuse_pending,
    save_rows,
)
from casework.funding.tests.factories import ContributionFactory
from casework.funding.totals import counted

pytestmark = pytest.mark.django_db


def iati_file(value: str = "224000", *, ref: str = "GB-GOV-1") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
  <iati-activity default-currency="EUR">
    <iati-identifier>GB-GOV-1-300123</iati-identifier>
    <reporting-org ref="{ref}" type="10">
      <narrative>Foreign, Commonwealth and Development Office</narrative>
    </reporting-org>
    <title><narrative>Humanitarian mine action in north-east Nigeria</narrative></title>
    <recipient-country code="NG"/>
    <sector vocabulary="1" code="15250"/>
    <transaction ref="T-1">
      <transaction-type code="3"/>
      <transaction-date iso-date="2025-03-10"/>
      <value value-date="2025-03-10">{value}</value>
    </transaction>
    <transaction ref="T-2">
      <transaction-type code="3"/>
      <transaction-date iso-date="2025-09-01"/>
      <value value-date="2025-09-01">250000</value>
    </transaction>
  </iati-activity>
</iati-activities>
""".encode()


CSV = (
    b"donor,donor_kind,recipient_iso3,year,amount,currency,status,sector,source,"
    b"source_reference,date\n"
    b"United Kingdom,state,NGA,2025,224000,EUR,disbursed,clearance,monitor,"
    b"Monitor 2025 table,2025-03-20\n"
)


def import_iati(data: bytes, *, batch: ImportBatch | None = None) -> ImportResult:
    parsed = iati.read_iati(data, filename="fcdo.xml", publish=True)
    return save_rows(parsed.rows, batch=batch, result=ImportResult())


def import_csv(data: bytes) -> ImportResult:
    parsed = table_import.parse_contributions(data, filename="monitor.csv")
    assert parsed.messages == []
    return save_rows(parsed.rows, batch=None, result=ImportResult())


def test_names_are_compared_without_case_accents_or_punctuation():
    assert normalise("The Foreign, Commonwealth & Development Office") == normalise(
        "foreign commonwealth and development office"
    )
    assert normalise("États-Unis") == "etats unis"


def test_rows_are_matched_by_identifier_then_alias():
    matcher = Matcher()
    by_ref = matcher.match("Some office", iati_ref="gb-gov-1")
    assert (by_ref.donor.name, by_ref.how) == ("United Kingdom", "identifier")
    by_alias = matcher.match("FCDO")
    assert (by_alias.donor.name, by_alias.how) == ("United Kingdom", "alias")
    assert matcher.match("Nobody we know at all").donor is None


def test_a_close_name_is_a_suggestion_to_confirm_not_a_match():
    donor, how = Matcher().resolve(
        "Foreign Commonwealth Development Ofice", kind="state"
    )
    assert how == "new"
    suggestion = DonorMatch.objects.get(donor=donor)
    assert suggestion.suggested.name == "United Kingdom"
    assert suggestion.decision == DonorMatch.Decision.PENDING


def test_the_same_payment_from_iati_and_a_table_is_counted_once():
    first = import_iati(iati_file())
    second = import_csv(CSV)

    [from_csv] = second.created
    iati_entry = Contribution.objects.get(natural_key__contains=":T-1:")
    assert from_csv.donor_id == iati_entry.donor_id  # "United Kingdom" = GB-GOV-1
    assert from_csv.duplicate_of_id == iati_entry.pk
    nigeria = counted(Contribution.objects.filter(recipient_iso3="NGA", year=2025))
    assert sorted(c.amount for c in nigeria) == [Decimal("224000"), Decimal("250000")]
    assert len(first.created) == 2


def test_payments_far_apart_in_time_or_amount_are_not_duplicates():
    import_iati(iati_file())
    later = CSV.replace(b"2025-03-20", b"2025-06-20")  # 102 days after 10 March
    bigger = CSV.replace(b"224000", b"230000").replace(b"table,", b"table 2,")
    assert import_csv(later).created[0].duplicate_of is None
    assert import_csv(bigger).created[0].duplicate_of is None


def test_a_corrected_value_shows_as_a_change_and_applies_with_history(client):
    import_iati(iati_file())
    batch = ImportBatch.objects.create(kind="iati", filename="fcdo.xml", sha256="x")

    result = import_iati(iati_file().replace(b">250000<", b">300000<"), batch=batch)

    batch.refresh_from_db()
    assert result.created_count == 0 and result.unchanged == 1
    assert batch.state == ImportBatch.State.REVIEW
    [change] = batch.pending["changed"]
    assert change["fields"] == {"amount": ["250000.00", "300000.00"]}
    entry = Contribution.objects.get(natural_key__contains=":T-2:")
    assert entry.amount == Decimal("250000")  # not applied before review

    assert apply_pending(batch) == (1, 0)

    body = client.get("/api/contributions/?recipient=NGA").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert sorted(Decimal(str(row["amount"])) for row in rows) == [
        Decimal("224000"),
        Decimal("300000"),
    ]
    revision = ContributionRevision.objects.get(contribution=entry)
    assert revision.changes == {"amount": ["250000.00", "300000.00"]}


def test_a_transaction_gone_from_the_file_is_a_removal_to_review():
    import_iati(iati_file())
    batch = ImportBatch.objects.create(kind="iati", filename="fcdo.xml", sha256="y")
    without_t2 = iati_file().split(b'<transaction ref="T-2">')[0] + (
        b"</iati-activity></iati-activities>"
    )

    import_iati(without_t2, batch=batch)

    batch.refresh_from_db()
    assert [item["key"] for item in batch.pending["removed"]] == [
        "iati:GB-GOV-1-300123:T-2:3:NGA"
    ]
    refuse_pending(batch)
    assert Contribution.objects.filter(natural_key__contains=":T-2:").exists()
    apply_pending(batch)
    assert not Contribution.objects.filter(natural_key__contains=":T-2:").exists()
    assert ContributionRevision.objects.get(action="removed").changes["amount"] == (
        "250000.00"
    )


def test_a_table_row_without_a_key_is_matched_without_its_amount():
    import_csv(CSV)
    parsed = table_import.parse_contributions(
        CSV.replace(b"224000", b"225000"), filename="monitor.csv"
    )
    result = save_rows(parsed.rows, batch=None, result=ImportResult())
    assert result.created_count == 0
    assert result.changed[0]["fields"] == {"amount": ["224000.00", "225000.00"]}


def test_merging_keeps_names_as_aliases_and_links_what_becomes_a_duplicate():
    other = Donor.objects.create(name="FCDO (London)", kind="state")
    uk = Donor.objects.get(name="United Kingdom")
    first = ContributionFactory(donor=uk, source="iati", recipient_iso3="NGA")
    second = ContributionFactory(donor=other, source="monitor", recipient_iso3="NGA")

    merge(other, uk)

    assert not Donor.objects.filter(pk=other.pk).exists()
    assert DonorAlias.objects.get(normalised=normalise("FCDO (London)")).donor == uk
    second.refresh_from_db()
    assert second.donor == uk and second.duplicate_of == first
    assert Matcher().match("FCDO (London)").donor == uk


def test_a_bad_row_lists_all_its_errors():
    parsed = table_import.parse_contributions(
        CSV.replace(b"NGA,2025,224000,EUR", b"NG,20x5,224000,EURO"),
        filename="bad.csv",
    )
    wheres = [where for where, _message in parsed.messages]
    messages = " | ".join(message for _where, message in parsed.messages)
    assert wheres == ["row 2"] * 3
    assert (
        "recipient_iso3" in messages and "year" in messages and "currency" in messages
    )
