"""Which article a file is: an import never overwrites an unrelated article, says what it did (or
would do) for each file, and stays accurate when two imports run at once."""

import importlib
import io
import json
import os
import shutil
import threading

from django.apps import apps as django_apps
from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from briefings.articles.models import ArticlePage, Author
from briefings.importing import service
from briefings.importing.sample import load_sample_content
from tests.conftest import CORPUS
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def run_import(*args):
    """Run the command with JSON output; return ({file name: result}, CommandError or None)."""
    out = io.StringIO()
    error = None
    try:
        call_command(
            "import_articles",
            *map(str, args),
            "--format",
            "json",
            "--no-suggest",
            stdout=out,
            stderr=io.StringIO(),
        )
    except CommandError as exc:
        error = exc
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    return {os.path.basename(r["file"]): r for r in results}, error


def run_text(*args):
    """Run the command with text output; return (stdout, stderr, CommandError or None)."""
    out, err = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("import_articles", *map(str, args), "--no-suggest", stdout=out, stderr=err)
    except CommandError as exc:
        error = exc
    return out.getvalue(), err.getvalue(), error


def article(title, byline, *paragraphs, source=None):
    text = f"Analysis: {title}\n\n{byline}\n\n" + "\n\n".join(paragraphs) + "\n"
    if source:
        text += f"\nOriginally published by {source}\n"
    return text


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(page):
    """What a reader or editor sees of an article: a change here means the import touched it."""
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    return {
        "title": latest.title,
        "slug": page.slug,
        "body": str(latest.body),
        "authors": [link.author.name for link in latest.article_authors.all()],
        "revisions": page.revisions.count(),
        "live": page.live,
        "import_key": page.import_key,
    }


FIRST = article(
    "Corridor Power Deals Reshape the Region",
    "By Dr. Sana Mirza, Senior Research Fellow, Institute X, Islamabad",
    "Power purchase agreements along the corridor were renegotiated this spring.",
    "Tariffs fell for the first time in a decade.",
)
SAME_TITLE_OTHER_PIECE = article(
    "Corridor Power Deals Reshape the Region",
    "By Mr. Li Wei, Research Associate, Centre Y, Beijing",
    "A different analysis entirely, about grid interconnection and transmission losses.",
)
SAME_TITLE_AND_BYLINE_OTHER_TEXT = article(
    "Corridor Power Deals Reshape the Region",
    "By Dr. Sana Mirza, Senior Research Fellow, Institute X, Islamabad",
    "Power purchase agreements along the corridor were renegotiated this summer.",
    "Tariffs fell again.",
)


# --- Identity -------------------------------------------------------------------------------------


def test_same_title_different_article_is_a_new_article(tmp_path, index):
    write(tmp_path / "desk-a", "corridor.txt", FIRST)
    write(tmp_path / "desk-b", "corridor.txt", SAME_TITLE_OTHER_PIECE)
    run_import(tmp_path / "desk-a", "--publish")
    original = ArticlePage.objects.get()
    before = snapshot(original)

    results, error = run_import(tmp_path / "desk-b", "--publish")
    assert error is None
    assert results["corridor.txt"]["action"] == "created"
    assert ArticlePage.objects.count() == 2
    new = ArticlePage.objects.exclude(pk=original.pk).get()
    assert new.slug != original.slug and new.slug.startswith(original.slug)
    assert [a.name for a in new.authors] == ["Li Wei"]
    assert snapshot(original) == before  # body, byline, revisions: untouched

    for desk in ("desk-a", "desk-b"):  # the same file name in two folders: two articles
        again, error = run_import(tmp_path / desk, "--publish")
        assert error is None and again["corridor.txt"]["action"] == "unchanged", desk


def test_same_title_and_byline_with_other_text_is_a_conflict_until_replace(tmp_path, index):
    write(tmp_path, "corridor.txt", FIRST)
    run_import(tmp_path / "corridor.txt", "--publish")
    original = ArticlePage.objects.get()
    before = snapshot(original)

    copy = write(tmp_path, "corridor-copy.txt", SAME_TITLE_AND_BYLINE_OTHER_TEXT)
    results, error = run_import(copy, "--publish")
    conflict = results["corridor-copy.txt"]
    assert conflict["action"] == "conflict"
    assert conflict["conflict_with"]["id"] == original.pk
    assert conflict["conflict_with"]["file"] == str((tmp_path / "corridor.txt").resolve())
    assert error is not None and "1 conflict" in str(error)
    assert snapshot(original) == before and ArticlePage.objects.count() == 1

    _, err, error = run_text(copy)
    assert f"article {original.pk}" in err and "--replace" in err and error is not None

    results, error = run_import(copy, "--publish", "--replace")
    assert error is None and results["corridor-copy.txt"]["action"] == "replaced"
    assert results["corridor-copy.txt"]["page_id"] == original.pk
    assert ArticlePage.objects.count() == 1
    assert "this summer" in snapshot(original)["body"]

    # The article now comes from the copy; the first file is the one in conflict.
    results, error = run_import(tmp_path, "--publish")
    assert results["corridor-copy.txt"]["action"] == "unchanged"
    assert results["corridor.txt"]["action"] == "conflict"
    assert "this summer" in snapshot(original)["body"]


