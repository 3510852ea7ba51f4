"""Editing an extension request is checked against the version the page was loaded with
(an UPDATE … WHERE version = v): an edit from an older page is refused, its values kept
on the page, and nothing is saved (issue 15)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from casework.extensions.demo import load_demo
from casework.extensions.models import ExtensionRequest

pytestmark = pytest.mark.django_db

STALE = "Someone else saved this request since you opened it"


@pytest.fixture
def request_a():
    load_demo()
    return ExtensionRequest.objects.get(reference="DEMO-EXT-A")


def _page_data(client: Client, pk: int) -> dict[str, object]:
    """What the edit page would post back unchanged (its version included)."""
    page = client.get(f"/extensions/{pk}/edit/")
    assert page.status_code == 200
    form = page.context["form"]
    data: dict[str, object] = {
        k: ("" if v is None else v) for k, v in form.initial.items()
    }
    for _title, formset in page.context["formsets"]:
        data.update(
            {
                f"{formset.prefix}-{k}": v
                for k, v in formset.management_form.initial.items()
            }
        )
        for i, row in enumerate(formset.forms):
            for name, field in row.fields.items():
                value = row.initial.get(name, field.initial)
                if value is not None and name != "DELETE":
                    data[f"{formset.prefix}-{i}-{name}"] = getattr(value, "pk", value)
    data = {k: v for k, v in data.items() if v is not False}
    data["version"] = page.context["version"]
    return data


def test_two_pages_interleaved_the_older_is_refused_and_keeps_its_values(
    support, request_a
):
    tab1, tab2 = Client(), Client()
    tab1.force_login(support)
    tab2.force_login(support)
    first, second = _page_data(tab1, request_a.pk), _page_data(tab2, request_a.pk)
    assert first["version"] == second["version"] == request_a.version

    first["reference"] = "ONGLET-1"
    assert tab1.post(f"/extensions/{request_a.pk}/edit/", first).status_code == 302
    request_a.refresh_from_db()
    assert request_a.reference == "ONGLET-1"
    assert request_a.version == second["version"] + 1

    second["reference"] = "ONGLET-2"
    with translation.override("en"):
        refused = tab2.post(f"/extensions/{request_a.pk}/edit/", second)
    assert refused.status_code == 409
    body = refused.content.decode()
    assert STALE in body
    assert 'value="ONGLET-2"' in body  # the values typed stay in the form
    assert f'name="version" value="{second["version"]}"' in body  # still stale
    request_a.refresh_from_db()
    assert request_a.reference == "ONGLET-1"

    # Posting the refused page again is refused again; a reloaded page saves.
    assert tab2.post(f"/extensions/{request_a.pk}/edit/", second).status_code == 409
    fresh = _page_data(tab2, request_a.pk)
    fresh["reference"] = "ONGLET-2"
    assert tab2.post(f"/extensions/{request_a.pk}/edit/", fresh).status_code == 302
    request_a.refresh_from_db()
    assert request_a.reference == "ONGLET-2"


@pytest.mark.parametrize("version", [None, "", "x", "-1", "123456789012345678901"])
def test_an_edit_without_a_version_is_refused(client, support, request_a, version):
    client.force_login(support)
    data = _page_data(client, request_a.pk)
    data["reference"] = "SANS-VERSION"
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    assert client.post(f"/extensions/{request_a.pk}/edit/", data).status_code == 409
    request_a.refresh_from_db()
    assert request_a.reference == "DEMO-EXT-A"
