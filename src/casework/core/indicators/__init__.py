"""The twelve indicators of shared/INDICATORS.md: rules that always give evidence.

The codes come from `casework.domain.indicators`, the one list every app uses.
"""

from __future__ import annotations

from casework.domain.indicators import CODES

__all__ = ["CODES"]
