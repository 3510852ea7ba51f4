"""A decorator turning permissions.LoginNeeded into the usual redirect to the login page."""

from __future__ import annotations

from functools import wraps

from casework.extensions.permissions import LoginNeeded, login_redirect


def public_if_published(view):
    """For pages anyone may see once the request is published (login otherwise)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except LoginNeeded:
            return login_redirect(request)

    return wrapper
