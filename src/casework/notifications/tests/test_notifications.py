"""Inbox, unread count, e-mails in the recipient's language, preferences, deadlines,
findings awaiting review."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from casework.documents.models import AnalysisRun, Document, StoredOriginal
from casework.findings.models import Finding
from casework.notifications.deadlines import (
    notify_deadlines,
    notify_initial_report_deadlines,
    notify_report_deadline,
    threshold,
)
from casework.notifications.models import Notification
from casework.notifications.services import notify, unread_count
from casework.notifications.texts import render
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db
Kind = Notification.Kind
PARAMS = {
    "report": 1,
    "iso3": "SEN",
    "year": 2026,
    "version": 1,
    "actor": "colleague",
    "on": "2026-04-02",
}


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def set_profile(user, **fields):
    for name, value in fields.items():
        setattr(user.profile, name, value)
    user.profile.save()


def test_inbox_lists_only_my_notifications_and_marks_them_read(client, owner, outsider):
    mine = notify([owner], Kind.REPORT_CLEARED, params=PARAMS, url="/reporting/1/")[0]
    theirs = notify([outsider], Kind.REPORT_CLEARED, params=PARAMS)[0]
    client.force_login(owner)
    home = client.get(reverse("home")).content.decode()
    assert 'class="badge"' in home and ">1</span>" in home  # unread in the header
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Senegal, Article 7 report 2026: cleared" in page
    assert f"notification-{theirs.pk}" not in page
    assert (
        client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    )
    client.post(reverse("notifications:read", args=[mine.pk]))
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.is_read and not theirs.is_read
    assert unread_count(owner) == 0
    assert 'class="badge"' not in client.get(reverse("home")).content.decode()


def test_mark_all_read_touches_only_my_own(client, owner, outsider):
    notify([owner, outsider], Kind.REPORT_CLEARED, params=PARAMS)
    notify([owner], Kind.REPORT_RETURNED, params=PARAMS)
    client.force_login(owner)
    assert unread_count(owner) == 2
    client.post(reverse("notifications:read_all"))
    assert unread_count(owner) == 0
    assert unread_count(outsider) == 1


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_email_and_inbox_speak_the_recipients_language_not_the_senders(
    client, owner, run_queued_tasks, django_capture_on_commit_callbacks
):
    set_profile(owner, preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        notify([owner], Kind.REPORT_SUBMITTED, params=PARAMS, url="/reporting/1/")
    assert mail.outbox == []  # queued for the worker, not sent by the request
    run_queued_tasks()
    (message,) = mail.outbox
    assert message.to == ["owner@example.org"]
    assert (
        message.subject == "Sénégal, rapport au titre de l'article 7 pour 2026 : reçu"
    )
    assert "2 avril 2026" in message.body
    assert "http://localhost:8000/reporting/1/" in message.body
    assert message.extra_headers["Content-Language"] == "fr"
    assert Notification.objects.get().emailed_at is not None


@pytest.mark.parametrize(
    ("interface", "subject", "body"),
    [
        ("en", "Senegal, Article 7 report 2026: received", "2 April 2026"),
        (
            "fr",
            "Sénégal, rapport au titre de l&#x27;article 7 pour 2026 : reçu",
            "2 avril 2026",
        ),
        (
            "es",
            "Senegal, informe del artículo 7 de 2026: recibido",
            "2 de abril de 2026",
        ),
    ],
)
def test_the_inbox_speaks_the_interface_language_whatever_the_profile_says(
    client, owner, interface, subject, body
):
    """Stored as kind + parameters, written at display time in the page's language; the
    profile language (French here) only decides the e-mails."""
    set_profile(owner, preferred_language="fr")
    notify([owner], Kind.REPORT_SUBMITTED, params=PARAMS, url="/reporting/1/")
    client.force_login(owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = interface
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert f'<html lang="{interface}"' in page
    assert subject in page and body in page
    assert f'<ul class="inbox" lang="{interface}">' in page
    # the same notification, read again in another language, changes with it
    other = "es" if interface != "es" else "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = other
    again = client.get(reverse("notifications:inbox")).content.decode()
    assert subject not in again


def test_a_count_of_one_finding_is_singular_in_every_language():
    params = {"iso3": "SEN", "document": "sen-2026.pdf", "count": 1}
    one = Notification(kind=Kind.FINDINGS_AWAITING_REVIEW, params=params)
    many = Notification(
        kind=Kind.FINDINGS_AWAITING_REVIEW, params={**params, "count": 3}
    )
    assert "found 1 finding that awaits review" in render(one, "en").body
    assert "found 3 findings that await review" in render(many, "en").body
    assert "1 constat en attente" in render(one, "fr").body
    assert "3 constats en attente" in render(many, "fr").body
    assert "1 hallazgo pendiente" in render(one, "es").body
    assert "3 hallazgos pendientes" in render(many, "es").body


@pytest.mark.parametrize(
    ("language", "word"), [("en", "cleared"), ("fr", "validé"), ("es", "aprobado")]
)
def test_every_kind_is_written_in_every_language(language, word):
    for kind in Kind:
        params = {
            **PARAMS,
            "due": "2026-04-30",
            "days": 7,
            "count": 3,
            "document": "r.pdf",
        }
        text = render(Notification(kind=kind, params=params), language)
        assert text.subject and text.body
        assert "%(" not in text.subject + text.body
    cleared = render(Notification(kind=Kind.REPORT_CLEARED, params=PARAMS), language)
    assert word in cleared.subject


def test_a_user_who_turned_an_email_off_still_sees_it_in_the_inbox(
    client, owner, run_queued_tasks, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    response = client.post(
        reverse("profile"),
        {
            "preferred_language": "es",
            "email_on_clearance": "on",
            "email_on_findings": "on",
            "email_on_deadlines": "on",
        },  # report steps left unticked
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "es"  # the interface too
    owner.profile.refresh_from_db()
    assert owner.profile.preferred_language == "es"
    assert owner.profile.email_on_report_steps is False
    with django_capture_on_commit_callbacks(execute=True):
        notify([owner], Kind.REPORT_CLEARED, params=PARAMS)
        notify([owner], Kind.CLEARANCE_REQUESTED, params=PARAMS)
    run_queued_tasks()
    assert [m.subject for m in mail.outbox] == [
        "Senegal, informe del artículo 7 de 2026: pendiente de su aprobación"
    ]
    assert Notification.objects.filter(recipient=owner).count() == 2


def test_profile_settings_refuse_an_unknown_language(client, owner):
    client.force_login(owner)
    response = client.post(reverse("profile"), {"preferred_language": "xx"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    owner.profile.refresh_from_db()
    assert owner.profile.preferred_language == "en"


def test_thresholds():
    assert [threshold(d) for d in (45, 30, 29, 8, 7, 2, 1, 0, -1)] == [
        None, 30, 30, 30, 7, 7, 1, 1, None,
    ]  # fmt: skip


def test_deadline_notices_reach_states_not_yet_reported_once_per_threshold(
    owner, outsider
):
    from casework.compliance.services import record_submission

    record_submission(
        StateParty.objects.get(iso3="PER"),
        2026,
        submitted_at=dt.date(2026, 3, 20),
        source="manual",
    )
    assert notify_report_deadline(dt.date(2026, 3, 1)) == 0  # 60 days left
    assert notify_report_deadline(dt.date(2026, 4, 1)) == 1
    assert notify_report_deadline(dt.date(2026, 4, 2)) == 0  # same threshold: once
    assert notify_report_deadline(dt.date(2026, 4, 25)) == 1
    notices = Notification.objects.filter(kind=Kind.DEADLINE_APPROACHING)
    assert {n.recipient for n in notices} == {owner}
    latest = notices.order_by("-pk").first()
    assert latest.params["due"] == "2026-04-30" and latest.params["days"] == 5
    assert "30 April 2026" in render(latest, "en").subject
    assert notify_report_deadline(dt.date(2026, 5, 2)) == 0  # past


def test_notify_deadlines_command(owner, capsys):
    StateParty.objects.update(article5_deadline="")  # the 30 April deadline only
    call_command("notify_deadlines", "--date", "2026-04-29")
    assert "1 notifications" in capsys.readouterr().out
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("notify_deadlines", "--date", "29/04/2026")


def test_support_unit_is_told_of_findings_awaiting_review_once_per_run(owner, support):
    original = StoredOriginal.objects.create(sha256="b" * 64, size=10, extension=".txt")
    document = Document.objects.create(
        state=StateParty.objects.get(iso3="SEN"),
        kind="article7_report",
        year=2025,
        filename="rapport.txt",
        original=original,
        uploaded_by=owner,
    )
    run = AnalysisRun.objects.create(document=document)
    Finding.objects.create(
        document=document, indicator="national_platform", run=run, source="analyser"
    )
    assert not Notification.objects.exists()  # still queued
    run.status = AnalysisRun.Status.DONE
    run.save()
    run.save()
    notice = Notification.objects.get(kind=Kind.FINDINGS_AWAITING_REVIEW)
    assert notice.recipient == support
    assert notice.params["count"] == 1
    assert notice.url == reverse("findings:document", args=[document.pk])
    assert "rapport.txt" in render(notice, "en").body


def test_article5_deadline_notices_a_year_six_months_and_a_month_before(owner):
    senegal = StateParty.objects.get(iso3="SEN")
    senegal.article5_deadline = "2027-03-01"
    senegal.save()
    StateParty.objects.exclude(pk=senegal.pk).update(article5_deadline="")
    before = dt.date(2025, 12, 1)  # 455 days before
    assert notify_deadlines(before) == 0
    assert notify_deadlines(dt.date(2026, 5, 1)) == 1  # 304 days: a year
    assert notify_deadlines(dt.date(2026, 5, 2)) == 0
    assert notify_deadlines(dt.date(2026, 9, 1)) == 1  # 181 days: six months
    notice = (
        Notification.objects.filter(params__deadline="article5").order_by("-pk").first()
    )
    assert notice.recipient == owner
    assert notice.url == reverse("states:detail", args=["SEN"])
    french = render(notice, "fr")
    assert "1er mars 2027" in french.subject
    assert "du Sénégal" in french.body and "181 jours" in french.body


def test_initial_report_notices_until_a_report_is_received(owner):
    from casework.compliance.models import Submission
    from casework.compliance.services import record_submission

    senegal = StateParty.objects.get(iso3="SEN")
    senegal.date_entry_into_force = "2026-02-01"  # initial report due 31 July 2026
    senegal.save()
    Submission.objects.filter(state=senegal).delete()
    assert notify_initial_report_deadlines(dt.date(2026, 6, 1)) == 0  # 60 days
    assert notify_initial_report_deadlines(dt.date(2026, 7, 10)) == 1
    assert notify_initial_report_deadlines(dt.date(2026, 7, 11)) == 0
    notice = Notification.objects.get(params__deadline="initial_report")
    assert notice.recipient == owner and notice.params["due"] == "2026-07-31"
    spanish = render(notice, "es")
    assert "31 de julio de 2026" in spanish.subject and "21 días" in spanish.body
    record_submission(senegal, 2026, submitted_at=dt.date(2026, 7, 20), source="manual")
    assert notify_initial_report_deadlines(dt.date(2026, 7, 28)) == 0
