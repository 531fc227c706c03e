"""Score the topic suggester against a hand-labelled corpus: precision, recall and F1 per vocabulary.

The corpus layout is that of ``tests/fixtures/corpus``: ``articles/*.txt`` and ``gold.json`` with a
``countries``, ``initiatives`` and ``sectors`` list per file name. Scores are micro-averaged over
files (every gold or predicted key counts once), which is what "how many tags would an editor have
to fix" measures. Pure Python, no database: ``manage.py evaluate_tagging DIR`` only prints this.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .matcher import VOCABULARY_NAMES, Vocabulary, suggest


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else float(self.false_negatives == 0)

    @property
    def recall(self) -> float:
        relevant = self.true_positives + self.false_negatives
        return self.true_positives / relevant if relevant else float(self.false_positives == 0)

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
        )

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
        }


@dataclass(frozen=True)
class FileResult:
    name: str
    gold: dict[str, list[str]]
    predicted: dict[str, list[str]]
    error: str | None = None  # the parser's message when the file could not be read

    def misses(self, vocabulary: str) -> list[str]:
        """Gold keys the suggester did not propose."""
        return sorted(set(self.gold.get(vocabulary, ())) - set(self.predicted.get(vocabulary, ())))

    def false_alarms(self, vocabulary: str) -> list[str]:
        """Proposed keys that are not gold."""
        return sorted(set(self.predicted.get(vocabulary, ())) - set(self.gold.get(vocabulary, ())))

    def score(self, vocabulary: str) -> Score:
        gold, predicted = set(self.gold.get(vocabulary, ())), set(self.predicted.get(vocabulary, ()))
        return Score(len(gold & predicted), len(predicted - gold), len(gold - predicted))


@dataclass(frozen=True)
class EvaluationReport:
    corpus_dir: Path
    files: tuple[FileResult, ...]
    unlabelled: tuple[str, ...] = field(default=())  # article files with no gold entry (not scored)

    def score(self, vocabulary: str) -> Score:
        total = Score(0, 0, 0)
        for result in self.files:
            total += result.score(vocabulary)
        return total

    @property
    def scores(self) -> dict[str, Score]:
        return {name: self.score(name) for name in VOCABULARY_NAMES}

    @property
    def micro(self) -> Score:
        """Micro-average over the three vocabularies together."""
        total = Score(0, 0, 0)
        for score in self.scores.values():
            total += score
        return total

    def as_dict(self) -> dict:
        return {
            "corpus": str(self.corpus_dir),
            "files": len(self.files),
            "scores": {name: score.as_dict() for name, score in self.scores.items()},
            "micro": self.micro.as_dict(),
            "per_file": {
                result.name: {
                    "error": result.error,
                    **{
                        name: {"misses": result.misses(name), "false_alarms": result.false_alarms(name)}
                        for name in VOCABULARY_NAMES
                    },
                }
                for result in self.files
            },
            "unlabelled": list(self.unlabelled),
        }

    def as_text(self) -> str:
        lines = [
            f"Topic suggestion on {len(self.files)} files in {self.corpus_dir}",
            "",
            f"{'vocabulary':<13}{'precision':>10}{'recall':>8}{'F1':>8}{'TP':>6}{'FP':>5}{'FN':>5}",
        ]
        for name, score in [*self.scores.items(), ("micro (all)", self.micro)]:
            lines.append(
                f"{name:<13}{score.precision:>10.3f}{score.recall:>8.3f}{score.f1:>8.3f}"
                f"{score.true_positives:>6}{score.false_positives:>5}{score.false_negatives:>5}"
            )
        problems = []
        for result in self.files:
            if result.error:
                problems.append(f"  {result.name}: not read ({result.error})")
            for name in VOCABULARY_NAMES:
                misses, alarms = result.misses(name), result.false_alarms(name)
                if misses or alarms:
                    detail = "; ".join(
                        part
                        for part in (
                            f"missed {', '.join(misses)}" if misses else "",
                            f"false alarm {', '.join(alarms)}" if alarms else "",
                        )
                        if part
                    )
                    problems.append(f"  {result.name:<14}{name:<13}{detail}")
        lines += ["", "Misses and false alarms:" if problems else "No misses, no false alarms."] + problems
        if self.unlabelled:
            lines += ["", f"Not scored (no gold entry): {', '.join(self.unlabelled)}"]
        return "\n".join(lines)


def evaluate(
    corpus_dir: Path, read_article: Callable, vocabulary: Vocabulary | None = None
) -> EvaluationReport:
    """Read every ``articles/*.txt`` with ``read_article`` (the importer's: path -> an article with
    ``title`` and ``paragraphs``, or ``ValueError``), suggest, and compare with gold.json."""
    corpus_dir = Path(corpus_dir)
    with open(corpus_dir / "gold.json", encoding="utf-8") as handle:
        gold = json.load(handle)
    results, unlabelled = [], []
    for path in sorted((corpus_dir / "articles").glob("*.txt")):
        if path.name not in gold:
            unlabelled.append(path.name)
            continue
        expected = {name: sorted(gold[path.name].get(name, [])) for name in VOCABULARY_NAMES}
        try:
            article = read_article(path)
        except ValueError as error:
            empty = {name: [] for name in VOCABULARY_NAMES}
            results.append(FileResult(path.name, expected, empty, error=str(error)))
            continue
        predicted = suggest(article.title, article.paragraphs, vocabulary).keys()
        results.append(FileResult(path.name, expected, predicted))
    return EvaluationReport(corpus_dir, tuple(results), tuple(unlabelled))
