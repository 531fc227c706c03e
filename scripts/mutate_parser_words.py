"""Mutation check for the parser's word lists (a dev tool, not part of the test suite).

For every entry of every list in ``briefings/importing/data/parser_words.json`` (or of the lists
named on the command line), delete that one entry, run ``tests/test_parser.py`` in this process
and record whether any test fails. The data file is restored afterwards, also on Ctrl-C.

    DJANGO_SETTINGS_MODULE=briefings.settings.test .venv/bin/python scripts/mutate_parser_words.py [LIST ...]

Prints, per list, how many single deletions some test notices, and the entries no test needs.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "briefings" / "importing" / "data" / "parser_words.json"
TESTS = ROOT / "tests" / "test_parser.py"
# Left out: property and long-input tests (crashes and work, not word lists; the slowest) and the
# example-coverage test (it checks additions only).
DESELECT = "not property and not pathological and not linear_work and not every_word_list_entry"


def _tests_fail() -> bool:
    for name in [n for n in sys.modules if n.endswith(("importing.parser", "test_parser"))]:
        del sys.modules[name]
    args = [str(TESTS), "-x", "-q", "-p", "no:cacheprovider", "-k", DESELECT, "-W", "ignore"]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = pytest.main(args)
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        raise SystemExit(f"pytest could not run the tests (exit code {code})")
    return code == pytest.ExitCode.TESTS_FAILED


def main(names: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    original = DATA.read_text(encoding="utf-8")
    document = json.loads(original)
    names = names or [name for name, section in document.items() if isinstance(section, dict)]
    try:
        if _tests_fail():
            raise SystemExit("tests/test_parser.py fails before any deletion")
        totals = []
        for name in names:
            words = document[name]["words"]
            missed = []
            for entry in list(words):
                mutated = json.loads(original)
                section = mutated[name]["words"]
                if isinstance(section, dict):
                    del section[entry]
                else:
                    section.remove(entry)
                DATA.write_text(json.dumps(mutated, ensure_ascii=False), encoding="utf-8")
                if not _tests_fail():
                    missed.append(entry)
            caught = len(words) - len(missed)
            totals.append((name, len(words), caught))
            print(f"{name}: {caught}/{len(words)} single deletions caught", flush=True)
            if missed:
                print(f"  not caught: {', '.join(missed)}", flush=True)
    finally:
        DATA.write_text(original, encoding="utf-8")
    entries, caught = sum(t[1] for t in totals), sum(t[2] for t in totals)
    print(f"total: {caught}/{entries} single deletions caught")
    return 0 if caught == entries else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
