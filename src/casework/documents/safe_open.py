"""Open office files and CSV that people upload, within limits, before anything parses them.

A DOCX, XLSX or ODT is a zip archive: 1 MB on the wire can unpack to gigabytes (a "zip
bomb"). `check_zip` reads only the archive's directory and refuses it, before a byte is
unpacked, when the compressed size, the number of members, the total unpacked size (the
sum of each member's declared size, which `zipfile` never reads past) or the unpacking
ratio is over its limit. `open_xlsx` then opens the workbook with openpyxl in read-only
(streaming) mode and `xlsx_rows` counts rows and cells while they are read. `read_csv`
finds a CSV's encoding (BOM, UTF-8, else charset-normalizer) and `csv_rows` counts its rows.

Every refusal is a `FileRefused` whose message (translated) names the file, the limit and
what to do. Callers: the funding imports, the document upload; the reporting and
extensions imports should call `check_zip`/`open_docx`/`open_xlsx`/`xlsx_rows` and
`read_csv` too.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, Final

from django.utils.translation import gettext as _

MB: Final = 1024 * 1024
XML_PARTS: Final = (".xml", ".rels", ".vml")


@dataclass(frozen=True, slots=True)
class Limits:
    """What one uploaded file may hold. The defaults fit every template and report we
    know of with a wide margin; a caller may pass tighter (or looser) limits."""

    compressed_bytes: int = 50 * MB  # the file as uploaded
    unpacked_bytes: int = 200 * MB  # the sum of the members' sizes
    ratio: int = 100  # unpacked / compressed, checked once unpacked > ratio_floor
    ratio_floor: int = 10 * MB
    members: int = 5_000
    # The XML parts (parsed into a tree by python-docx, or openpyxl's shared strings):
    # 64 MB of XML already takes several hundred MB of memory once parsed.
    xml_bytes: int = 64 * MB
    rows: int = 100_000  # per file, every sheet together (XLSX) or lines (CSV)
    cells: int = 2_000_000  # per file, every sheet together (XLSX)


LIMITS: Final = Limits()


class FileRefused(ValueError):
    """The file is over a limit or cannot be read; the message says which and what to do."""

    def __init__(self, message: str, *, limit: str = "") -> None:
        super().__init__(message)
        self.limit = (
            limit  # which limit: "compressed", "unpacked", "ratio", … ("" = unreadable)
        )


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".removesuffix(".0")


def _size_of(source: bytes | IO[bytes]) -> int:
    if isinstance(source, bytes | bytearray):
        return len(source)
    position = source.tell()
    source.seek(0, io.SEEK_END)
    size = source.tell()
    source.seek(position)
    return size


def _refuse_compressed(filename: str, size: int, limits: Limits) -> FileRefused:
    return FileRefused(
        _(
            "%(name)s is %(size)s MB, over the %(limit)s MB limit for this file; "
            "split it into smaller files or remove embedded images."
        )
        % {
            "name": filename,
            "size": _mb(size),
            "limit": _mb(limits.compressed_bytes),
        },
        limit="compressed",
    )


def check_size(size: int, *, filename: str, limits: Limits = LIMITS) -> None:
    """Refuse an upload over the compressed-size limit before its bytes are read."""
    if size > limits.compressed_bytes:
        raise _refuse_compressed(filename, size, limits)


def check_zip(
    source: bytes | IO[bytes], *, filename: str, limits: Limits = LIMITS
) -> zipfile.ZipFile:
    """The archive, opened but not unpacked, once its directory is within the limits."""
    size = _size_of(source)
    if size > limits.compressed_bytes:
        raise _refuse_compressed(filename, size, limits)
    handle: IO[bytes] = (
        io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    )
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise FileRefused(
            _(
                "%(name)s is not a readable DOCX, XLSX or ODT file (%(error)s); "
                "save it again from the office program and upload it again."
            )
            % {"name": filename, "error": type(exc).__name__}
        ) from exc
    members = archive.infolist()
    if len(members) > limits.members:
        archive.close()
        raise FileRefused(
            _(
                "%(name)s holds %(count)d parts, over the limit of %(limit)d; "
                "save it again as an ordinary document or workbook."
            )
            % {"name": filename, "count": len(members), "limit": limits.members},
            limit="members",
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.unpacked_bytes:
        archive.close()
        raise FileRefused(
            _(
                "%(name)s would unpack to %(size)s MB, over the %(limit)s MB limit; "
                "split it into smaller files."
            )
            % {
                "name": filename,
                "size": _mb(unpacked),
                "limit": _mb(limits.unpacked_bytes),
            },
            limit="unpacked",
        )
    xml = sum(m.file_size for m in members if m.filename.lower().endswith(XML_PARTS))
    if xml > limits.xml_bytes:
        archive.close()
        raise FileRefused(
            _(
                "%(name)s holds %(size)s MB of text and layout (XML), over the %(limit)s "
                "MB limit; split it into smaller files."
            )
            % {"name": filename, "size": _mb(xml), "limit": _mb(limits.xml_bytes)},
            limit="xml",
        )
    if unpacked > limits.ratio_floor and unpacked > limits.ratio * max(size, 1):
        archive.close()
        raise FileRefused(
            _(
                "%(name)s would unpack to %(ratio)d times its size, over the limit of "
                "%(limit)d times; this is not an ordinary office file."
            )
            % {
                "name": filename,
                "ratio": unpacked // max(size, 1),
                "limit": limits.ratio,
            },
            limit="ratio",
        )
    return archive


def open_xlsx(
    source: bytes | IO[bytes], *, filename: str, limits: Limits = LIMITS
) -> Any:
    """An openpyxl workbook in read-only (streaming) mode, values only, once the archive
    passed `check_zip`. Read its sheets with `xlsx_rows`. (openpyxl is untyped here.)"""
    from openpyxl import load_workbook

    archive = check_zip(source, filename=filename, limits=limits)
    archive.close()
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    handle.seek(0)
    try:
        return load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise FileRefused(
            _(
                "%(name)s is not a readable XLSX workbook (%(error)s); save it again "
                "from the spreadsheet program as .xlsx."
            )
            % {"name": filename, "error": type(exc).__name__}
        ) from exc


def open_docx(
    source: bytes | IO[bytes], *, filename: str, limits: Limits = LIMITS
) -> Any:
    """A python-docx Document, once the archive passed `check_zip`. (python-docx is
    untyped here.)"""
    from docx import Document

    check_zip(source, filename=filename, limits=limits).close()
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    handle.seek(0)
    try:
        return Document(handle)
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise FileRefused(
            _(
                "%(name)s is not a readable DOCX file (%(error)s); save it again from "
                "the word processor as .docx."
            )
            % {"name": filename, "error": type(exc).__name__}
        ) from exc


@dataclass(slots=True)
class Budget:
    """Rows and cells read so far from one file, against its limits."""

    filename: str
    limits: Limits = LIMITS
    rows: int = 0
    cells: int = 0

    def count(self, cells: int) -> None:
        self.rows += 1
        self.cells += cells
        if self.rows > self.limits.rows:
            raise FileRefused(
                _(
                    "%(name)s has more than %(limit)d rows, the limit for one file; "
                    "split it into several files."
                )
                % {"name": self.filename, "limit": self.limits.rows},
                limit="rows",
            )
        if self.cells > self.limits.cells:
            raise FileRefused(
                _(
                    "%(name)s has more than %(limit)d cells, the limit for one file; "
                    "remove unused columns or split it into several files."
                )
                % {"name": self.filename, "limit": self.limits.cells},
                limit="cells",
            )


def xlsx_rows(sheet: Any, budget: Budget, **options: Any) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows (values only), streamed, counted against the file's budget.
    `options` go to openpyxl's `iter_rows` (e.g. min_row=2)."""
    for row in sheet.iter_rows(values_only=True, **options):
        budget.count(len(row))
        yield row