def test_copies_with_identical_content_are_one_article(tmp_path, index):
    write(tmp_path, "a.txt", FIRST)
    write(tmp_path, "b.txt", FIRST.replace("\n", "\r\n") + "\n\n")  # other bytes, same article
    results, error = run_import(tmp_path)
    assert error is None
    assert [results["a.txt"]["action"], results["b.txt"]["action"]] == ["created", "unchanged"]
    assert results["b.txt"]["page_id"] == results["a.txt"]["page_id"]
    assert ArticlePage.objects.count() == 1


def test_admin_written_article_is_never_touched_by_an_import(tmp_path, index):
    admin = make_article(index, "Corridor Power Deals Reshape the Region", body=("Written in the admin.",))
    admin_draft = make_article(index, "An Editor's Draft", live=False)
    before, before_draft = snapshot(admin), snapshot(admin_draft)
    write(tmp_path, "corridor.txt", FIRST)
    write(tmp_path, "draft.txt", article("An Editor's Draft", "By Dr. Sana Mirza", "Imported text."))

    for flags in (["--publish"], ["--publish", "--replace"]):
        results, error = run_import(tmp_path, *flags)
        assert error is None
    assert snapshot(admin) == before and snapshot(admin_draft) == before_draft
    assert ArticlePage.objects.count() == 4
    imported = ArticlePage.objects.exclude(import_key="")
    assert sorted(imported.values_list("slug", flat=True)) == [
        "an-editors-draft-2",
        "corridor-power-deals-reshape-the-region-2",
    ]


def test_reimport_of_the_same_file_by_another_name_is_the_same_article(tmp_path, index, monkeypatch):
    path = write(tmp_path / "folder", "piece.txt", FIRST)
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "folder")
    run_import(tmp_path / "folder")
    monkeypatch.chdir(tmp_path)
    for spelling in ("folder", "folder/piece.txt", "./folder/../folder", link, path):
        results, error = run_import(spelling)
        assert error is None and results["piece.txt"]["action"] == "unchanged", spelling
    path.write_text(FIRST + "\nA closing paragraph.\n", encoding="utf-8")
    results, _ = run_import("folder")
    assert results["piece.txt"]["action"] == "updated"
    assert ArticlePage.objects.count() == 1


def test_import_identity_survives_publishing_an_old_revision_and_is_not_copied(tmp_path, index):
    path = write(tmp_path, "corridor.txt", FIRST)
    run_import(path, "--publish")
    page = ArticlePage.objects.get()
    key = page.import_key
    assert key == service.import_key(path)
    # A revision saved before import keys existed has none: publishing it keeps the page's.
    revision = page.latest_revision
    del revision.content["import_key"]
    revision.save()
    revision.publish()
    page.refresh_from_db()
    assert page.import_key == key

    copy = page.copy(update_attrs={"slug": "corridor-copy", "title": "A copy"})
    assert copy.import_key == "" and copy.import_path == "" and copy.import_hash == ""
    assert copy.get_latest_revision_as_object().import_key == ""
    copy_before = snapshot(copy)
    results, error = run_import(path, "--publish", "--replace")
    assert error is None and results["corridor.txt"]["action"] == "unchanged"
    assert snapshot(copy) == copy_before


def test_articles_imported_before_the_upgrade_are_still_recognised(tmp_path, index):
    """Migration 0005 keys the articles imported when only ``import_path`` was recorded."""
    path = write(tmp_path, "corridor.txt", FIRST)
    run_import(path, "--publish")
    load_sample_content()
    original = ArticlePage.objects.get(import_path=str(path.resolve()))
    copy = original.copy(update_attrs={"slug": "corridor-copy"})
    # As an older release left them: no keys; an admin copy carried the import fields along.
    ArticlePage.objects.update(import_key="")
    ArticlePage.objects.filter(pk=copy.pk).update(
        import_path=original.import_path, import_hash=original.import_hash
    )

    migration = importlib.import_module("briefings.articles.migrations.0005_articlepage_import_key")
    migration.key_imported_articles(django_apps, None)
    assert ArticlePage.objects.get(pk=original.pk).import_key == service.import_key(path)
    assert ArticlePage.objects.get(pk=copy.pk).import_key == ""

    results, error = run_import(path, "--publish")
    assert error is None and results["corridor.txt"]["action"] == "unchanged"
    assert {r.action for r in load_sample_content()} == {"unchanged"}
    assert ArticlePage.objects.filter(import_path=original.import_path).count() == 2  # nothing new


