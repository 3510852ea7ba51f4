"""Call the stages in order for each document and collect issues; never raise."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from casework.core.attribution import passages_by_state
from casework.core.errors import BudgetExceededError, PipelineError, TooLargeError
from casework.core.figures import extract_figures
from casework.core.gate import View, views
from casework.core.indicators.decide import decide, giving_passages, score_passages
from casework.core.indicators.detect import find_hits, score_hits
from casework.core.indicators.learned import load_model
from casework.core.indicators.viewpoint import viewpoint_counts
from casework.core.language import detect_language
from casework.core.model import (
    Analysis,
    Finding,
    Issue,
    Passage,
    PipelineConfig,
    SourceFile,
)
from casework.core.read import read_document
from casework.core.segment import segment
from casework.core.state_names import find_states

logger = logging.getLogger(__name__)


def infer_state(source: SourceFile) -> str | None:
    """The State a document is about: named in its title, or clearly the most named."""
    first = source.pages[0].text[:400] if source.pages else ""
    in_title = find_states(first)
    if in_title:
        return in_title[0].code
    counts: Counter[str] = Counter()
    for page in source.pages[:20]:
        counts.update(m.code for m in find_states(page.text))
    if not counts:
        return None
    code, count = counts.most_common(1)[0]
    return code if count >= 3 and count >= 0.5 * sum(counts.values()) else None


def find_indicators(
    passage_views: Sequence[View],
    *,
    state: str,
    language: str | None,
    config: PipelineConfig,
) -> tuple[bool, list[Finding]]:
    """Whether the State speaks as a donor, and the twelve findings for it."""
    passages: list[Passage] = [v.passage for v in passage_views]
    gives, needs = viewpoint_counts(passages, state, passage_views)
    donor = gives >= 1 and gives > needs
    model = load_model() if config.model else None
    scored = (
        score_passages(passage_views, model, state=state, language=language)
        if model is not None
        else None
    )
    giving = (
        giving_passages(scored, model, state=state)
        if model is not None and scored is not None
        else frozenset()
    )
    findings = score_hits(
        find_hits(
            passages,
            state=state,
            donor=donor,
            passage_views=passage_views,
            giving=giving,
        )
    )
    if model is None or scored is None:
        return donor, findings
    return donor, decide(
        findings, scored, model, state=state, donor=donor, giving=giving
    )


def findings_by_state(
    passage_views: Sequence[View], *, language: str | None, config: PipelineConfig
) -> tuple[tuple[str, tuple[Finding, ...]], ...]:
    """Findings for each State the document speaks of, from the passages about it."""
    out = []
    for code, about in sorted(passages_by_state(passage_views).items()):
        _donor, findings = find_indicators(
            about, state=code, language=language, config=config
        )
        if any(f.present for f in findings):
            out.append((code, tuple(findings)))
    return tuple(out)


class _Clock:
    def __init__(self, path: Path, budget: float) -> None:
        self.path, self.budget, self.start = path, budget, time.monotonic()

    def check(self, stage: str) -> None:
        elapsed = time.monotonic() - self.start
        if elapsed > self.budget:
            raise BudgetExceededError(
                self.path,
                f"took {elapsed:.0f} s, over the {self.budget:.0f} s budget (at {stage})",
            )


def analyse_source(
    source: SourceFile, config: PipelineConfig, *, state: str | None = None
) -> Analysis:
    """Analyse an already-read document; `state` overrides any hint.

    Without `state`, findings are also given per State mentioned (`Analysis.by_state`).
    """
    clock = _Clock(source.path, config.time_budget_s)
    issues = [Issue("warning", w) for w in source.warnings]
    text = "\f".join(p.text for p in source.pages)
    if len(text) > config.max_chars:
        raise TooLargeError(
            source.path,
            f"holds {len(text):,} characters, over the {config.max_chars:,} limit",
        )
    language = source.language_hint or detect_language(text, config.languages)
    passages = segment(source)
    passage_views = views(passages)  # lower case, tokens and States computed once
    clock.check("segmentation")
    concerned = state or source.state_hint
    if concerned is None and not source.has_header:
        concerned = infer_state(source)
    if concerned is None:
        issues.append(
            Issue(
                "warning",
                f"{source.path.name}: no State concerned was identified, so no indicator "
                "is reported; pass --state ISO3 if the text is about one State",
            )
        )
        donor = False
        findings = score_hits([])
    else:
        donor, findings = find_indicators(
            passage_views, state=concerned, language=language, config=config
        )
    clock.check("indicators")
    by_state = (
        findings_by_state(passage_views, language=language, config=config)
        if state is None
        else ()
    )
    clock.check("States")
    figures = extract_figures(
        passages, language=language, donor=donor, passage_views=passage_views
    )
    clock.check("figures")
    logger.info(
        "%s: %d pages, %d passages, %d indicators",
        source.path.name,
        len(source.pages),
        len(passages),
        sum(f.present for f in findings),
    )
    return Analysis(
        path=source.path,
        sha256=source.sha256,
        language=language,
        pages=len(source.pages),
        state=concerned,
        findings=tuple(findings),
        by_state=by_state,
        figures=figures,
        issues=tuple(issues),
        text=text,
    )


def failed_analysis(path: Path, state: str | None, message: str) -> Analysis:
    """What is said of a document that could not be analysed: one error, on one line."""
    return Analysis(
        path=path,
        sha256=None,
        language=None,
        pages=0,
        state=state,
        issues=(Issue("error", message.replace("\n", " ")),),
    )


def analyse_path(
    path: Path, config: PipelineConfig | None = None, *, state: str | None = None
) -> Analysis:
    """Read and analyse one file. Failures become error issues, never exceptions."""
    config = config or PipelineConfig()
    try:
        source = read_document(path, config)
        return analyse_source(source, config, state=state)
    except PipelineError as exc:
        logger.warning("%s", exc)
        message = str(exc)
    except MemoryError:
        logger.error("%s: out of memory", path)
        message = (
            f"{path.name}: needs more memory than the {config.max_memory_mb} MB allowed; "
            "split the file or export it again"
        )
    except (OSError, RecursionError, ValueError) as exc:
        logger.error("%s: could not be analysed", path, exc_info=True)
        message = f"{path.name}: could not be analysed ({type(exc).__name__}: {exc}); check the file and retry"
    except Exception as exc:  # the run boundary: one bad file must not stop the others
        logger.error("%s: unexpected failure", path, exc_info=True)
        message = (
            f"{path.name}: unexpected failure ({type(exc).__name__}: {exc}); "
            "please report it with the file"
        )
    return failed_analysis(path, state, message)