def workbook_rows(
    source: bytes | IO[bytes], *, filename: str, limits: Limits = LIMITS
) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's rows by sheet name, within the limits (a small workbook's shortcut)."""
    workbook = open_xlsx(source, filename=filename, limits=limits)
    budget = Budget(filename, limits)
    try:
        return {
            sheet.title: list(xlsx_rows(sheet, budget)) for sheet in workbook.worksheets
        }
    except FileRefused:
        raise
    except Exception as exc:  # a damaged sheet part
        raise FileRefused(
            _("%(name)s: a sheet cannot be read (%(error)s); save it again as .xlsx.")
            % {"name": filename, "error": type(exc).__name__}
        ) from exc
    finally:
        workbook.close()


@dataclass(frozen=True, slots=True)
class CsvText:
    text: str
    encoding: str  # the codec it was read with
    guessed: bool  # True when neither a BOM nor valid UTF-8 told the encoding

    def note(self, filename: str) -> str:
        """A line for the import's messages when the encoding had to be guessed."""
        return (
            _(
                "%(name)s is not UTF-8; it was read as %(encoding)s. Check the accented "
                "names below, or save the file again as CSV UTF-8."
            )
            % {"name": filename, "encoding": self.encoding}
            if self.guessed
            else ""
        )


_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# The files we get are written in English, French or Spanish: when a Western European code
# page explains the bytes as well as another one (charset-normalizer often ties cp1250 and
# cp1252 on a short file), it is the one Excel wrote.
WESTERN: Final = ("cp1252", "iso8859_15", "latin_1")


