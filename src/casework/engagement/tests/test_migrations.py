"""0002 turns each `<text>_en` / `<text>_fr` pair into one {language: text} field."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("engagement", "0001_cases_platforms_visits_events_log")]
AFTER = [("engagement", "0002_texts_by_language")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_old_columns_are_copied_into_the_texts_and_back():
    old = migrate(BEFORE)
    state = old.get_model("states", "StateParty").objects.get(iso3="GNB")
    Event = old.get_model("engagement", "Event")
    event = Event.objects.create(
        kind="workshop",
        start=dt.date(2025, 3, 26),
        title_en="reporting",
        title_fr="les rapports",
        outcome_en="Agreed a plan.",
        outcome_fr="",
    )
    case = old.get_model("engagement", "Case").objects.create(
        state=state,
        requested_on=dt.date(2025, 1, 15),
        final_report_en="Report.",
        final_report_fr="Rapport.",
    )
    entry = old.get_model("engagement", "LogEntry").objects.create(
        year=2025,
        date=dt.date(2025, 3, 26),
        source_key="event:1",
        generated_en="Generated.",
        generated_fr="Généré.",
        edited_fr="Réécrit.",
    )
    priority = old.get_model("engagement", "Priority").objects.create(
        year=2025, text_en="First.", text_fr="Premier."
    )
    year = old.get_model("engagement", "CommitteeYear").objects.create(
        year=2025, meeting_en="Meeting", meeting_fr="Assemblée"
    )
    visit = old.get_model("engagement", "ExchangeVisit").objects.create(
        requesting_state=state,
        host_state=state,
        topic_en="a centre",
        topic_fr="un centre",
    )

    new = migrate(AFTER)

    def fetch(model, row):
        return new.get_model("engagement", model).objects.get(pk=row.pk)

    moved = fetch("Event", event)
    assert moved.titles == {"en": "reporting", "fr": "les rapports"}
    assert moved.outcomes == {"en": "Agreed a plan."}  # an empty text is left out
    assert fetch("Case", case).final_reports == {"en": "Report.", "fr": "Rapport."}
    moved_entry = fetch("LogEntry", entry)
    assert moved_entry.generated == {"en": "Generated.", "fr": "Généré."}
    assert moved_entry.edited == {"fr": "Réécrit."}
    assert fetch("Priority", priority).texts == {"en": "First.", "fr": "Premier."}
    assert fetch("CommitteeYear", year).meetings == {"en": "Meeting", "fr": "Assemblée"}
    assert fetch("ExchangeVisit", visit).topics == {"en": "a centre", "fr": "un centre"}

    # Spanish written after the migration is dropped on the way back; the rest returns.
    new.get_model("engagement", "Event").objects.filter(pk=event.pk).update(
        titles={"en": "reporting", "fr": "les rapports", "es": "los informes"}
    )
    back = migrate(BEFORE)
    event = back.get_model("engagement", "Event").objects.get(pk=event.pk)
    assert (event.title_en, event.title_fr, event.outcome_fr) == (
        "reporting",
        "les rapports",
        "",
    )
    entry = back.get_model("engagement", "LogEntry").objects.get(pk=entry.pk)
    assert (entry.generated_fr, entry.edited_fr, entry.edited_en) == (
        "Généré.",
        "Réécrit.",
        "",
    )
    migrate(AFTER)
