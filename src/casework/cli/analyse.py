"""`casework analyse` and `casework eval`: the analyser's command-line contract (no database)."""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path
from typing import Any

import click

from casework.core.evaluate import evaluate, load_labels
from casework.core.isolate import analyse_isolated, shared_child
from casework.core.model import Analysis, PipelineConfig
from casework.core.report import to_json
from casework.domain.indicators import CODES


def _config(
    ocr: bool, max_pages: int, budget: float, model: bool = True
) -> PipelineConfig:
    return PipelineConfig(
        ocr=ocr, max_pages=max_pages, time_budget_s=budget, model=model
    )


_MODEL_OPTION = click.option(
    "--model/--rules-only",
    default=True,
    show_default=True,
    help="Use the learned reader beside the rules, or the rules alone.",
)


def _print_table(analyses: list[Analysis]) -> None:
    for analysis in analyses:
        data = to_json(analysis)
        click.echo(
            f"{analysis.path}  language={data['language'] or '-'}  pages={data['pages']}  "
            f"state={data['state'] or '-'}"
        )
        for code in CODES:
            item = data["indicators"][code]
            if item["present"]:
                first = item["evidence"][0]
                quote = " ".join(first["text"].split())
                quote = quote if len(quote) <= 90 else quote[:87] + "..."
                click.echo(
                    f"  {code:<24} {item['score']:.2f}  p.{first['page']}  {quote}"
                )
        absent = [c for c in CODES if not data["indicators"][c]["present"]]
        if absent and analysis.sha256:
            click.echo(f"  absent: {', '.join(absent)}")
        if data["money"]:
            click.echo(
                f"  money: {len(data['money'])} amounts; areas: {len(data['areas_m2'])}; "
                f"States: {', '.join(data['states_mentioned']) or '-'}"
            )
        for issue in data["issues"]:
            click.echo(f"  {issue['severity']}: {issue['message']}")


def _print_text(analyses: list[Analysis]) -> None:
    for number, analysis in enumerate(analyses):
        if len(analyses) > 1:
            click.echo(f"{'' if number == 0 else chr(10)}==> {analysis.path} <==")
        for issue in analysis.issues:
            click.echo(f"{issue.severity}: {issue.message}", err=True)
        click.echo(analysis.text)


