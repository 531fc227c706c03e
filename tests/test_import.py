"""``import_articles``: the corpus parses as labelled, imports are idempotent, bad files are refused."""

import io
import json
import shutil

from django.core.management import CommandError, call_command

import pytest

from briefings.articles.models import ArticlePage, Author
from tests.conftest import CORPUS

pytestmark = pytest.mark.django_db

GOLD = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
KIND_PREFIXES = ("Analysis:", "Commentary:", "Op-Ed:", "Brief:", "Editorial:")


def run_import(*args):
    """Run the command; return (JSON lines, CommandError or None)."""
    out = io.StringIO()
    error = None
    try:
        call_command("import_articles", *map(str, args), "--format", "json", stdout=out, stderr=io.StringIO())
    except CommandError as exc:
        error = exc
    return [json.loads(line) for line in out.getvalue().splitlines()], error


def display_title(gold_title):
    for prefix in KIND_PREFIXES:
        if gold_title.startswith(prefix):
            gold_title = gold_title[len(prefix) :].strip()
    return gold_title.removesuffix(".")


def test_dry_run_matches_gold_for_every_corpus_file(index):
    results, error = run_import(CORPUS / "articles", "--dry-run")
    assert error is None
    assert len(results) == len(GOLD) == 11
    for result in results:
        name = result["file"].rsplit("/", 1)[-1]
        gold = GOLD[name]
        assert result["action"] == "created", name
        assert result["title"] == display_title(gold["title"]), name
        assert result["authors"] == gold["authors"], name
        assert result["date"] == gold["date"], name
        assert result["source"] == gold["source"], name
        prefix = gold["title"].split(":")[0].lower() if ":" in gold["title"][:15] else None
        assert result["kind"] == prefix, name
    assert ArticlePage.objects.count() == 0
    assert Author.objects.count() == 0


def test_seed_article_is_parsed_exactly(index):
    [seed], _ = run_import(CORPUS / "articles" / "seed.txt", "--dry-run")
    assert seed["title"] == "Chinese President Xi Jinping Visits Kazakhstan"
    assert seed["kind"] == "analysis"
    assert seed["authors"] == [
        {
            "honorific": "Ms.",
            "name": "Hafsa Akram",
            "role": "Research Fellow",
            "affiliation": "Pakistan Research Center for a Community with Shared Future (PRCCSF), Islamabad",
        }
    ]
    assert seed["date"] == "2022-09-14"
    assert seed["source"] == "TN Media News"
    assert seed["paragraphs"] == 6


def test_import_creates_drafts_then_reimport_is_unchanged(client, index):
    results, error = run_import(CORPUS / "articles")
    assert error is None
    assert {r["action"] for r in results} == {"created"}
    assert ArticlePage.objects.count() == 11
    assert not ArticlePage.objects.filter(live=True).exists()
    assert "Chinese President Xi Jinping Visits Kazakhstan" not in client.get("/briefings/").content.decode()
    authors = Author.objects.count()

    again, error = run_import(CORPUS / "articles")
    assert error is None
    assert {r["action"] for r in again} == {"unchanged"}
    assert ArticlePage.objects.count() == 11
    assert Author.objects.count() == authors


def test_publish_makes_the_article_live_with_its_byline(client, index):
    results, _ = run_import(CORPUS / "articles" / "seed.txt", "--publish")
    page = (
        ArticlePage.objects.get(pk=results[0]["page_id"])
        if "page_id" in results[0]
        else ArticlePage.objects.get()
    )
    assert page.live
    html = client.get(page.url).content.decode()
    assert "Ms. Hafsa Akram" in html and "Originally published by TN Media News" in html
    assert "Written by" not in html


def test_edited_file_updates_the_article_as_a_new_revision(tmp_path, index):
    path = tmp_path / "piece.txt"
    shutil.copy(CORPUS / "articles" / "a02.txt", path)
    run_import(path, "--publish")
    page = ArticlePage.objects.get()
    revisions = page.revisions.count()
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n\nA new closing paragraph was added.\n\nKarakoram Analysis Desk\n"
    )
    [result], error = run_import(path, "--publish")
    assert error is None and result["action"] == "updated"
    page.refresh_from_db()
    assert ArticlePage.objects.count() == 1
    assert page.revisions.count() == revisions + 1
    assert "A new closing paragraph was added." in str(page.body)


def test_same_author_in_two_files_is_one_author(tmp_path, index):
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text(
            f"Analysis: Piece {name}\n\nBy Dr. Sana Mirza, Senior Research Fellow, Institute X, Islamabad\n\n"
            "A body paragraph about corridors.\n",
            encoding="utf-8",
        )
    run_import(tmp_path)
    assert Author.objects.filter(name="Sana Mirza").count() == 1
    assert Author.objects.get().article_links.count() == 2


def test_bad_files_are_reported_and_the_rest_still_import(tmp_path, index):
    (tmp_path / "good.txt").write_text(
        "Analysis: A Good Piece\n\nBy Dr. A B\n\nBody text here.\n", encoding="utf-8"
    )
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 politics\n\nBody.\n".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "title-only.md").write_text("Just A Title\n", encoding="utf-8")
    results, error = run_import(tmp_path, tmp_path / "missing.txt")
    by_name = {r["file"].rsplit("/", 1)[-1]: r for r in results}
    assert by_name["good.txt"]["action"] == "created"
    for bad in ("empty.txt", "latin1.txt", "binary.txt", "title-only.md", "missing.txt"):
        assert by_name[bad]["action"] == "error", bad
        assert by_name[bad]["error"] and "\n" not in by_name[bad]["error"]
    assert error is not None and "5 file(s) could not be imported" in str(error)
    assert list(ArticlePage.objects.values_list("title", flat=True)) == ["A Good Piece"]


def test_topic_options_tag_the_article_and_unknown_topics_are_refused(client, index):
    seed = CORPUS / "articles" / "seed.txt"
    _, error = run_import(seed, "--countries", "china,kazakstan")
    assert error is not None and "kazakstan" in str(error)
    assert ArticlePage.objects.count() == 0

    [result], error = run_import(
        seed,
        "--countries",
        "china,KZ",
        "--initiatives",
        "bri,gdi,GSI",
        "--sectors",
        "energy,security",
        "--publish",
    )
    assert error is None
    assert result["countries"] == ["CN", "KZ"] and result["initiatives"] == ["BRI", "GDI", "GSI"]
    page = ArticlePage.objects.get()
    assert sorted(page.countries.values_list("alpha2", flat=True)) == ["CN", "KZ"]
    assert sorted(page.sectors.values_list("slug", flat=True)) == ["energy", "security"]
    html = client.get("/topics/countries/kazakhstan/").content.decode()
    assert "Chinese President Xi Jinping Visits Kazakhstan" in html
    assert 'href="/topics/initiatives/bri/"' in html
    assert 'href="/topics/countries/kazakhstan/initiatives/bri/"' in html
    assert (
        "Chinese President Xi Jinping Visits Kazakhstan"
        in client.get("/topics/countries/kazakhstan/initiatives/bri/").content.decode()
    )
