"""Endnotes (issue 14): the body's "Notes" block, the "[1]" markers that cite it, what the importer
makes of a trailing "References" section, and the citations and JSON-LD that list the notes."""

import json
import re

from wagtail.blocks import StreamBlockValidationError

import pytest

from briefings.articles.blocks import ArticleStreamBlock
from briefings.articles.models import ArticlePage
from briefings.importing.service import ArticleImporter
from tests.factories import make_article

pytestmark = pytest.mark.django_db

PLANNING = "Ministry of Planning, CPEC progress report, 2023"
PLANNING_URL = "https://example.org/cpec.pdf"
WORLD_BANK = "World Bank, Pakistan Economic Update, April 2023."


def cited_article(index, **fields):
    page = make_article(
        index,
        "Ports and Power",
        body=[
            "Gwadar grew [1] and grew again [1].",
            'Grain exports [2] rose; see also [7] and <a href="/x/">[2]</a>.',
        ],
        **fields,
    )
    page.body.append(
        ("notes", [{"citation": PLANNING, "url": PLANNING_URL}, {"citation": WORLD_BANK, "url": ""}])
    )
    page.save_revision().publish()
    return page


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_markers_link_to_numbered_notes_that_link_back(client, index):
    html = client.get(cited_article(index).url).content.decode()
    assert '<sup class="note-ref"><a href="#note-1" id="ref-1" aria-label="Note 1">1</a></sup>' in html
    assert '<a href="#note-2" id="ref-2" aria-label="Note 2">2</a>' in html
    # The second citation of note 1 links to it too, without repeating the anchor's id.
    assert html.count('href="#note-1"') == 2 and html.count('id="ref-1"') == 1
    assert "[7]" in html  # no note 7: left as written
    assert '<a href="/x/">[2]</a>' in html  # inside a link: left alone (links do not nest)

    notes = html[html.index('aria-labelledby="notes-heading"') :]
    notes = notes[: notes.index("</section>")]
    assert '<h2 id="notes-heading">Notes</h2>' in notes
    items = re.findall(r'<li id="note-(\d)">(.*?)</li>', notes, re.S)
    assert [number for number, _ in items] == ["1", "2"]
    assert PLANNING in items[0][1] and f'href="{PLANNING_URL}"' in items[0][1]
    assert 'href="#ref-1"' in items[0][1] and 'href="#ref-2"' in items[1][1]
    assert "Back to the text of note 1" in items[0][1]


def test_a_note_never_cited_has_no_back_link(client, index):
    page = make_article(index, "Uncited", body=["No markers here."])
    page.body.append(("notes", [{"citation": WORLD_BANK, "url": ""}]))
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert '<li id="note-1">' in html and 'href="#ref-1"' not in html


def test_notes_are_escaped(client, index):
    page = make_article(index, "Hostile", body=["Text [1]."])
    page.body.append(("notes", [{"citation": "<script>alert(1)</script>", "url": ""}]))
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_note_needs_a_citation_or_a_url_and_a_body_one_notes_block():
    block = ArticleStreamBlock()
    with pytest.raises(StreamBlockValidationError):
        block.clean(block.to_python([{"type": "notes", "value": [{"citation": "", "url": ""}]}]))
    with pytest.raises(StreamBlockValidationError):
        block.clean(
            block.to_python(
                [
                    {"type": "notes", "value": [{"citation": "A"}]},
                    {"type": "notes", "value": [{"citation": "B"}]},
                ]
            )
        )
    assert block.clean(block.to_python([{"type": "notes", "value": [{"citation": "", "url": PLANNING_URL}]}]))


def test_json_ld_and_scholar_tags_list_the_notes(client, index):
    html = client.get(cited_article(index).url).content.decode()
    article = next(data for data in json_ld(html) if data["@type"].endswith("NewsArticle"))
    assert article["citation"] == [
        {"@type": "CreativeWork", "position": 1, "name": PLANNING, "url": PLANNING_URL},
        {"@type": "CreativeWork", "position": 2, "name": WORLD_BANK},
    ]
    assert re.findall(r'<meta name="citation_reference" content="([^"]*)"', html) == [
        f"{PLANNING} {PLANNING_URL}",
        WORLD_BANK,
    ]


def test_an_article_without_notes_has_no_notes_section_or_citation(client, index):
    html = client.get(make_article(index, "Plain", body=["Text [1]."]).url).content.decode()
    assert "notes-heading" not in html and "citation_reference" not in html and "[1]" in html
    article = next(data for data in json_ld(html) if data["@type"].endswith("NewsArticle"))
    assert "citation" not in article


def test_importer_turns_a_references_section_into_endnotes(tmp_path, client, index):
    path = tmp_path / "ports.txt"
    path.write_text(
        "Analysis: Ports and Power\nBy Dr. Sana Mirza\n\n"
        "China and Pakistan agreed [1] to expand the port at Gwadar.\n\n"
        "Both sides also discussed grain exports [2].\n\n"
        f"References\n[1] {PLANNING}, {PLANNING_URL}.\n[2] {WORLD_BANK}\n\nTN Media News\n",
        encoding="utf-8",
    )
    result = ArticleImporter(index, publish=True).import_file(path)
    assert result.action == "created", result.error
    page = ArticlePage.objects.get(pk=result.page_id)
    assert page.source_name == "TN Media News"
    assert [block.block_type for block in page.body] == ["paragraph", "paragraph", "notes"]
    notes = [(note["citation"], note["url"]) for note in page.body[2].value]
    assert notes == [(PLANNING, PLANNING_URL), (WORLD_BANK, "")]
    html = client.get(page.url).content.decode()
    assert 'id="ref-1"' in html and 'id="note-2"' in html
    # Importing the same file again changes nothing.
    assert ArticleImporter(index, publish=True).import_file(path).action == "unchanged"


def test_markers_are_no_words_of_the_summary_or_the_word_count(index):
    page = make_article(index, "Counted", body=["One two three.[1] Four [2] five."])
    assert page.summary == "One two three. Four five."
    assert page.word_count == 5
