"""Benchmark the topic suggester: vocabulary build time and articles per second on one core.

Articles of about 600 words are assembled from the corpus paragraphs (shuffled, with a fixed seed),
the vocabulary is built once, then every article is suggested in turn in this single process.

    .venv/bin/python benchmarks/bench_suggest.py [--articles 2000] [--words 600] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from taxonomy.suggest.matcher import Vocabulary, default_terms  # noqa: E402

DEFAULT_CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def corpus_articles(corpus_dir: Path) -> list[tuple[str, tuple[str, ...]]]:
    from briefings.importing.parser import decode_text, parse_article

    articles = []
    for path in sorted((corpus_dir / "articles").glob("*.txt")):
        article = parse_article(decode_text(path.read_bytes()))
        articles.append((article.title, article.paragraphs))
    return articles


def build_articles(source, count: int, words: int, seed: int = 2024) -> list[tuple[str, list[str]]]:
    """``count`` articles of at least ``words`` words: a corpus title and shuffled corpus paragraphs."""
    rng = random.Random(seed)
    pool = [paragraph for _, paragraphs in source for paragraph in paragraphs]
    built = []
    for _ in range(count):
        title = rng.choice(source)[0]
        paragraphs, total = [], 0
        while total < words:
            paragraph = rng.choice(pool)
            paragraphs.append(paragraph)
            total += len(paragraph.split())
        built.append((title, paragraphs))
    return built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    options = parser.parse_args()
    corpus = options.corpus if options.corpus.is_dir() else Path("/work/shared/corpus")

    started = time.perf_counter()
    countries, initiatives, sectors = default_terms()
    loaded = time.perf_counter()
    vocabulary = Vocabulary(countries, initiatives, sectors)
    built = time.perf_counter()
    print(f"seed terms loaded (pycountry + JSON): {(loaded - started) * 1000:8.1f} ms")
    print(f"vocabulary compiled:                  {(built - loaded) * 1000:8.1f} ms")

    articles = build_articles(corpus_articles(corpus), options.articles, options.words)
    word_counts = [sum(len(paragraph.split()) for paragraph in paragraphs) for _, paragraphs in articles]
    vocabulary.suggest(*articles[0])  # warm up

    timings = []
    started = time.perf_counter()
    for title, paragraphs in articles:
        before = time.perf_counter()
        vocabulary.suggest(title, paragraphs)
        timings.append(time.perf_counter() - before)
    elapsed = time.perf_counter() - started

    print(
        f"articles:                             {len(articles):8d} (mean {statistics.mean(word_counts):.0f} words)"
    )
    print(f"throughput:                           {len(articles) / elapsed:8.0f} articles/second")
    print(f"mean:                                 {elapsed / len(articles) * 1000:8.2f} ms/article")
    print(
        f"median / 95th percentile:             {statistics.median(timings) * 1000:8.2f} / "
        f"{sorted(timings)[int(len(timings) * 0.95)] * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
