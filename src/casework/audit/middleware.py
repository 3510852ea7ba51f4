"""Marks the requests of the Django admin, so that every change made there is logged."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from functools import cache

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

# The signed-in user of the admin request being served (None outside the admin).
admin_actor: ContextVar[User | None] = ContextVar("audit_admin_actor", default=None)


@cache
def admin_prefix() -> str:
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return "/admin/"


class AdminAuditMiddleware:
    """After AuthenticationMiddleware: inside an admin request, `admin_actor` is its user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            not request.path.startswith(admin_prefix())
            or not isinstance(user, User)
            or not user.is_authenticated
        ):
            return self.get_response(request)
        token = admin_actor.set(user)
        try:
            return self.get_response(request)
        finally:
            admin_actor.reset(token)