@click.command("analyse")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--state", help="ISO 3166 alpha-3 code of the State the documents are about."
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print one JSON object {"documents": [...]}.',
)
@click.option(
    "--ocr", is_flag=True, help="OCR pages without a text layer (needs Tesseract)."
)
@click.option(
    "--max-pages", default=500, show_default=True, help="Refuse longer documents."
)
@click.option(
    "--budget", default=120.0, show_default=True, help="Seconds allowed per document."
)
@click.option(
    "--text",
    "as_text",
    is_flag=True,
    help="Print the text the analyser read (pages separated by a form feed) instead.",
)
@_MODEL_OPTION
def analyse_command(
    paths: tuple[Path, ...],
    state: str | None,
    as_json: bool,
    ocr: bool,
    max_pages: int,
    budget: float,
    as_text: bool,
    model: bool,
) -> None:
    """Find the twelve indicators, money, areas and States in reports (PDF, DOCX, HTML, text).

    Example: casework analyse report.pdf --state LKA --json
    """
    if state is not None and not re.fullmatch(r"[A-Za-z]{3}", state):
        raise click.BadParameter(
            f"{state!r} is not an ISO3 code such as LKA", param_hint="--state"
        )
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise click.UsageError(f"{missing[0]}: no such file; check the path")
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    if as_text and as_json:
        raise click.UsageError("--text and --json cannot be used together; pick one")
    config = _config(ocr, max_pages, budget, model and not as_text)
    code = state.upper() if state else None
    analyses: list[Analysis] = []
    if len(paths) > 1:
        # One analysis child for all the files: the models load once, not per file.
        with (
            shared_child(config, start=True),
            click.progressbar(paths, label="analysing", file=sys.stderr) as bar,
        ):
            analyses = [analyse_isolated(p, config, state=code) for p in bar]
    else:
        analyses = [analyse_isolated(paths[0], config, state=code)]
    if as_text:
        _print_text(analyses)
    elif as_json:
        click.echo(
            json.dumps(
                {"documents": [to_json(a) for a in analyses]},
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        _print_table(analyses)
    if any(a.failed for a in analyses):
        sys.exit(1)


@click.command("eval")
@click.argument(
    "corpus", type=click.Path(path_type=Path, file_okay=False), required=False
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the scores as JSON before the last line.",
)
@click.option(
    "--cv",
    is_flag=True,
    help="Cross-validate the learned reader on its training passages instead "
    "(leave one genre out, leave one language out); no CORPUS needed.",
)
@_MODEL_OPTION
def eval_command(corpus: Path | None, as_json: bool, cv: bool, model: bool) -> None:
    """Score the analyser on CORPUS/labels.jsonl: per-indicator P/R/F1, wrong documents, macro-F1.

    Example: casework eval ../shared/corpus/dev
    """
    if cv:
        _cross_validate(as_json)
        return
    if corpus is None:
        raise click.UsageError("give a CORPUS folder with labels.jsonl, or --cv")
    if not (corpus / "labels.jsonl").is_file():
        raise click.UsageError(
            f"{corpus}: no labels.jsonl here; point at a corpus folder"
        )
    try:
        total = len(load_labels(corpus))
    except ValueError as exc:
        raise click.ClickException(f"{exc}; fix the labels file") from exc
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    with (
        shared_child(PipelineConfig(model=model), start=True),
        click.progressbar(length=total, label="evaluating", file=sys.stderr) as bar,
    ):
        result = evaluate(
            corpus, PipelineConfig(model=model), progress=lambda _n: bar.update(1)
        )
    if as_json:
        payload: dict[str, Any] = {
            "indicators": {
                c: {
                    "precision": n.precision,
                    "recall": n.recall,
                    "f1": n.f1,
                    "support": n.tp + n.fn,
                    "tp": n.tp,
                    "fp": n.fp,
                    "fn": n.fn,
                }
                for c, n in result.counts.items()
            },
            "wrong": result.wrong,
            "macro_f1": result.macro_f1,
            "micro_f1": result.micro_f1,
            "evidence_verbatim_percent": result.verbatim_percent,
            "documents": result.documents,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        click.echo(f"{'indicator':<24} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
        for c, n in result.counts.items():
            click.echo(
                f"{c:<24} {n.precision:6.3f} {n.recall:6.3f} {n.f1:6.3f} {n.tp + n.fn:8d}"
            )
        click.echo(f"documents: {result.documents}, wrong: {len(result.wrong)}")
        for w in result.wrong:
            parts = [
                f"missed {','.join(w['missed'])}" if w["missed"] else "",
                f"extra {','.join(w['extra'])}" if w["extra"] else "",
                f"error {w['errors'][0]}" if w["errors"] else "",
            ]
            click.echo(f"  {w['file']}: {'; '.join(p for p in parts if p)}")
    click.echo(result.summary_line())


def _cross_validate(as_json: bool) -> None:
    from casework.core.indicators.training import cross_validate

    try:
        reports = cross_validate(progress=lambda m: click.echo(m, err=True))
    except ValueError as exc:
        raise click.ClickException(f"{exc}; fix the training file") from exc
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "scheme": r.scheme,
                        "macro_f1": r.macro_f1,
                        "indicators": {
                            c: dict(
                                zip(
                                    ("precision", "recall", "f1", "support"),
                                    v,
                                    strict=False,
                                )
                            )
                            for c, v in r.per_code.items()
                        },
                        "groups": r.per_group,
                    }
                    for r in reports
                ],
                indent=1,
            )
        )
    for report in reports:
        click.echo(f"== held out: one {report.scheme} ==")
        click.echo(f"{'indicator':<24} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
        for code, (p, r, f, n) in report.per_code.items():
            click.echo(f"{code:<24} {p:6.3f} {r:6.3f} {f:6.3f} {n:8d}")
        groups = "  ".join(f"{g} {f:.3f}" for g, f in report.per_group.items())
        click.echo(f"macro-F1 per {report.scheme.split(',')[0]}: {groups}")
        click.echo(f"macro-F1 {report.macro_f1:.3f}")
    click.echo(
        "cv "
        + " ".join(f"{r.scheme.replace(', ', '-')} {r.macro_f1:.3f}" for r in reports)
    )


@click.command("train")
@click.option(
    "--check",
    is_flag=True,
    help="Only say whether the shipped model was trained on the current passages.",
)
def train_command(check: bool) -> None:
    """Fit the learned reader on core/training/*.jsonl and write its weights.

    Example: casework train
    """
    from casework.core.indicators.learned import read_meta
    from casework.core.indicators.training import data_hash, train

    if check:
        recorded = read_meta().get("training_sha256")
        current = data_hash()
        if recorded != current:
            raise click.ClickException(
                f"the model was trained on {recorded or 'nothing'}, the passages are "
                f"now {current}; run casework train"
            )
        click.echo(f"up to date: training data {current}")
        return
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    try:
        meta = train(progress=lambda m: click.echo(m, err=True))
    except ValueError as exc:
        raise click.ClickException(f"{exc}; fix the training file") from exc
    click.echo(
        f"trained {meta['name']}/{meta['version']} on {meta['passages']} passages "
        f"(training data {meta['training_sha256']})"
    )


COMMANDS = [analyse_command, eval_command, train_command]
