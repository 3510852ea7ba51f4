"""URLs that changed shape: a permanent redirect to the new one, query string kept."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.http import require_safe


def to(name: str) -> Callable[..., HttpResponse]:
    """A view answering 301 to the URL `name` built from the same keywords.

    Nothing is read or done here, so it needs no access rule: the new URL has its own.
    The converters already refused an unknown language or format (404).
    """

    @require_safe
    def redirect_view(request: HttpRequest, **kwargs: object) -> HttpResponse:
        url = reverse(name, kwargs=kwargs)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    redirect_view.__name__ = redirect_view.__qualname__ = (
        f"moved_to_{name.rsplit(':', 1)[-1]}"
    )
    redirect_view.__doc__ = f"The former shape of {name}: 301 to it."
    return redirect_view
