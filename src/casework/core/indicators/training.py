"""Train the learned reader on `core/training/*.jsonl` and cross-validate it honestly.

`casework train` calls `train()`: it embeds every training passage, fits one logistic
regression per indicator (scikit-learn, L2, balanced classes), picks each indicator's
threshold on out-of-fold predictions (folds grouped by genre, so no threshold is chosen on
passages of a genre the fold trained on), and writes `learned_model.npz` and its metadata
with the SHA-256 of the training files. `casework eval --cv` calls `cross_validate()`:
leave one genre out and leave one language out, passage-level P/R/F1 per indicator, per
genre and per language. The dev corpus is never read here.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import numpy as np

from casework.core.indicators import CODES
from casework.core.indicators.learned import (
    BUCKETS,
    DENSE,
    ENCODER,
    MODEL_PATH,
    features,
    load_model,
)
from casework.domain.languages import LANGUAGES

logger = logging.getLogger(__name__)

TRAINING_DIR = Path(__file__).resolve().parents[1] / "training"
GENRES = (
    "profile",
    "key_data",
    "review",
    "extension_request",
    "ngo_critique",
    "bulletin",
    "news",
    "statement",
    "press_release",
    "article7_cover",
    "article7_form",
    "committee_report",
)
DOCUMENT_SIZE = 12  # passages per pseudo-document when choosing thresholds
NEGATIVE_SHARE = 0.75  # of a pseudo-document's passages, those that give no information
C = 4.0  # inverse L2 strength, chosen by cross-validation (core/README.md)
# Thresholds below this give too many model-only findings in long documents, where the
# best of hundreds of passages is taken; above it recall is lost for nothing.
MIN_THRESHOLD, MAX_THRESHOLD = 0.5, 0.9
NAME = "usem3-logreg"


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled training passage."""

    id: str
    language: str
    genre: str
    state: str
    text: str
    codes: frozenset[str]


def load_examples(folder: Path = TRAINING_DIR) -> list[Example]:
    """Every line of every *.jsonl file; raises ValueError naming the file and line."""
    examples: list[Example] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name} line {number}"
            try:
                record = json.loads(line)
                example = Example(
                    id=str(record["id"]),
                    language=str(record["language"]),
                    genre=str(record["genre"]),
                    state=str(record.get("state") or ""),
                    text=str(record["text"]),
                    codes=frozenset(record["codes"]),
                )
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{where}: not a training line ({exc})") from exc
            unknown = example.codes - set(CODES)
            if unknown:
                raise ValueError(f"{where}: unknown codes {sorted(unknown)}")
            if example.language not in LANGUAGES or example.genre not in GENRES:
                raise ValueError(
                    f"{where}: language {example.language!r} or genre {example.genre!r} "
                    "is not one of the lists in core/indicators/training.py"
                )
            if example.id in seen:
                raise ValueError(f"{where}: id {example.id} is used twice")
            seen.add(example.id)
            examples.append(example)
    return examples