# --- Dry run --------------------------------------------------------------------------------------


def test_dry_run_predicts_the_real_run(tmp_path, index):
    make_article(index, "Written In The Admin")
    write(tmp_path / "before", "corridor.txt", FIRST)
    write(tmp_path / "before", "edited.txt", article("A Piece To Edit", "By Dr. A B", "First version."))
    run_import(tmp_path / "before")
    folder = tmp_path / "before"
    write(folder, "edited.txt", article("A Piece To Edit", "By Dr. A B", "Second version."))
    write(folder, "new.txt", article("A New Piece", "By Dr. C D", "New text."))
    write(folder, "new-copy.txt", article("A New Piece", "By Dr. C D", "New text."))
    write(folder, "new-rival.txt", article("A New Piece", "By Dr. C D", "Other new text."))
    write(folder, "same-title.txt", SAME_TITLE_OTHER_PIECE)
    write(folder, "rival.txt", SAME_TITLE_AND_BYLINE_OTHER_TEXT)
    write(folder, "admin-title.txt", article("Written In The Admin", "By Dr. E F", "Imported."))
    write(folder, "long-title.txt", article(" ".join(["Infrastructure"] * 20), "By Dr. G H", "Text."))
    write(folder, "empty.txt", "")
    pages, authors = ArticlePage.objects.count(), Author.objects.count()
    revisions = sorted(ArticlePage.objects.values_list("pk", "latest_revision_id"))

    predicted, predicted_error = run_import(folder, "--dry-run", "--publish")
    assert ArticlePage.objects.count() == pages and Author.objects.count() == authors
    assert sorted(ArticlePage.objects.values_list("pk", "latest_revision_id")) == revisions

    actual, actual_error = run_import(folder, "--publish")
    assert {name: r["action"] for name, r in predicted.items()} == {
        "admin-title.txt": "created",
        "corridor.txt": "updated",  # published now
        "edited.txt": "updated",
        "empty.txt": "error",
        "long-title.txt": "error",
        "new-copy.txt": "created",  # files go in name order
        "new-rival.txt": "conflict",
        "new.txt": "unchanged",
        "rival.txt": "conflict",
        "same-title.txt": "created",
    }
    for name, result in predicted.items():
        real = actual[name]
        assert (result["action"], result["error"], result["title"]) == (
            real["action"],
            real["error"],
            real["title"],
        ), name
        if result["action"] in ("updated", "unchanged") and name != "new.txt":
            assert result["page_id"] == real["page_id"], name
    assert predicted["new-copy.txt"]["page_id"] is None and actual["new-copy.txt"]["page_id"]
    assert predicted["new.txt"]["page_id"] is None  # the article new-copy.txt would have created
    assert predicted["rival.txt"]["conflict_with"] == actual["rival.txt"]["conflict_with"]
    assert predicted["new-rival.txt"]["conflict_with"]["id"] is None  # created by the run itself
    assert actual["new-rival.txt"]["conflict_with"]["id"] == actual["new-copy.txt"]["page_id"]
    assert actual["new.txt"]["page_id"] == actual["new-copy.txt"]["page_id"]
    assert (
        str(predicted_error)
        == str(actual_error)
        == "4 file(s) could not be imported (2 errors, 2 conflicts)."
    )


def test_dry_run_text_output_says_what_would_happen(tmp_path, index):
    write(tmp_path, "edited.txt", article("A Piece To Edit", "By Dr. A B", "First version."))
    write(tmp_path, "same.txt", article("A Piece That Stays", "By Dr. A B", "Text."))
    run_import(tmp_path)
    write(tmp_path, "edited.txt", article("A Piece To Edit", "By Dr. A B", "Second version."))
    write(tmp_path, "new.txt", article("A New Piece", "By Dr. C D", "New text."))
    out, err, error = run_text(tmp_path, "--dry-run")
    assert error is None and err == ""
    lines = {line.split("  ")[-2].rsplit("/", 1)[-1]: line.strip() for line in out.splitlines()[:-1]}
    assert lines["new.txt"].startswith("would create")
    assert lines["edited.txt"].startswith("would update")
    assert lines["same.txt"].startswith("unchanged")
    assert out.splitlines()[-1] == "3 file(s): 1 would be created, 1 would be updated, 1 unchanged."
    out, _, _ = run_text(tmp_path)
    assert out.splitlines()[-1] == "3 file(s): 1 created, 1 updated, 1 unchanged."


