"""Account pages: profile; login, logout and passwords come from django.contrib.auth."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from casework.accounts.permissions import profile_of


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/profile.html", {"profile": profile_of(request.user)}
    )