def data_hash(folder: Path = TRAINING_DIR) -> str:
    """SHA-256 over the training files' names and bytes, in name order."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.jsonl")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def matrix(examples: list[Example]) -> tuple[Any, np.ndarray]:
    """Features (examples, DENSE + BUCKETS, sparse) and labels (examples, codes) as 0/1."""
    # scipy ships no type information (no py.typed, no stubs in the lock file).
    from scipy import sparse  # type: ignore[import-untyped]

    found = features(
        [e.text for e in examples],
        states=[e.state or "---" for e in examples],
        languages=[e.language for e in examples],
    )
    rows = np.concatenate(
        [np.full(len(g), i, np.int32) for i, g in enumerate(found.grams)]
    )
    values = np.concatenate(
        [np.full(len(g), 1 / np.sqrt(max(len(g), 1)), np.float32) for g in found.grams]
    )
    grams_matrix = sparse.csr_matrix(
        (values, (rows, np.concatenate(found.grams))),
        shape=(len(examples), BUCKETS),
    )
    x = sparse.hstack([sparse.csr_matrix(found.dense), grams_matrix]).tocsr()
    y = np.array([[code in e.codes for code in CODES] for e in examples], dtype=np.int8)
    return x, y


def _fit(x: Any, y: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    weights = np.zeros((y.shape[1], x.shape[1]), np.float32)
    bias = np.zeros(y.shape[1], np.float32)
    for j in range(y.shape[1]):
        if y[:, j].min() == y[:, j].max():
            bias[j] = -10.0  # no positive example: never fires
            continue
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
        model.fit(x, y[:, j])
        weights[j] = model.coef_[0]
        bias[j] = model.intercept_[0]
    return weights, bias


def _predict(weights: np.ndarray, bias: np.ndarray, x: Any) -> np.ndarray:
    z = np.asarray(x @ weights.T) + bias
    result: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
    return result


def out_of_fold(x: Any, y: np.ndarray, groups: list[str], c: float = C) -> np.ndarray:
    """Probabilities for each example from a model that never saw its group."""
    p = np.zeros(y.shape, np.float32)
    for group in sorted(set(groups)):
        test = np.array([g == group for g in groups])
        weights, bias = _fit(x[~test], y[~test], c)
        p[test] = _predict(weights, bias, x[test])
    return p


def best_thresholds(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per indicator, the threshold with the best F1 on out-of-fold predictions."""
    grid = np.arange(MIN_THRESHOLD, MAX_THRESHOLD + 1e-9, 0.025)
    out = np.full(y.shape[1], MAX_THRESHOLD, np.float32)
    for j in range(y.shape[1]):
        scores = [f1(p[:, j] >= t, y[:, j] == 1) for t in grid]
        out[j] = grid[int(np.argmax(scores))]
    return out


def pseudo_documents(
    examples: list[Example],
    size: int = DOCUMENT_SIZE,
    negative_share: float = NEGATIVE_SHARE,
) -> tuple[np.ndarray, np.ndarray]:
    """Documents made of training passages: (document number, example index) pairs.

    Each document holds passages of one genre and language: a few that give information
    and, around them, passages that give none, in the share real reports have (most of a
    report's sentences say nothing on the twelve indicators). Fixed seed.
    """
    rng = np.random.default_rng(7)
    with_codes = max(1, round(size * (1 - negative_share)))
    groups: dict[tuple[str, str], tuple[list[int], list[int]]] = {}
    for i, e in enumerate(examples):
        positives, negatives = groups.setdefault((e.genre, e.language), ([], []))
        (positives if e.codes else negatives).append(i)
    documents: list[int] = []
    members: list[int] = []
    for key in sorted(groups):
        positives, negatives = groups[key]
        rng.shuffle(positives)
        for start in range(0, len(positives), with_codes):
            chosen = positives[start : start + with_codes]
            if negatives:
                chosen += list(rng.choice(negatives, size - len(chosen)))
            documents += [len(set(documents))] * len(chosen)
            members += chosen
    return np.array(documents, np.int32), np.array(members, np.int32)


