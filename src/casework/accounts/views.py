"""Account pages: profile; login, logout and passwords come from django.contrib.auth."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casework.accounts.client_address import client_address
from casework.accounts.forms import ProfileSettingsForm, QueuedPasswordResetForm
from casework.accounts.models import Role
from casework.accounts.permissions import profile_of, role_of, signed_in_required
from casework.accounts.throttle import reset_allowed
from casework.domain.languages import normalise


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )


class LoginView(auth_views.LoginView):
    """Log in; a browser where no language was chosen yet starts in the profile's."""

    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        mine = profile_of(self.request.user)
        if mine is not None and settings.LANGUAGE_COOKIE_NAME not in (
            self.request.COOKIES
        ):
            _set_language_cookie(response, normalise(mine.preferred_language))
        return response


@signed_in_required
def profile(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    mine = profile_of(request.user)
    form = ProfileSettingsForm(request.POST or None, instance=mine) if mine else None
    if request.method == "POST":
        if form is None:
            messages.error(
                request,
                _(
                    "Your account has no profile to keep settings in; ask the support unit."
                ),
            )
            return redirect("profile")
        if form.is_valid():
            saved = form.save()
            language = saved.preferred_language
            with translation.override(language):
                messages.success(request, _("Your settings were saved."))
            response = redirect("profile")
            # The interface follows the preferred language from now on (the switcher
            # in the header still changes it for the session).
            _set_language_cookie(response, language)
            return response
    return render(
        request,
        "accounts/profile.html",
        {
            "profile": mine,
            "role_label": Role(role).label if role else None,
            "form": form,
        },
    )


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Password reset, at most so many requests an hour per address and per e-mail
    (accounts.throttle); beyond that, the form again with a message and a 429."""

    form_class = QueuedPasswordResetForm

    def form_valid(self, form: Any) -> HttpResponse:
        allowed, minutes = reset_allowed(
            address=client_address(self.request), email=form.cleaned_data["email"]
        )
        if not allowed:
            form.add_error(
                None,
                ngettext(
                    "Too many password-reset requests from this address or for this "
                    "e-mail address. Nothing was sent; try again in %(minutes)d "
                    "minute, or ask the support unit.",
                    "Too many password-reset requests from this address or for this "
                    "e-mail address. Nothing was sent; try again in %(minutes)d "
                    "minutes, or ask the support unit.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
