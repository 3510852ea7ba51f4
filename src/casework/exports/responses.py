"""Django responses for exported files (kept for imports; see `exports.registry`)."""

from __future__ import annotations

from casework.exports.registry import file_response

__all__ = ["file_response"]