def test_dry_run_on_a_site_without_its_page_tree_builds_nothing(tmp_path, db):
    write(tmp_path, "new.txt", article("A New Piece", "By Dr. C D", "New text."))
    pages = ArticlePage.objects.count()
    from wagtail.models import Page

    before = Page.objects.count()
    results, error = run_import(tmp_path, "--dry-run")
    assert error is None and results["new.txt"]["action"] == "created"
    assert Page.objects.count() == before and ArticlePage.objects.count() == pages


# --- Hostile and over-long fields ---------------------------------------------------------------------

CONTROLS = "\u202e\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c\x01\x07\x1b\x7f\x85\x9b"


def test_bidi_override_is_stripped_from_titles(tmp_path, index):
    text = (
        "Analysis: Kazakhstan \u202etisnarT\u202c Deal\x07 Signed\u2066\n\n"
        "By Dr. Sana\u200f Mirza\x1b, Senior Research Fellow, Institute\u202d X, Islamabad\n\n"
        "Body text about \x01transit.\n\n"
        "Originally published by TN\u2067 Media\x9b News\n"
    )
    write(tmp_path, "hostile.txt", text)
    predicted, _ = run_import(tmp_path, "--dry-run")
    assert predicted["hostile.txt"]["title"] == "Kazakhstan tisnarT Deal Signed"
    results, error = run_import(tmp_path)
    assert error is None
    page = ArticlePage.objects.get(pk=results["hostile.txt"]["page_id"])
    latest = page.get_latest_revision_as_object()
    author = latest.article_authors.all()[0].author
    fields = [
        latest.title,
        page.draft_title,
        page.slug,
        latest.source_name,
        author.name,
        author.role,
        author.affiliation,
        str(latest.body),
    ]
    for value in fields:
        assert not any(ch in CONTROLS for ch in value), repr(value)
    assert latest.title == "Kazakhstan tisnarT Deal Signed"
    assert author.name == "Sana Mirza" and author.affiliation == "Institute X, Islamabad"
    assert latest.source_name == "TN Media News"


def test_clean_line_strips_every_control_character():
    for ch in CONTROLS:
        assert service.clean_line(f"A{ch}B") in ("AB", "A B"), repr(ch)
    assert (
        service.clean_line("Zero\u200dWidth Joiner and العربية stay")
        == "Zero\u200dWidth Joiner and العربية stay"
    )


@pytest.mark.parametrize(
    ("text", "field", "limit"),
    [
        (article(" ".join(["Infrastructure"] * 20), "By Dr. A B", "Text."), "title", 255),
        (
            article("Short Title", "By Dr. " + " ".join(["Abcdefghij"] * 25) + ", Research Fellow", "Text."),
            "author's name",
            200,
        ),
        (
            article("Short Title", "By Dr. A B", "Text.", source=" ".join(["Globe"] * 50) + " Times"),
            "source (originally published by)",
            200,
        ),
    ],
    ids=["title", "author-name", "source"],
)
def test_overlong_title_is_a_clear_error(tmp_path, index, text, field, limit):
    write(tmp_path, "long.txt", text)
    for flags in (["--dry-run"], []):
        results, error = run_import(tmp_path, *flags)
        message = results["long.txt"]["error"]
        assert results["long.txt"]["action"] == "error"
        assert message.startswith(f"{field} is too long: ") and message.endswith(f"the limit is {limit}"), (
            message
        )
        assert error is not None and "1 file(s) could not be imported" in str(error)
    assert ArticlePage.objects.count() == 0 and Author.objects.count() == 0
    _, err, _ = run_text(tmp_path)
    assert f"{field} is too long" in err and "DataError" not in err and "varying" not in err


# --- Concurrency ----------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_imports_of_one_folder_give_one_accurate_outcome_per_file(tmp_path):
    from briefings.editorial.setup import ensure_site

    ensure_site()
    folder = tmp_path / "folder"
    folder.mkdir()
    names = sorted(p.name for p in (CORPUS / "articles").glob("*.txt"))[:8]
    for name in names:
        shutil.copy(CORPUS / "articles" / name, folder / name)
    start = threading.Barrier(2)
    outcomes = [None, None]

    def run(n):
        try:
            start.wait()
            outcomes[n] = run_import(folder)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    (first, first_error), (second, second_error) = outcomes
    assert first_error is None and second_error is None, (first, second)
    assert sorted(first) == sorted(second) == names
    for name in names:
        assert sorted([first[name]["action"], second[name]["action"]]) == ["created", "unchanged"], name
        assert first[name]["page_id"] == second[name]["page_id"], name
    assert ArticlePage.objects.count() == len(names)
