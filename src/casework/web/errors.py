"""The error pages (handler400/403/404/500 of `site/urls.py`), in the reader's language.

400, 403 and 404 sit in the site's layout (menus, language switcher). The 500 page is
rendered without the request's context processors and without the database: whatever
broke may be the database itself.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language

logger = logging.getLogger(__name__)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", {"path": request.path}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        body = loader.get_template("500.html").render(
            {"LANGUAGE_CODE": get_language() or "en"}
        )
    except Exception:  # the error page must never fail in turn
        logger.exception("the 500 page could not be rendered")
        body = "<!doctype html><title>Server error</title><h1>Server error</h1>"
    return HttpResponseServerError(body)
