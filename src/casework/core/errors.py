"""Errors a stage may raise: each names the file, what is wrong and what to do next."""

from __future__ import annotations

from pathlib import Path


class PipelineError(Exception):
    """Base class: `str(error)` is a one-line message for the user."""

    problem = "could not be read"
    default_hint = "check the file and try again"

    def __init__(self, path: Path, problem: str | None = None, hint: str | None = None):
        self.path = path
        self.problem = problem or self.problem
        self.hint = hint or self.default_hint
        super().__init__(f"{path.name}: {self.problem}; {self.hint}")


class EmptyDocumentError(PipelineError):
    problem = "is empty"
    default_hint = "upload the complete file"


class UnsupportedFormatError(PipelineError):
    problem = "is not a format the analyser reads"
    default_hint = "convert it to PDF, DOCX, HTML or plain text"


class CorruptDocumentError(PipelineError):
    problem = "is damaged or truncated"
    default_hint = "export it again from the original application and re-upload"


class EncryptedDocumentError(PipelineError):
    problem = "is password-protected"
    default_hint = "remove the password (or ask the sender for an open copy) and retry"


class NoTextLayerError(PipelineError):
    problem = "has no text layer"
    default_hint = "rerun with --ocr (needs Tesseract) or upload the DOCX"


class TooLargeError(PipelineError):
    problem = "is too large to analyse"
    default_hint = "split the document or raise the limit with --max-pages"


class MissingToolError(PipelineError):
    problem = "needs a program that is not installed"
    default_hint = "install it and retry"


class BudgetExceededError(PipelineError):
    problem = "took longer than the time budget"
    default_hint = "split the document or raise the budget"
