"""Issue 8's done-when: an IATI file with two mine action activities (EUR, NOK) and one
unrelated activity -> only the two appear, converted with the loaded rates; re-import adds
nothing."""

from decimal import Decimal
from pathlib import Path

import pytest

from casework.funding import iati
from casework.funding.models import Contribution, Status
from casework.funding.services import ImportResult, save_rows, set_rate

SAMPLE = Path(__file__).parent / "samples" / "mine_action_activities.xml"

pytestmark = pytest.mark.django_db


def import_sample() -> ImportResult:
    parsed = iati.read_iati(SAMPLE.read_bytes(), filename=SAMPLE.name)
    result = ImportResult(skipped=parsed.skipped, messages=parsed.messages)
    return save_rows(parsed.rows, batch=None, result=result)


def test_only_mine_action_activities_are_imported_and_converted():
    set_rate("EUR", 2024, Decimal("0.925"))
    set_rate("NOK", 2023, Decimal("10.5"))

    result = import_sample()

    identifiers = {c.source_reference.split(" · ")[1] for c in result.created}
    assert identifiers == {"XX-GOV-1-MA-001", "XX-NOK-2-VA-7"}
    assert Contribution.objects.filter(recipient_iso3="COL").count() == 0
    commitment = Contribution.objects.get(natural_key__contains="MA-001-T1")
    assert commitment.status == Status.COMMITTED
    assert commitment.recipient_iso3 == "AGO"
    assert commitment.currency == "EUR"
    assert commitment.amount_usd == Decimal("1081081.08")  # 1,000,000 / 0.925
    assert commitment.rate_used == Decimal("0.925")
    assert commitment.channel == "ngo"
    assert commitment.donor.iso3 == "DEU"
    nok = Contribution.objects.get(recipient_iso3="KHM")
    # 60 % of the activity is DAC 15250; the rest (12220, basic health care) is not.
    assert nok.amount == Decimal("3000000.00")
    assert nok.amount_usd == Decimal("285714.29")
    assert nok.sector == "victim_assistance"
    assert nok.source == "iati"


def test_reimporting_creates_no_duplicates():
    set_rate("EUR", 2024, Decimal("0.925"))
    first = import_sample()
    count = Contribution.objects.count()

    second = import_sample()

    assert len(first.created) == 3
    assert second.created == []
    assert second.unchanged == 3
    assert Contribution.objects.count() == count


def test_missing_rate_is_flagged_not_converted_then_converted_when_loaded():
    import_sample()
    nok = Contribution.objects.get(recipient_iso3="KHM")
    assert nok.amount_usd is None
    assert nok.rate_used is None
    assert nok.is_rate_missing

    converted = set_rate("NOK", 2023, Decimal("10"))

    nok.refresh_from_db()
    assert converted == 1
    assert nok.amount_usd == Decimal("300000.00")


def test_incoming_funds_are_skipped_with_a_message():
    parsed = iati.read_iati(SAMPLE.read_bytes(), filename=SAMPLE.name)
    assert parsed.activities_seen == 3
    assert parsed.activities_mine_action == 2
    assert any("incoming funds" in message for _, message in parsed.messages)


def test_dac3_152_counts_only_with_a_mine_action_keyword():
    def activity(title: str) -> bytes:
        return f"""<iati-activities version="2.03"><iati-activity default-currency="USD">
        <iati-identifier>XX-1-{len(title)}</iati-identifier>
        <reporting-org ref="XX-1" type="40"><narrative>UN Test Fund</narrative></reporting-org>
        <title><narrative>{title}</narrative></title><recipient-country code="IQ"/>
        <sector vocabulary="2" code="152"/>
        <transaction><transaction-type code="3"/><transaction-date iso-date="2022-01-01"/>
        <value>10</value></transaction></iati-activity></iati-activities>""".encode()

    assert len(iati.read_iati(activity("Peace talks support"), filename="a").rows) == 0
    rows = iati.read_iati(
        activity("Clearance of explosive remnants of war"), filename="b"
    ).rows
    assert len(rows) == 1
    assert rows[0].donor_kind == "un"


def test_parser_expands_no_entity_and_reads_no_external_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = f"""<?xml version="1.0"?>
<!DOCTYPE iati-activities [<!ENTITY x SYSTEM "file://{secret}"><!ENTITY y "boom">]>
<iati-activities version="2.03"><iati-activity default-currency="USD">
<iati-identifier>XX-&y;</iati-identifier>
<reporting-org ref="XX" type="10"><narrative>&x;</narrative></reporting-org>
<title><narrative>demining</narrative></title><recipient-country code="AO"/>
<sector code="15250"/><transaction><transaction-type code="3"/>
<transaction-date iso-date="2022-01-01"/><value>10</value></transaction>
</iati-activity></iati-activities>""".encode()
    parsed = iati.read_iati(data, filename="evil.xml")
    assert all("TOP-SECRET" not in row.donor_name for row in parsed.rows)
    assert all("boom" not in row.natural_key for row in parsed.rows)


def test_a_broken_file_says_what_to_do():
    with pytest.raises(iati.IatiError, match="not well-formed"):
        iati.read_iati(b"<iati-activities>", filename="broken.xml")
    with pytest.raises(iati.IatiError, match="organisation files"):
        iati.read_iati(b"<iati-organisations/>", filename="org.xml")


def _one_activity(value: str, *, percentage: str = "100") -> bytes:
    return f"""<iati-activities version="2.03"><iati-activity default-currency="USD">
    <iati-identifier>XX-NUM-1</iati-identifier>
    <reporting-org ref="XX-1" type="40"><narrative>UN Test Fund</narrative></reporting-org>
    <title><narrative>Demining</narrative></title><recipient-country code="AO"/>
    <sector code="15250" percentage="{percentage}"/>
    <transaction><transaction-type code="3"/><transaction-date iso-date="2022-01-01"/>
    <value>{value}</value></transaction></iati-activity></iati-activities>""".encode()


def test_values_are_read_by_the_one_parser_with_the_iati_decimal_point():
    assert iati.read_iati(_one_activity("1500000.50"), filename="a").rows[
        0
    ].amount == Decimal("1500000.50")
    # Thousands separators are not IATI, but they cannot be misread with a point.
    assert iati.read_iati(_one_activity("1,500,000"), filename="b").rows[
        0
    ].amount == Decimal("1500000")


def test_a_value_with_a_decimal_comma_is_refused_not_read_as_thousands():
    parsed = iati.read_iati(_one_activity("823,4"), filename="c")
    assert parsed.rows == []
    assert parsed.skipped == 1
    ((where, message),) = parsed.messages
    assert where == "activity XX-NUM-1, transaction 1"
    assert message.startswith("<value> '823,4'")
    assert "point before the decimals" in message


def test_an_unreadable_percentage_skips_the_activity_instead_of_counting_all():
    parsed = iati.read_iati(_one_activity("1000", percentage="6O"), filename="d")
    assert parsed.rows == []
    assert parsed.skipped == 1
    assert "percentage '6O' is not a number" in parsed.messages[0][1]
