"""Every registered export format answers with its own file, and nothing else does.

Adding a format to `exports/registry.py` without a renderer, or a converter that lets an
unregistered value through, fails here (see CONTRIBUTING.md, "Add an export format").
"""

import re

import pytest
from django.http import Http404
from django.urls import converters as url_converters

from casework.domain.languages import LANGUAGES
from casework.exports import registry
from casework.exports.spec import DocumentSpec, Heading, Paragraph, Table

SPEC = DocumentSpec(
    title="Observations préliminaires",
    language="fr",
    blocks=(
        Heading("Difficultés et besoins"),
        Paragraph("Le Sénégal a communiqué 3 000 000 USD le 1er décembre 2025.", "1."),
        Table(("Année", "Montant"), (("2025", "1 250 000"),)),
    ),
)
MAGIC = {"docx": b"PK", "xlsx": b"PK", "pdf": b"%PDF"}


def test_kinds_partition_the_formats():
    assert set(registry.DOCUMENT_FORMATS) == {
        c for c, f in registry.FORMATS.items() if f.kind == "document"
    }
    assert set(registry.TABLE_FORMATS) == {
        c for c, f in registry.FORMATS.items() if f.kind == "table"
    }
    assert {"docx", "pdf"} <= set(registry.DOCUMENT_FORMATS)
    assert {"csv", "xlsx"} <= set(registry.TABLE_FORMATS)
    for code, found in registry.FORMATS.items():
        assert found.code == code and re.fullmatch(r"[a-z0-9]+", code)
        assert found.content_type


@pytest.mark.parametrize("fmt", registry.DOCUMENT_FORMATS)
def test_every_document_format_renders(fmt):
    found = registry.FORMATS[fmt]
    assert found.render_document is not None, f"{fmt}: no render_document"
    response = registry.document_response(
        SPEC, fmt=fmt, stem="observations-SEN-2025-fr"
    )
    assert response["Content-Type"] == found.content_type
    assert (
        f'filename="observations-SEN-2025-fr.{fmt}"' in response["Content-Disposition"]
    )
    assert response.content.startswith(MAGIC.get(fmt, b""))
    assert len(response.content) > 100


@pytest.mark.parametrize("fmt", registry.TABLE_FORMATS)
def test_every_table_format_renders(fmt):
    response = registry.table_response(
        ("État", "Montant"), [("Sénégal", "1 250 000")], fmt=fmt, stem="needs"
    )
    assert response["Content-Type"] == registry.FORMATS[fmt].content_type
    assert f'filename="needs.{fmt}"' in response["Content-Disposition"]
    assert response.content.startswith(MAGIC.get(fmt, b""))
    if fmt == "csv":
        assert "Sénégal" in response.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("fmt", "kind"),
    [("odt", "document"), ("csv", "document"), ("pdf", "table"), ("", "table")],
)
def test_an_unknown_format_is_a_404_never_another_format(fmt, kind):
    with pytest.raises(Http404):
        registry.export_format(fmt, kind=kind)
    if kind == "document":
        with pytest.raises(Http404):
            registry.document_response(SPEC, fmt=fmt, stem="x")
    else:
        with pytest.raises(Http404):
            registry.table_response(("a",), [], fmt=fmt, stem="x")


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("lang", LANGUAGES),
        ("docformat", registry.DOCUMENT_FORMATS),
        ("tableformat", registry.TABLE_FORMATS),
    ],
)
def test_url_converters_match_exactly_the_registered_values(name, values):
    converter = url_converters.get_converters()[name]
    pattern = re.compile(f"^(?:{converter.regex})$")
    for value in values:
        assert pattern.match(value), value
        assert converter.to_url(value) == value
    for other in ("de", "odt", "PDF", "pdf2", "xlsx.", "e"):
        if other not in values:
            assert not pattern.match(other), other
            with pytest.raises(ValueError):
                converter.to_url(other)
