"""Optimistic concurrency of the draft: every save is an UPDATE … WHERE revision = the
page's revision, so an interleaved save from an older page is refused and its text kept
on the page (issue 15)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from casework.reporting import services
from casework.reporting.models import Report
from casework.reporting.tests.factories import make_report

pytestmark = pytest.mark.django_db

STALE = "Someone else saved this form since you opened it"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _page_revision(client: Client, report: Report) -> str:
    page = client.get(reverse("reporting:edit", args=[report.pk])).content.decode()
    match = re.search(r'name="revision" id="revision" value="(\d+)"', page)
    assert match is not None
    return match[1]


def _autosave(client: Client, report: Report, revision: str | None, text: str):
    data = {"A.__present": "1", "A.measures": text}
    if revision is not None:
        data["revision"] = revision
    return client.post(
        reverse("reporting:autosave", args=[report.pk]), data, HTTP_HX_REQUEST="true"
    )


@pytest.mark.parametrize("second", ["owner", "colleague"])
def test_tab1_tab2_interleaving_is_refused_and_keeps_the_text(owner, colleague, second):
    """Tab 1 and tab 2 open the draft; tab 1 saves; tab 2's save (from the older page)
    is refused, whoever types in it, and its text is shown back, not lost."""
    report = make_report(answers={})
    tab1, tab2 = Client(), Client()
    tab1.force_login(owner)
    tab2.force_login(owner if second == "owner" else colleague)
    revision1, revision2 = _page_revision(tab1, report), _page_revision(tab2, report)
    assert revision1 == revision2

    first = _autosave(tab1, report, revision1, "Loi 2001-05, texte de l'onglet 1")
    assert b"save-saved" in first.content
    new_revision = re.search(rb'id="revision" value="(\d+)"', first.content)
    assert new_revision is not None and int(new_revision[1]) == int(revision1) + 1

    refused = _autosave(tab2, report, revision2, "Texte de l'onglet 2")
    body = refused.content.decode()
    assert refused.status_code == 200  # htmx swaps only 2xx answers
    assert "save-stale" in body and STALE in body
    assert "Texte de l&#x27;onglet 2" in body  # the text that was not saved, to copy
    assert 'id="revision"' not in body  # the page keeps its old revision: still refused
    report.refresh_from_db()
    assert report.answers["A"]["measures"] == "Loi 2001-05, texte de l'onglet 1"

    # Tab 2 goes on typing: every further save is refused too, until it reloads.
    again = _autosave(tab2, report, revision2, "Texte de l'onglet 2, suite")
    assert STALE in again.content.decode()
    report.refresh_from_db()
    assert report.answers["A"]["measures"] == "Loi 2001-05, texte de l'onglet 1"

    # Reloaded, tab 2 sees tab 1's text and saves on top of it.
    reloaded = _page_revision(tab2, report)
    assert reloaded == str(report.revision)
    saved = _autosave(tab2, report, reloaded, "Texte de l'onglet 2, après lecture")
    assert b"save-saved" in saved.content
    report.refresh_from_db()
    assert report.answers["A"]["measures"] == "Texte de l'onglet 2, après lecture"


@pytest.mark.parametrize("revision", [None, "", "abc", "-1", "99999999999999999999"])
def test_a_save_without_a_revision_is_refused(client, owner, revision):
    report = make_report(answers={"A": {"measures": "Texte enregistré"}})
    client.force_login(owner)
    response = _autosave(client, report, revision, "Texte sans révision")
    assert response.status_code == 200
    assert STALE in response.content.decode()
    report.refresh_from_db()
    assert report.answers["A"]["measures"] == "Texte enregistré"
    with pytest.raises(services.StaleDraft):
        services.save_draft(
            report,
            user=owner,
            answers={"A": {"measures": "x"}},
            flags={},
            revision=None,
        )


def test_the_update_itself_is_conditional_on_the_revision(owner, monkeypatch):
    """Another save landing between the read and the write: the UPDATE matches no row."""
    report = make_report(answers={"A": {"measures": "avant"}})
    real = services.can_edit

    def someone_saves_meanwhile(user, current):
        Report.objects.filter(pk=current.pk).update(
            revision=current.revision + 1, answers={"A": {"measures": "entre-temps"}}
        )
        return real(user, current)

    monkeypatch.setattr(services, "can_edit", someone_saves_meanwhile)
    with pytest.raises(services.StaleDraft):
        services.save_draft(
            report,
            user=owner,
            answers={"A": {"measures": "perdu ?"}},
            flags={},
            revision=report.revision,
        )
    report.refresh_from_db()
    # (the refusal rolls back save_draft's savepoint, the simulated save with it)
    assert report.answers["A"]["measures"] != "perdu ?"


def test_a_stale_save_without_javascript_shows_both_texts(client, owner, colleague):
    report = make_report(answers={})
    client.force_login(owner)
    services.save_draft(
        report,
        user=colleague,
        answers={"A": {"measures": "Texte de la collègue"}},
        flags={},
        revision=report.revision,
    )
    response = client.post(
        reverse("reporting:edit", args=[report.pk]),
        {"revision": "0", "A.__present": "1", "A.measures": "Mon texte à moi"},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert STALE in body
    assert "Mon texte à moi" in body  # kept, below the message
    assert "Texte de la collègue" in body  # the draft as saved now, in the form
    report.refresh_from_db()
    assert report.answers["A"]["measures"] == "Texte de la collègue"


def test_a_flag_change_from_a_stale_page_leaves_the_form_as_typed(client, owner):
    report = make_report(answers={})
    services.save_draft(
        report, user=owner, answers={"A": {"measures": "x"}}, flags={}, revision=0
    )
    client.force_login(owner)
    response = client.post(
        reverse("reporting:form_flag", args=[report.pk, "H"]),
        {"revision": "0", "flag.H": "unchanged"},
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Reswap"] == "none"
    assert STALE in response.content.decode()
    report.refresh_from_db()
    assert "H" not in report.flags
