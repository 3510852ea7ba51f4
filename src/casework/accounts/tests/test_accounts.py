import pytest
from django.contrib.auth.hashers import identify_hasher
from django.contrib.auth.models import User
from django.core import mail

from casework.accounts import permissions
from casework.accounts.models import Role
from casework.accounts.services import create_user

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = create_user("hashed", "a-Long-pass-phrase-42", role=Role.SUPPORT_UNIT)
    assert identify_hasher(user.password).algorithm == "argon2"


def test_login_and_logout(client, owner):
    response = client.post(
        "/accounts/login/", {"username": "owner", "password": "a-Long-pass-phrase-42"}
    )
    assert response.status_code == 302
    assert client.get("/accounts/profile/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/accounts/profile/").status_code == 302


def test_profile_is_not_public(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_repeated_failed_logins_lock_the_account_out(client, owner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "owner", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": "owner", "password": "a-Long-pass-phrase-42"}
    )
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert client.get("/accounts/profile/").status_code == 302


def test_password_change_requires_the_old_password(client, owner):
    client.force_login(owner)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": "a-Long-pass-phrase-42",
            "new_password1": "Another-Long-phrase-77",
            "new_password2": "Another-Long-phrase-77",
        },
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("Another-Long-phrase-77")


def test_password_reset_mail_is_queued_then_sent_by_the_worker(
    client, owner, run_queued_tasks
):
    from django_tasks_db.models import DBTaskResult

    response = client.post("/accounts/password/reset/", {"email": "owner@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []  # the web request only queues the task
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    run_queued_tasks()

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body
    assert mail.outbox[0].to == ["owner@example.org"]


def test_roles_decide_workspace_access(owner, outsider, committee_member, support):
    from casework.states.models import StateParty

    senegal = StateParty.objects.get(iso3="SEN")
    assert permissions.can_view_state_workspace(owner, senegal)
    assert not permissions.can_view_state_workspace(outsider, senegal)
    assert permissions.can_view_state_workspace(committee_member, senegal)
    assert permissions.can_view_state_workspace(support, senegal)
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.can_view_state_workspace(AnonymousUser(), senegal)


def test_user_without_profile_has_no_role(db):
    plain = User.objects.create_user("plain", password="x")
    assert permissions.role_of(plain) is None


def test_profile_names_the_role_of_a_superuser_without_profile(client):
    admin = User.objects.create_superuser("root", "root@example.org", "x-Long-pass-42")
    client.force_login(admin)
    body = client.get("/accounts/profile/").content.decode()
    assert "Support unit" in body


def test_preferred_languages_are_the_domain_languages():
    from casework.accounts.models import Profile
    from casework.domain.languages import LANGUAGES, NATIVE

    field = Profile._meta.get_field("preferred_language")
    assert list(field.choices) == [(code, NATIVE[code]) for code in LANGUAGES]


def test_a_new_browser_starts_in_the_profile_language(client, owner, settings):
    """Issue 14: the interface follows the profile's language after logging in, unless
    a language was already chosen in this browser (the header's switcher)."""
    owner.profile.preferred_language = "es"
    owner.profile.save()
    credentials = {"username": "owner", "password": "a-Long-pass-phrase-42"}
    response = client.post("/accounts/login/", credentials)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    page = client.get("/accounts/profile/").content.decode()
    assert '<html lang="es"' in page
    client.post("/accounts/logout/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.post("/accounts/login/", credentials)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert '<html lang="fr"' in client.get("/accounts/profile/").content.decode()
