"""Account pages: profile; login, logout and passwords come from django.contrib.auth."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from casework.accounts.models import Role
from casework.accounts.permissions import profile_of, role_of, signed_in_required


@signed_in_required
def profile(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    return render(
        request,
        "accounts/profile.html",
        {
            "profile": profile_of(request.user),
            "role_label": Role(role).label if role else None,
        },
    )