def document_level(
    p: np.ndarray, y: np.ndarray, documents: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Per pseudo-document: the best passage probability and the union of gold codes."""
    number, member = documents
    count = int(number.max()) + 1
    best = np.zeros((count, p.shape[1]), np.float32)
    gold = np.zeros((count, y.shape[1]), bool)
    np.maximum.at(best, number, p[member])
    np.logical_or.at(gold, number, y[member] == 1)
    return best, gold


def document_thresholds(
    p: np.ndarray, y: np.ndarray, documents: tuple[np.ndarray, np.ndarray]
) -> np.ndarray:
    """Per indicator, the threshold with the best F1 over pseudo-documents: a document is
    judged on its best passage, so its threshold sits higher than a passage's."""
    best, gold = document_level(p, y, documents)
    return best_thresholds(best, gold.astype(np.int8))


def f1(predicted: np.ndarray, gold: np.ndarray) -> float:
    """F1 of boolean arrays; 0 when nothing is predicted or gold."""
    tp = int(np.sum(predicted & gold))
    denominator = int(np.sum(predicted)) + int(np.sum(gold))
    return 2 * tp / denominator if denominator else 0.0


def prf(predicted: np.ndarray, gold: np.ndarray) -> tuple[float, float, float, int]:
    """Precision, recall, F1 and support."""
    tp = int(np.sum(predicted & gold))
    pp, gp = int(np.sum(predicted)), int(np.sum(gold))
    precision = tp / pp if pp else 0.0
    recall = tp / gp if gp else 0.0
    return precision, recall, f1(predicted, gold), gp


def train(
    folder: Path = TRAINING_DIR,
    out: Path = MODEL_PATH,
    *,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Fit on every training passage and write the model and its metadata."""
    say = progress or (lambda _m: None)
    examples = load_examples(folder)
    say(f"embedding {len(examples)} passages")
    x, y = matrix(examples)
    say("choosing thresholds on folds grouped by genre")
    oof = out_of_fold(x, y, [e.genre for e in examples])
    thresholds = document_thresholds(oof, y, pseudo_documents(examples))
    say("fitting on all passages")
    weights, bias = _fit(x, y, C)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        codes=np.array(CODES),
        weights=weights[:, :DENSE],
        gram_weights=weights[:, DENSE:].T.astype(np.float16),
        bias=bias,
        thresholds=thresholds,
    )
    meta = {
        "name": NAME,
        "version": datetime.now(UTC).strftime("%Y%m%d"),
        "encoder": f"{ENCODER} {package_version(ENCODER)}",
        "classifier": f"scikit-learn {package_version('scikit-learn')} "
        f"LogisticRegression C={C} balanced, embedding + flags + {BUCKETS} word grams",
        "training_sha256": data_hash(folder),
        "passages": len(examples),
        "by_language": {
            lang: sum(e.language == lang for e in examples) for lang in LANGUAGES
        },
        "positives": {code: int(y[:, j].sum()) for j, code in enumerate(CODES)},
        "thresholds": {
            code: round(float(t), 3) for code, t in zip(CODES, thresholds, strict=True)
        },
    }
    out.with_suffix(".json").write_text(
        json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    load_model.cache_clear()
    return meta


@dataclass(frozen=True, slots=True)
class CVReport:
    """Cross-validated passage-level scores."""

    scheme: str
    per_code: dict[str, tuple[float, float, float, int]]
    per_group: dict[str, float]  # group -> macro-F1 over codes with support

    @property
    def macro_f1(self) -> float:
        """Mean F1 over codes with support."""
        used = [v[2] for v in self.per_code.values() if v[3]]
        return sum(used) / len(used) if used else 0.0


def _report(
    scheme: str,
    p: np.ndarray,
    y: np.ndarray,
    groups: list[str],
    documents: tuple[np.ndarray, np.ndarray] | None = None,
) -> CVReport:
    # Each held-out group is judged with thresholds chosen on the other groups only.
    if documents is not None:
        # A pseudo-document never mixes groups (one genre, one language).
        keep = np.unique(documents[0], return_index=True)[1]
        group_of = [groups[documents[1][i]] for i in keep]
        p, gold8 = document_level(p, y, documents)
        y, groups = gold8.astype(np.int8), group_of
    predicted = np.zeros(y.shape, bool)
    for group in sorted(set(groups)):
        rows = np.array([g == group for g in groups])
        predicted[rows] = p[rows] >= best_thresholds(p[~rows], y[~rows])
    gold = y == 1
    per_code = {code: prf(predicted[:, j], gold[:, j]) for j, code in enumerate(CODES)}
    per_group: dict[str, float] = {}
    for group in sorted(set(groups)):
        rows = np.array([g == group for g in groups])
        scores = [
            f1(predicted[rows, j], gold[rows, j])
            for j in range(y.shape[1])
            if gold[rows, j].any()
        ]
        per_group[group] = sum(scores) / len(scores) if scores else 0.0
    return CVReport(scheme, per_code, per_group)


def cross_validate(
    folder: Path = TRAINING_DIR,
    *,
    c: float = C,
    progress: Callable[[str], None] | None = None,
) -> list[CVReport]:
    """Leave one genre out, then leave one language out: each group is scored by models
    and thresholds that never saw it."""
    say = progress or (lambda _m: None)
    examples = load_examples(folder)
    say(f"embedding {len(examples)} passages")
    x, y = matrix(examples)
    reports = []
    genres = [e.genre for e in examples]
    say("leave one genre out")
    by_genre = out_of_fold(x, y, genres, c)
    documents = pseudo_documents(examples)
    reports.append(_report("genre", by_genre, y, genres))
    reports.append(_report("genre, documents", by_genre, y, genres, documents))
    languages = [e.language for e in examples]
    say("leave one language out")
    by_language = out_of_fold(x, y, languages, c)
    reports.append(_report("language", by_language, y, languages))
    reports.append(_report("language, documents", by_language, y, languages, documents))
    return reports
