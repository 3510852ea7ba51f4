"""Uploads: a size limit enforced while streaming, nothing left behind on any failure."""

from __future__ import annotations

import errno
import os
import tempfile
import time
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from casework.documents import storage
from casework.documents.models import Document, StoredOriginal
from casework.documents.storage import StorageError, incoming_dir, sweep_incoming
from casework.documents.tests.bombs import write_bomb
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _post(client, *files, **extra):
    state = StateParty.objects.get(iso3="SEN")
    return client.post(
        reverse("documents:upload"),
        {"files": list(files), "state": state.pk, "kind": "other", "year": 2025},
        **extra,
    )


def _leftovers():
    folder = incoming_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_the_form_states_the_limit(client, owner, settings):
    settings.MAX_UPLOAD_MB = 7
    client.force_login(owner)
    body = client.get(reverse("documents:upload")).content.decode()
    assert "Up to 7 MB a file" in body
    french = client.get(reverse("documents:upload"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "7 Mo" in french.content.decode()


def test_a_file_over_the_limit_is_dropped_while_streaming_and_nothing_stored(
    client, owner, settings, tmp_path, monkeypatch
):
    settings.MAX_UPLOAD_MB = 1
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "upload-tmp")
    (tmp_path / "upload-tmp").mkdir()
    written = []
    monkeypatch.setattr(
        storage,
        "tempfile",
        SimpleNamespace(
            gettempdir=tempfile.gettempdir,
            NamedTemporaryFile=lambda *a, **k: (
                written.append(1) or tempfile.NamedTemporaryFile(*a, **k)  # noqa: SIM115
            ),
        ),
    )
    client.force_login(owner)
    big = SimpleUploadedFile("big.txt", b"x" * (3 * MB))
    small = SimpleUploadedFile("small.txt", b"Texte du rapport.")
    response = _post(client, small, big)
    assert response.status_code == 413
    body = response.content.decode()
    assert "big.txt is larger than 1 MB" in body and "nothing was stored" in body
    assert written == []  # storage was never asked to write anything
    assert not Document.objects.exists() and not StoredOriginal.objects.exists()
    assert list((tmp_path / "upload-tmp").iterdir()) == []  # Django's temp file too


def test_the_upload_view_still_checks_csrf(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = _post(client, SimpleUploadedFile("a.txt", b"Texte."))
    assert response.status_code == 403 and not Document.objects.exists()


def test_a_docx_zip_bomb_is_refused_at_upload(client, owner, tmp_path):
    bomb = write_bomb(tmp_path / "report.docx", "word/document.xml", megabytes=600)
    client.force_login(owner)
    with bomb.open("rb") as handle:
        response = _post(client, handle)
    assert response.status_code == 200
    assert "report.docx would unpack to" in response.content.decode()
    assert not StoredOriginal.objects.exists() and _leftovers() == []


class FullDisk:
    """A temporary file on a disk that fills up halfway through the first write: the
    partial bytes are on disk when the error comes."""

    def __init__(self, *args, **kwargs):
        self.inner = tempfile.NamedTemporaryFile(*args, **kwargs)  # noqa: SIM115
        self.name = self.inner.name

    def write(self, data):
        self.inner.write(data[: len(data) // 2])
        self.inner.flush()
        assert os.path.getsize(self.name) > 0
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.inner.close()
        return False


def test_a_failing_write_leaves_nothing_in_incoming(owner, monkeypatch):
    monkeypatch.setattr(
        storage,
        "tempfile",
        SimpleNamespace(NamedTemporaryFile=FullDisk, gettempdir=tempfile.gettempdir),
    )
    upload = SimpleUploadedFile("report.txt", b"y" * (200 * 1024))
    with pytest.raises(StorageError) as failed:
        storage.store_original(upload)
    assert failed.value.disk_full and failed.value.filename == "report.txt"
    assert _leftovers() == []
    assert not StoredOriginal.objects.exists()
    assert not list(storage.originals_dir().rglob("*.txt"))


def test_a_failing_database_write_removes_the_placed_original(owner, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise OSError(errno.EIO, "disk I/O error")

    monkeypatch.setattr(StoredOriginal, "save", broken_save)
    with pytest.raises(StorageError):
        storage.store_original(SimpleUploadedFile("r.txt", b"Texte du rapport."))
    assert _leftovers() == []
    assert not [p for p in storage.originals_dir().rglob("*") if p.is_file()]


def test_a_full_disk_gives_a_clear_page_not_a_500(client, owner, monkeypatch):
    monkeypatch.setattr(
        storage,
        "tempfile",
        SimpleNamespace(NamedTemporaryFile=FullDisk, gettempdir=tempfile.gettempdir),
    )
    client.force_login(owner)
    big_enough = SimpleUploadedFile("rapport.txt", b"z" * (3 * MB))
    response = _post(client, big_enough)
    assert response.status_code == 507
    body = response.content.decode()
    assert "rapport.txt was not stored: the server&#x27;s disk is full" in body
    assert "Traceback" not in body
    assert _leftovers() == [] and not Document.objects.exists()
    # The site still answers the same user afterwards.
    assert client.get(reverse("documents:list")).status_code == 200


def test_abandoned_partials_are_swept_and_fresh_ones_kept():
    folder = incoming_dir()
    folder.mkdir(parents=True)
    old, fresh = folder / "tmpold", folder / "tmpfresh"
    old.write_bytes(b"partial")
    fresh.write_bytes(b"in progress")
    an_hour_ago = time.time() - 2 * 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert sweep_incoming() == 1
    assert _leftovers() == ["tmpfresh"]


def test_abandoned_django_upload_copies_are_swept(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    old_copy = tmp_path / "tmpab12cd.upload.pdf"
    fresh_copy = tmp_path / "tmpzz99yy.upload.docx"
    other = tmp_path / "notes.txt"
    for path in (old_copy, fresh_copy, other):
        path.write_bytes(b"bytes")
    an_hour_ago = time.time() - 2 * 3600
    for path in (old_copy, other):
        os.utime(path, (an_hour_ago, an_hour_ago))
    assert sweep_incoming() == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "notes.txt",
        "tmpzz99yy.upload.docx",
    ]