def _preference(match: Any) -> tuple[float, float, int]:
    western = (
        WESTERN.index(match.encoding) if match.encoding in WESTERN else len(WESTERN)
    )
    return (round(match.chaos, 2), -round(match.coherence, 2), western)


def read_csv(data: bytes, *, filename: str, limits: Limits = LIMITS) -> CsvText:
    """The file's text: by its BOM, else UTF-8, else the encoding charset-normalizer finds."""
    if len(data) > limits.compressed_bytes:
        raise _refuse_compressed(filename, len(data), limits)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return CsvText(data.decode(encoding), encoding, guessed=False)
            except UnicodeDecodeError:
                break
    try:
        return CsvText(data.decode("utf-8"), "utf-8", guessed=False)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    best = min(matches, key=_preference, default=None)
    if best is None:
        raise FileRefused(
            _(
                "%(name)s is not text in an encoding Casework can tell; save it again "
                "as CSV UTF-8."
            )
            % {"name": filename}
        )
    return CsvText(str(best), best.encoding, guessed=True)


def csv_rows(
    text: str | Iterable[str],
    budget: Budget,
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Iterator[list[str]]:
    """The CSV's rows (from a whole text, or its lines as they are decoded from a
    stream in `encoding`), counted against the file's row and cell limits."""
    lines = io.StringIO(text) if isinstance(text, str) else text
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a field over csv's size limit, a NUL byte
            raise FileRefused(
                _(
                    "%(name)s, line %(line)d cannot be read as CSV (%(error)s); save "
                    "the file again as CSV UTF-8."
                )
                % {"name": budget.filename, "line": reader.line_num, "error": exc}
            ) from exc
        except UnicodeDecodeError as exc:  # a stream's bytes that are not `encoding`
            raise FileRefused(
                _(
                    "%(name)s, after line %(line)d, is not %(encoding)s text as "
                    "its first bytes say; save the file again as CSV UTF-8."
                )
                % {
                    "name": budget.filename,
                    "line": reader.line_num,
                    "encoding": encoding.upper(),
                }
            ) from exc
        budget.count(len(row))
        yield row
