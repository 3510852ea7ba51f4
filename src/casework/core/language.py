"""Language of a document and of a passage, with py3langid restricted to the configured set."""

from __future__ import annotations

import functools
import logging

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from casework.domain.languages import LANGUAGES

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def detect_language(text: str, languages: tuple[str, ...] = LANGUAGES) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    sample = text[:20_000]
    if sum(ch.isalpha() for ch in sample[:2000]) < 8:
        return None
    code, _probability = _identifier(languages).classify(sample)
    return str(code)
