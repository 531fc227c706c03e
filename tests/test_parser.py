"""Tests for the plain-text article parser: the labelled corpus, then format cases written here.

Pure Python, no database: run with ``pytest tests/test_parser.py -p no:django``.
"""

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.importing import parser
from briefings.importing.parser import (
    KINDS,
    ParsedArticle,
    ParsedAuthor,
    ParseError,
    decode_text,
    parse_article,
)

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
GOLD = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
PREFIXES = ("Analysis:", "Commentary:", "Op-Ed:", "Brief:", "Editorial:")

BODY = (
    "China and Kazakhstan agreed to expand freight capacity at the border, officials said after "
    "a meeting that reviewed customs procedures and rail schedules.\n\n"
    "Both sides also discussed grain exports and the financing of new terminals, although no "
    "figures were released."
)


def parse_file(name: str) -> ParsedArticle:
    return parse_article(decode_text((CORPUS / "articles" / name).read_bytes()))


def authors_as_dicts(article: ParsedArticle) -> list[dict]:
    return [
        {"honorific": a.honorific, "name": a.name, "role": a.role, "affiliation": a.affiliation}
        for a in article.authors
    ]


def article(*header: str, body: str = BODY, tail: str = "") -> ParsedArticle:
    """Build an article from header lines (title first), a body and an optional last line."""
    text = "\n".join(header) + "\n\n" + body
    if tail:
        text += "\n\n" + tail
    return parse_article(text + "\n")


# --------------------------------------------------------------------------------------------
# Corpus against gold.json
# --------------------------------------------------------------------------------------------


def test_corpus_fixture_is_complete():
    files = sorted(p.name for p in (CORPUS / "articles").glob("*.txt"))
    assert files == sorted(GOLD)
    assert len(files) == 11


@pytest.mark.parametrize("name", sorted(GOLD))
def test_corpus_title(name):
    parsed, gold = parse_file(name), GOLD[name]
    assert parsed.raw_title == gold["title"]
    expected = gold["title"]
    for prefix in PREFIXES:
        if expected.startswith(prefix):
            expected = expected[len(prefix) :].strip()
    assert parsed.title == expected.removesuffix(".")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_corpus_kind(name):
    parsed, gold = parse_file(name), GOLD[name]
    prefix = next((p for p in PREFIXES if gold["title"].startswith(p)), None)
    expected = prefix[:-1].lower() if prefix else None
    assert parsed.kind == expected
    assert parsed.kind is None or parsed.kind in KINDS


@pytest.mark.parametrize("name", sorted(GOLD))
def test_corpus_authors(name):
    assert authors_as_dicts(parse_file(name)) == GOLD[name]["authors"]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_corpus_date(name):
    parsed = parse_file(name)
    assert (parsed.date.isoformat() if parsed.date else None) == GOLD[name]["date"]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_corpus_source(name):
    assert parse_file(name).source == GOLD[name]["source"]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_corpus_paragraphs_hold_body_only(name):
    parsed, gold = parse_file(name), GOLD[name]
    assert len(parsed.paragraphs) >= 5
    for paragraph in parsed.paragraphs:
        assert paragraph == paragraph.strip()
        assert "\n" not in paragraph and "\t" not in paragraph and "  " not in paragraph
        assert not paragraph.startswith(("Written by", "By ", "Author", "Published:"))
        assert paragraph != gold["title"]
        if gold["source"]:
            assert gold["source"] not in paragraph
        for author in gold["authors"]:
            assert author["name"] not in paragraph
    assert parsed.paragraphs[-1].endswith(".")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_corpus_as_dict_is_json_ready(name):
    parsed = parse_file(name)
    data = json.loads(json.dumps(parsed.as_dict()))
    assert set(data) == {"title", "kind", "authors", "date", "source", "paragraphs", "notes"}
    assert data["notes"] == 0  # none of the corpus has references
    assert data["paragraphs"] == len(parsed.paragraphs)
    assert data["authors"] == GOLD[name]["authors"]
    assert data["date"] == GOLD[name]["date"]


def test_seed_exactly():
    seed = parse_file("seed.txt")
    assert seed.raw_title == "Analysis: Chinese President Xi Jinping Visits Kazakhstan."
    assert seed.title == "Chinese President Xi Jinping Visits Kazakhstan"
    assert seed.kind == "analysis"
    assert seed.authors == (
        ParsedAuthor(
            honorific="Ms.",
            name="Hafsa Akram",
            role="Research Fellow",
            affiliation="Pakistan Research Center for a Community with Shared Future (PRCCSF), Islamabad",
        ),
    )
    assert seed.date == datetime.date(2022, 9, 14)
    assert seed.source == "TN Media News"
    assert seed.paragraphs[0].startswith("On 14 Sep 2022")
    assert not any("Written by" in p or "TN Media News" in p for p in seed.paragraphs)
    # The paragraph that ends without a period stays body, with its curly apostrophe.
    assert any(p.endswith("China-Kazakhstan oil pipeline") for p in seed.paragraphs)
    assert "People’s Republic of China" in seed.paragraphs[0]
    assert seed.body_text() == "\n\n".join(seed.paragraphs)


def test_dateline_is_removed_from_first_paragraph():
    parsed = parse_file("a02.txt")
    assert parsed.dateline == "ISLAMABAD, 3 March 2023"
    assert parsed.paragraphs[0].startswith("As Pakistan and China prepare")


def test_crlf_corpus_file_keeps_en_dashes():
    parsed = parse_file("a06.txt")
    assert parsed.title == "Riding the Rails to Vientiane: Two Years of the China–Laos Railway"
    assert not any("\r" in p for p in parsed.paragraphs)


# --------------------------------------------------------------------------------------------
# Line endings, encodings and whitespace
# --------------------------------------------------------------------------------------------


def test_crlf_and_bom():
    text = (
        "\ufeffOp-Ed: Why Gwadar Still Matters.\r\n\r\n"
        "By Dr. Sana Mirza, Senior Research Fellow, Institute for Corridor Economics, Islamabad\r\n"
        "Published: 2023-03-03\r\n\r\n"
        "The port has been slow to attract cargo, but planners still see it\r\n"
        "as the corridor’s most important asset.\r\n\r\n\r\n"
        "Security remains the main obstacle to new investment in the region.\r\n\r\n"
        "Karakoram Analysis Desk\r\n"
    )
    parsed = parse_article(text)
    assert parsed.raw_title == "Op-Ed: Why Gwadar Still Matters."
    assert parsed.title == "Why Gwadar Still Matters"
    assert parsed.kind == "op-ed"
    assert parsed.authors == (
        ParsedAuthor(
            "Dr.", "Sana Mirza", "Senior Research Fellow", "Institute for Corridor Economics, Islamabad"
        ),
    )
    assert parsed.date == datetime.date(2023, 3, 3)
    assert parsed.source == "Karakoram Analysis Desk"
    assert parsed.paragraphs == (
        "The port has been slow to attract cargo, but planners still see it as the corridor’s most important asset.",
        "Security remains the main obstacle to new investment in the region.",
    )


def test_bare_carriage_returns_tabs_trailing_spaces_and_nbsp():
    text = (
        "Commentary:\tRail  Links in Central Asia   \r\r"
        "Written by: Mr. Bilal Rauf\t \r"
        "22 August 2024  \r\r\r\r"
        "\tFreight volumes\u00a0rose sharply   this year.  \r\r"
        "Officials expect further growth.\t\r\r\r"
        "Caravan Policy Notes   \r"
    )
    parsed = parse_article(text)
    assert parsed.title == "Rail Links in Central Asia"
    assert parsed.kind == "commentary"
    assert parsed.authors == (ParsedAuthor("Mr.", "Bilal Rauf", None, None),)
    assert parsed.date == datetime.date(2024, 8, 22)
    assert parsed.paragraphs == (
        "Freight volumes rose sharply this year.",
        "Officials expect further growth.",
    )
    assert parsed.source == "Caravan Policy Notes"


def test_curly_quotes_are_kept_in_names_and_body():
    parsed = article(
        "Analysis: “Win-Win” or Not?",
        "By Dr. Seán O’Brien, Research Fellow, Institute for Eurasian Affairs, Dublin",
        body="“We will continue,” the minister said of the corridor’s second phase.",
    )
    assert parsed.title == "“Win-Win” or Not?"
    assert parsed.authors[0].name == "Seán O’Brien"
    assert parsed.paragraphs == ("“We will continue,” the minister said of the corridor’s second phase.",)


def test_unwrapped_lines_without_blank_lines_are_separate_paragraphs():
    first = "A" + " long sentence about the corridor and its financing" * 4 + "."
    second = "Another" + " long sentence about ports, railways and customs reform" * 4 + "."
    parsed = parse_article(f"Title Here\n\n{first}\n{second}\n")
    assert parsed.paragraphs == (first, second)


# --------------------------------------------------------------------------------------------
# Title and kind
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "title", "kind"),
    [
        ("Op-Ed: Ports and Power.", "Ports and Power", "op-ed"),
        ("Op-ed: Ports and Power", "Ports and Power", "op-ed"),
        ("OPINION: Ports and Power", "Ports and Power", "op-ed"),
        ("ANALYSIS - Ports and Power.", "Ports and Power", "analysis"),
        ("Analysis — Ports and Power", "Ports and Power", "analysis"),
        ("analysis: Ports and Power", "Ports and Power", "analysis"),
        ("Policy Brief: Ports and Power", "Ports and Power", "brief"),
        ("Brief: Ports and Power", "Ports and Power", "brief"),
        ("Editorial: Ports and Power", "Ports and Power", "editorial"),
        ("Report: Ports and Power", "Ports and Power", "report"),
        ("News: Ports and Power", "Ports and Power", "news"),
        ("Commentary: Ports and Power", "Ports and Power", "commentary"),
        ("Ports and Power", "Ports and Power", None),
        ("Analysis of Ports and Power", "Analysis of Ports and Power", None),
        ("Reporting Ports: Power Lines", "Reporting Ports: Power Lines", None),
    ],
)
def test_title_prefixes(line, title, kind):
    parsed = article(line)
    assert (parsed.title, parsed.kind) == (title, kind)
    assert parsed.raw_title == line


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Analysis: Why Beijing Watches the U.S.", "Why Beijing Watches the U.S."),
        ("Trade Talks With Acme Ltd.", "Trade Talks With Acme Ltd."),
        ("Is the Corridor Working?", "Is the Corridor Working?"),
        ("Enough!", "Enough!"),
        ("What Comes Next...", "What Comes Next..."),
        ("A Decade of the Belt and Road.", "A Decade of the Belt and Road"),
        ("Why Kazakhstan Said No.", "Why Kazakhstan Said No"),
    ],
)
def test_title_final_period(line, title):
    assert article(line).title == title


def test_title_surrounding_whitespace_is_removed_from_raw_title():
    parsed = parse_article("\n\n   Analysis: Ports.  \t\n\nBody text here.\n")
    assert parsed.raw_title == "Analysis: Ports."
    assert parsed.title == "Ports"


# --------------------------------------------------------------------------------------------
# Bylines
# --------------------------------------------------------------------------------------------


def test_no_byline():
    parsed = article("Editorial: Ports and Power", "March 15, 2024")
    assert parsed.authors == ()
    assert parsed.date == datetime.date(2024, 3, 15)


def test_two_authors_without_details():
    parsed = article("Title", "Written by: Dr. Aibek Toktogulov and Mr. Rustam Yusupov")
    assert parsed.authors == (
        ParsedAuthor("Dr.", "Aibek Toktogulov", None, None),
        ParsedAuthor("Mr.", "Rustam Yusupov", None, None),
    )


def test_three_authors_with_shared_affiliation():
    parsed = article(
        "Title",
        "By Dr. Sana Mirza, Mr. Bilal Rauf and Ms. Hafsa Akram, Institute for Corridor Economics, Lahore.",
    )
    shared = "Institute for Corridor Economics, Lahore"
    assert parsed.authors == (
        ParsedAuthor("Dr.", "Sana Mirza", None, shared),
        ParsedAuthor("Mr.", "Bilal Rauf", None, shared),
        ParsedAuthor("Ms.", "Hafsa Akram", None, shared),
    )


def test_three_authors_without_honorifics():
    parsed = article("Title", "By Sana Mirza, Bilal Rauf and Hafsa Akram")
    assert [(a.honorific, a.name, a.role, a.affiliation) for a in parsed.authors] == [
        (None, "Sana Mirza", None, None),
        (None, "Bilal Rauf", None, None),
        (None, "Hafsa Akram", None, None),
    ]


def test_two_authors_shared_affiliation_with_a_two_word_city():
    parsed = article("Title", "By Dr. Siti Rahmawati and Mr. Tan Wei Ming, Kuala Lumpur")
    assert [a.name for a in parsed.authors] == ["Siti Rahmawati", "Tan Wei Ming"]
    assert {a.affiliation for a in parsed.authors} == {"Kuala Lumpur"}


def test_authors_with_bracketed_affiliations():
    parsed = article(
        "Title",
        "Authors: Dr. A. Karimova (Tashkent Policy Lab, Tashkent), Mr. Li Wei (Yunnan University, Kunming) "
        "and Ms. Nur Aisyah (Research Fellow, Straits Forum, Singapore)",
    )
    assert authors_as_dicts(parsed) == [
        {
            "honorific": "Dr.",
            "name": "A. Karimova",
            "role": None,
            "affiliation": "Tashkent Policy Lab, Tashkent",
        },
        {"honorific": "Mr.", "name": "Li Wei", "role": None, "affiliation": "Yunnan University, Kunming"},
        {
            "honorific": "Ms.",
            "name": "Nur Aisyah",
            "role": "Research Fellow",
            "affiliation": "Straits Forum, Singapore",
        },
    ]


def test_authors_each_with_role_and_affiliation():
    parsed = article(
        "Title",
        "By Dr. Sana Mirza, Senior Research Fellow, Institute of Peace and Conflict Studies, Islamabad and "
        "Mr. Bilal Rauf, Lecturer in Economics, University of the Punjab, Lahore",
    )
    assert authors_as_dicts(parsed) == [
        {
            "honorific": "Dr.",
            "name": "Sana Mirza",
            "role": "Senior Research Fellow",
            "affiliation": "Institute of Peace and Conflict Studies, Islamabad",
        },
        {
            "honorific": "Mr.",
            "name": "Bilal Rauf",
            "role": "Lecturer in Economics",
            "affiliation": "University of the Punjab, Lahore",
        },
    ]


def test_role_without_comma_and_role_with_at():
    parsed = article(
        "Title", "Written by: Mr. Hamid Osman Senior Analyst at the Khartoum Policy Centre, Sudan."
    )
    assert parsed.authors == (
        ParsedAuthor("Mr.", "Hamid Osman", "Senior Analyst", "the Khartoum Policy Centre, Sudan"),
    )


def test_affiliation_without_role():
    parsed = article("Title", "By Dr. Mere Tuilagi, Pacific Security Dialogue Project, Suva, Fiji")
    assert parsed.authors == (
        ParsedAuthor("Dr.", "Mere Tuilagi", None, "Pacific Security Dialogue Project, Suva, Fiji"),
    )


@pytest.mark.parametrize(
    ("byline", "honorific", "name", "role"),
    [
        (
            "By Prof. Dr. Ayesha Siddiqa, Professor of International Relations",
            "Prof. Dr.",
            "Ayesha Siddiqa",
            "Professor of International Relations",
        ),
        (
            "By Amb. (R) Masood Khalid, Former Ambassador to China",
            "Amb. (R)",
            "Masood Khalid",
            "Former Ambassador to China",
        ),
        ("By Ambassador Masood Khalid", "Ambassador", "Masood Khalid", None),
        ("By Dr Sana Mirza, PhD Scholar", "Dr", "Sana Mirza", "PhD Scholar"),
        ("Author: Gen. Tariq Khan, Chairman", "Gen.", "Tariq Khan", "Chairman"),
        ("By Anna Dean", None, "Anna Dean", None),
        (
            "Author: Mrs. Sara Khan Head of Research, Gwadar Institute",
            "Mrs.",
            "Sara Khan",
            "Head of Research",
        ),
        ("By: Ms. Lina Haddad, Non-resident Fellow", "Ms.", "Lina Haddad", "Non-resident Fellow"),
    ],
)
def test_honorifics_and_roles(byline, honorific, name, role):
    (author,) = article("Title", byline).authors
    assert (author.honorific, author.name, author.role) == (honorific, name, role)


def test_byline_spread_over_lines():
    parsed = article(
        "Title",
        "Written by:",
        "Dr. Sana Mirza",
        "Senior Research Fellow, Institute for Corridor Economics, Islamabad",
    )
    assert parsed.authors == (
        ParsedAuthor(
            "Dr.", "Sana Mirza", "Senior Research Fellow", "Institute for Corridor Economics, Islamabad"
        ),
    )


def test_one_author_per_line():
    parsed = article(
        "Title", "Authors:", "Dr. Sana Mirza, Institute A, Lahore", "Mr. Bilal Rauf, Institute B, Karachi"
    )
    assert [(a.name, a.affiliation) for a in parsed.authors] == [
        ("Sana Mirza", "Institute A, Lahore"),
        ("Bilal Rauf", "Institute B, Karachi"),
    ]


def test_byline_with_email_and_date():
    parsed = article("Title", "By Dr. Sana Mirza (sana@example.org), Islamabad | 5 May 2024")
    assert parsed.authors == (ParsedAuthor("Dr.", "Sana Mirza", None, "Islamabad"),)
    assert parsed.date == datetime.date(2024, 5, 5)


def test_body_sentence_starting_with_by_is_not_a_byline():
    parsed = article("Title", body="By 2030, the corridor is expected to carry twice as much freight.")
    assert parsed.authors == ()
    assert parsed.paragraphs[0].startswith("By 2030")
    parsed = article("Title", body="By December, officials hope the line will open to passengers.")
    assert parsed.authors == ()


def test_byline_at_the_end():
    parsed = article("Title", tail="Written by: Ms. Hafsa Akram, Research Fellow, PRCCSF, Islamabad")
    assert parsed.authors == (ParsedAuthor("Ms.", "Hafsa Akram", "Research Fellow", "PRCCSF, Islamabad"),)
    assert len(parsed.paragraphs) == 2


def test_standfirst_before_byline_is_kept_as_body():
    parsed = article("Title", "A short standfirst on the corridor", "", "By Dr. Sana Mirza")
    assert parsed.authors[0].name == "Sana Mirza"
    assert parsed.paragraphs[0] == "A short standfirst on the corridor"


# --------------------------------------------------------------------------------------------
# Dates and datelines
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("22 August 2024", datetime.date(2024, 8, 22)),
        ("June 12, 2023", datetime.date(2023, 6, 12)),
        ("2023-03-03", datetime.date(2023, 3, 3)),
        ("Published: 2023-03-03", datetime.date(2023, 3, 3)),
        ("Posted: 5 May 2024", datetime.date(2024, 5, 5)),
        ("Posted on March 3rd, 2023 at 10:30 am", datetime.date(2023, 3, 3)),
        ("Date: 3rd of March, 2023", datetime.date(2023, 3, 3)),
        ("Monday, 14th Sept. 2022", datetime.date(2022, 9, 14)),
        ("Sep 14 2022", datetime.date(2022, 9, 14)),
        ("25/06/2023", datetime.date(2023, 6, 25)),
        ("12/06/2023", None),
        ("31 February 2023", None),
        ("Published: 2023-02-30", None),
        ("March 2023", None),
    ],
)
def test_header_date_lines(line, expected):
    parsed = article("Title", "By Dr. Sana Mirza", line)
    assert parsed.date == expected
    assert parsed.paragraphs[0].startswith("China and Kazakhstan agreed")


def test_published_by_is_not_a_date_line():
    parsed = article("Title", tail="Published by Caravan Policy Notes")
    assert parsed.source == "Caravan Policy Notes"


@pytest.mark.parametrize(
    ("opening", "dateline", "expected", "rest"),
    [
        (
            "ISLAMABAD, 3 March 2023 - As Pakistan",
            "ISLAMABAD, 3 March 2023",
            datetime.date(2023, 3, 3),
            "As Pakistan",
        ),
        ("BEIJING, 5 May 2024 — China", "BEIJING, 5 May 2024", datetime.date(2024, 5, 5), "China"),
        ("BEIJING, 5 May 2024—China", "BEIJING, 5 May 2024", datetime.date(2024, 5, 5), "China"),
        (
            "Kuala Lumpur, May 5, 2024 – Malaysia",
            "Kuala Lumpur, May 5, 2024",
            datetime.date(2024, 5, 5),
            "Malaysia",
        ),
        ("ISLAMABAD: Pakistan", "ISLAMABAD", None, "Pakistan"),
        ("DAR ES SALAAM (Reuters) – Tanzania", "DAR ES SALAAM (Reuters)", None, "Tanzania"),
        ("ASTANA, 31 February 2024 - Kazakhstan", "ASTANA, 31 February 2024", None, "Kazakhstan"),
    ],
)
def test_datelines(opening, dateline, expected, rest):
    parsed = article("Title", body=f"{opening} and China signed new agreements on transport.")
    assert parsed.dateline == dateline
    assert parsed.date == expected
    assert parsed.paragraphs[0] == f"{rest} and China signed new agreements on transport."


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("On 14 Sep 2022, Chinese President Xi Jinping visited Kazakhstan.", datetime.date(2022, 9, 14)),
        ("On September 7, 2023, the two sides met in Astana.", datetime.date(2023, 9, 7)),
        ("On the 14th of September 2022, the leaders met.", datetime.date(2022, 9, 14)),
        ("On Wednesday, 14 Sep 2022, the leaders met.", datetime.date(2022, 9, 14)),
        ("In December 2021, the railway opened to traffic.", None),
        ("The railway opened on 3 December 2021 after five years of work.", None),
        ("On 14 Sep, the leaders met again.", None),
    ],
)
def test_date_opening_the_body(opening, expected):
    parsed = article("Title", body=opening)
    assert parsed.date == expected
    assert parsed.paragraphs[0] == opening


def test_header_date_wins_over_opening_sentence():
    parsed = article("Title", "Published: 2023-06-20", body="On 12 Jun 2023, officials met at the border.")
    assert parsed.date == datetime.date(2023, 6, 20)


def test_capitalised_opening_words_are_not_a_dateline():
    parsed = article("Title", body="China – and not only China – has changed the region.")
    assert parsed.dateline is None
    assert parsed.paragraphs[0].startswith("China – and not only China")


# --------------------------------------------------------------------------------------------
# Source line
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "source"),
    [
        ("TN Media News", "TN Media News"),
        ("Source: Xinhua", "Xinhua"),
        ("Source: Xinhua.", "Xinhua"),
        ("(Source: The Diplomat)", "The Diplomat"),
        ("Originally published in The Diplomat.", "The Diplomat"),
        ("First published by Caravan Policy Notes on 3 March 2023", "Caravan Policy Notes"),
        ("— Eastbound Policy Review", "Eastbound Policy Review"),
        ("© 2024 Meridian Policy Review. All rights reserved.", "Meridian Policy Review"),
        ("www.example-outlet.org", "www.example-outlet.org"),
    ],
)
def test_source_line(tail, source):
    parsed = article("Title", tail=tail)
    assert parsed.source == source
    assert len(parsed.paragraphs) == 2


@pytest.mark.parametrize(
    "last",
    [
        "Officials expect the new terminal to open next year.",
        "and the two governments agreed to keep talking about the remaining questions",
        "Whether that happens is another matter",
        "Time will tell",
        "Updated: the figures were revised later in the year, and the trend held.",
    ],
)
def test_body_ending_is_not_a_source(last):
    parsed = article("Title", tail=last)
    assert parsed.source is None
    assert parsed.paragraphs[-1] == last


def test_no_source_when_last_line_continues_a_wrapped_paragraph():
    body = "The corridor is a long-term project that will need\nsteady support from Central Asia"
    parsed = article("Title", body=body)
    assert parsed.source is None
    assert parsed.paragraphs == (
        "The corridor is a long-term project that will need steady support from Central Asia",
    )


def test_source_followed_by_blank_lines_and_end_marker():
    parsed = parse_article(f"Title\n\n{BODY}\n\nSource: Xinhua\n\n***\n\n\n")
    assert parsed.source == "Xinhua"


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "file is empty"),
        ("\ufeff", "file is empty"),
        ("   \n\t\r\n  \n", "file is empty"),
        ("Analysis: A Title Only.\n", "no body"),
        ("Analysis: A Title\n\nBy Dr. Sana Mirza, Islamabad\nPublished: 2023-03-03\n", "no body"),
        ("Written by: Dr. Sana Mirza\n\nSome body text.\n", "no title"),
    ],
)
def test_parse_errors(text, message):
    with pytest.raises(ParseError, match=message):
        parse_article(text)


def test_parse_error_is_a_value_error_with_one_line():
    with pytest.raises(ValueError) as caught:
        parse_article("Title only\n")
    assert "\n" not in str(caught.value)


def test_decode_text_strips_bom():
    assert decode_text("\ufeffTitle\r\n\r\nBody – “quoted”.".encode()) == "Title\r\n\r\nBody – “quoted”."


def test_decode_text_plain_utf8():
    assert decode_text("Café".encode()) == "Café"
    assert decode_text(b"") == ""


def test_decode_text_rejects_nul_bytes():
    with pytest.raises(ParseError, match=r"binary file \(NUL byte at offset 5\)"):
        decode_text(b"Title\x00\x01\x02 body")


def test_decode_text_rejects_latin1():
    data = "Title\n\nCafé society".encode("latin-1")
    with pytest.raises(ParseError, match=r"not UTF-8 text \(byte 0xE9 at offset 10\)") as caught:
        decode_text(data)
    assert "UTF-8" in str(caught.value)


def test_decode_text_rejects_utf16_with_a_hint():
    with pytest.raises(ParseError, match="UTF-16"):
        decode_text("Title\n\nBody".encode("utf-16"))
    with pytest.raises(ParseError, match="UTF-16"):
        decode_text("Title\n\nBody text".encode("utf-16-le"))


def test_decode_text_names_common_binary_formats():
    with pytest.raises(ParseError, match="PDF"):
        decode_text(b"%PDF-1.7\n...")
    with pytest.raises(ParseError, match="docx"):
        decode_text(b"PK\x03\x04rest")


# --------------------------------------------------------------------------------------------
# Result object
# --------------------------------------------------------------------------------------------


def test_result_is_frozen_and_json_ready():
    parsed = article("Analysis: Ports.", "By Dr. Sana Mirza", "Published: 2023-03-03", tail="Source: Xinhua")
    with pytest.raises(AttributeError):
        parsed.title = "x"
    assert parsed.as_dict() == {
        "title": "Ports",
        "kind": "analysis",
        "authors": [{"honorific": "Dr.", "name": "Sana Mirza", "role": None, "affiliation": None}],
        "date": "2023-03-03",
        "source": "Xinhua",
        "paragraphs": 2,
        "notes": 0,
    }
    assert parsed.body_text() == BODY


# Long or repetitive lines that once took time growing with the square of their length (or that
# would, with a backtracking-prone pattern): each must simply parse. No timing here (benchmarks
# measure time); test_long_lines_are_read_in_linear_work below counts the work instead.
PATHOLOGICAL_TEXTS = {
    "prose after a byline label": "Written by: a" + " b" * 10_000,
    "role modifiers without end": "Written by: Dr. Sana Mirza " + "Senior " * 3_000 + "Fellow",
    "names without end": "Authors: " + "Sana Mirza, " * 2_000 + "and Bilal Rauf",
    "dotted run without @": "Written by: " + "a." * 10_000,
    "one long token": "By Dr. " + "x" * 20_000,
    "capitalised words before a colon": "ABC DEF " * 3_000 + ": Body",
    "open brackets": "Authors: Dr. Sana Mirza " + "(a " * 6_000,
    "affiliation blocks": "By Dr. Sana Mirza\n\n" + "Senior Fellow, Institute X\n\n" * 1_000,
    "dates": "1/1/2000 " * 2_000,
    "separators": "-" * 20_000,
}


@pytest.mark.parametrize("header", PATHOLOGICAL_TEXTS.values(), ids=PATHOLOGICAL_TEXTS.keys())
def test_pathological_inputs_parse(header):
    parsed = article("Title", header)
    assert parsed.title == "Title"
    assert parsed.paragraphs


def _byline_work(monkeypatch, text: str) -> int:
    """Characters handed to the byline helpers that run once per segment or role candidate."""
    seen = [0]
    for name in ("_split_role", "_is_name_like"):
        original = getattr(parser, name)

        def counting(text, *args, _original=original, **kwargs):
            seen[0] += len(text)
            return _original(text, *args, **kwargs)

        monkeypatch.setattr(parser, name, counting)
    parse_article(text)
    monkeypatch.undo()
    return seen[0]


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "Written by: a" + " b" * n,
        lambda n: "Written by: Dr. Sana Mirza " + "Senior " * n + "Fellow",
        lambda n: "Authors: " + "Sana Mirza, " * n + "and Bilal Rauf",
        lambda n: "By Dr. Sana Mirza\n\n" + "Senior Fellow, Institute X\n\n" * n,
    ],
    ids=["prose after a label", "role modifiers", "list of names", "affiliation blocks"],
)
def test_long_lines_are_read_in_linear_work(monkeypatch, make):
    """Four times the text, at most about four times the work (it was sixteen times)."""
    small, large = (_byline_work(monkeypatch, f"Title\n\n{make(n)}\n\n{BODY}\n") for n in (200, 800))
    assert large <= 5 * small


# --------------------------------------------------------------------------------------------
# Less common layouts
# --------------------------------------------------------------------------------------------


def test_byline_without_label():
    parsed = article(
        "Title", "Dr. Sana Mirza, Senior Research Fellow, Institute X, Islamabad", "3 March 2023"
    )
    assert parsed.authors == (
        ParsedAuthor("Dr.", "Sana Mirza", "Senior Research Fellow", "Institute X, Islamabad"),
    )
    assert parsed.date == datetime.date(2023, 3, 3)


def test_body_sentence_about_a_person_is_not_a_byline():
    parsed = article("Title", body="Mr. Xi Jinping visited Kazakhstan in September.")
    assert parsed.authors == ()
    assert parsed.paragraphs == ("Mr. Xi Jinping visited Kazakhstan in September.",)


def test_affiliation_in_its_own_block_after_the_byline():
    parsed = article("Title", "By Dr. Sana Mirza", "", "Senior Research Fellow, Institute X, Islamabad")
    assert parsed.authors == (
        ParsedAuthor("Dr.", "Sana Mirza", "Senior Research Fellow", "Institute X, Islamabad"),
    )
    assert parsed.paragraphs[0].startswith("China and Kazakhstan agreed")


def test_plural_role_is_shared():
    parsed = article(
        "Title", "By Dr. Sana Mirza and Dr. Bilal Rauf, Research Fellows, Institute X, Islamabad"
    )
    assert [(a.name, a.role, a.affiliation) for a in parsed.authors] == [
        ("Sana Mirza", "Research Fellows", "Institute X, Islamabad"),
        ("Bilal Rauf", "Research Fellows", "Institute X, Islamabad"),
    ]


def test_byline_parts_separated_by_pipes():
    parsed = article("Title", "By Dr. Sana Mirza | Senior Research Fellow | Institute X, Islamabad")
    assert parsed.authors == (
        ParsedAuthor("Dr.", "Sana Mirza", "Senior Research Fellow", "Institute X, Islamabad"),
    )


def test_role_variants():
    (author,) = article("Title", "By Mr. Bilal Rauf, a Research Associate at CECS, Lahore").authors
    assert (author.role, author.affiliation) == ("Research Associate", "CECS, Lahore")
    (author,) = article("Title", "By Dr. Sana Mirza, Professor Emeritus, University X").authors
    assert (author.role, author.affiliation) == ("Professor Emeritus", "University X")
    (author,) = article(
        "Title",
        "By Dr. A. Khan, Assistant Professor, Department of Politics and International Relations, Karachi",
    ).authors
    assert (author.role, author.affiliation) == (
        "Assistant Professor",
        "Department of Politics and International Relations, Karachi",
    )


def test_authors_separated_by_semicolons():
    parsed = article(
        "Title", "Authors: Dr. Amina Khan, Research Fellow, Inst A; Mr. Yusuf Shah, Analyst, Inst B"
    )
    assert [(a.name, a.role, a.affiliation) for a in parsed.authors] == [
        ("Amina Khan", "Research Fellow", "Inst A"),
        ("Yusuf Shah", "Analyst", "Inst B"),
    ]


def test_kind_on_its_own_line_before_the_title():
    parsed = article("ANALYSIS", "", "Chinese President Visits Astana", "By Dr. Sana Mirza")
    assert (parsed.kind, parsed.title, parsed.raw_title) == (
        "analysis",
        "Chinese President Visits Astana",
        "Chinese President Visits Astana",
    )


def test_markdown_title_emphasis_and_underline():
    parsed = parse_article(
        f"# Analysis: Ports and Power\n=====\n\n**By Dr. Sana Mirza**\n\n*Published: 2023-03-03*\n\n{BODY}\n\n_Source: Xinhua_\n"
    )
    assert (parsed.title, parsed.kind, parsed.date, parsed.source) == (
        "Ports and Power",
        "analysis",
        datetime.date(2023, 3, 3),
        "Xinhua",
    )
    assert parsed.authors == (ParsedAuthor("Dr.", "Sana Mirza", None, None),)
    assert len(parsed.paragraphs) == 2


def test_acronym_opening_is_not_a_dateline():
    parsed = article("Title", body="CPEC: The corridor entered a new phase this year, officials said.")
    assert parsed.dateline is None
    assert parsed.paragraphs[0].startswith("CPEC: The corridor")


def test_outlet_line_with_a_date():
    parsed = article("Title", tail="TN Media News, 3 March 2023")
    assert parsed.source == "TN Media News"
    assert parsed.date == datetime.date(2023, 3, 3)


def test_signature_at_the_end_is_the_author_not_the_source():
    parsed = article("Title", tail="— Dr. Sana Mirza")
    assert parsed.authors == (ParsedAuthor("Dr.", "Sana Mirza", None, None),)
    assert parsed.source is None
    assert len(parsed.paragraphs) == 2


def test_author_bio_at_the_end_stays_in_the_body():
    bio = "The writer is a Research Fellow at PRCCSF, Islamabad."
    parsed = article("Title", "By Dr. Sana Mirza", tail=bio)
    assert parsed.source is None
    assert parsed.paragraphs[-1] == bio


def test_standfirst_and_bullets():
    parsed = parse_article(
        "Ports and Power\nWhy the corridor still matters\n\nBy Dr. Sana Mirza\n\n"
        "Three points stand out:\n- freight is growing\n- costs are\nfalling\n\nThat is the story.\n"
    )
    assert parsed.authors[0].name == "Sana Mirza"
    assert parsed.paragraphs == (
        "Why the corridor still matters",
        "Three points stand out:",
        "- freight is growing",
        "- costs are falling",
        "That is the story.",
    )


# --------------------------------------------------------------------------------------------
# Word lists (briefings/importing/data/parser_words.json): one realistic line per entry that
# parses right only because of that entry, so that deleting any entry fails a test here.
# --------------------------------------------------------------------------------------------

AFFILIATION = "Caspian Policy Institute, Almaty"


def only_author(*header: str) -> tuple:
    (author,) = article("Title", *header).authors
    return (author.honorific, author.name, author.role, author.affiliation)


KIND_LABEL_EXAMPLES = {
    "analysis": "Analysis",
    "news analysis": "News Analysis",
    "commentary": "Commentary",
    "comment": "Comment",
    "op ed": "Op-Ed",
    "oped": "Oped",
    "opinion": "Opinion",
    "brief": "Brief",
    "policy brief": "Policy Brief",
    "issue brief": "Issue Brief",
    "research brief": "Research Brief",
    "editorial": "Editorial",
    "report": "Report",
    "special report": "Special Report",
    "research report": "Research Report",
    "news": "News",
}


@pytest.mark.parametrize(("label", "written"), KIND_LABEL_EXAMPLES.items())
def test_word_list_kind_labels(label, written):
    parsed = article(f"{written}: Ports and Power")
    assert (parsed.kind, parsed.title) == (parser.KIND_LABELS[label], "Ports and Power")
    assert parsed.kind in KINDS


MONTH_EXAMPLES = {
    "january": ("14 January 2022", 1),
    "jan": ("14 Jan 2022", 1),
    "february": ("14 February 2022", 2),
    "feb": ("14 Feb. 2022", 2),
    "march": ("March 14, 2022", 3),
    "mar": ("Mar 14, 2022", 3),
    "april": ("14 April 2022", 4),
    "apr": ("14 Apr 2022", 4),
    "may": ("May 14, 2022", 5),
    "june": ("14 June 2022", 6),
    "jun": ("14 Jun 2022", 6),
    "july": ("July 14, 2022", 7),
    "jul": ("14 Jul 2022", 7),
    "august": ("14th August 2022", 8),
    "aug": ("Aug. 14, 2022", 8),
    "september": ("14 September 2022", 9),
    "sept": ("14th Sept. 2022", 9),
    "sep": ("14 Sep 2022", 9),
    "october": ("October 14, 2022", 10),
    "oct": ("14 Oct 2022", 10),
    "november": ("14 November 2022", 11),
    "nov": ("Nov 14, 2022", 11),
    "december": ("14-December-2022", 12),
    "dec": ("14 Dec 2022", 12),
}


@pytest.mark.parametrize(("month", "example"), MONTH_EXAMPLES.items())
def test_word_list_months(month, example):
    line, number = example
    parsed = article("Title", "By Dr. Sana Mirza", line)
    assert parsed.date == datetime.date(2022, number, 14)
    assert parsed.paragraphs[0] == BODY.split("\n\n")[0]


WEEKDAY_EXAMPLES = {
    "monday": "Monday, 12 September 2022",
    "tuesday": "Tuesday, 13 September 2022",
    "wednesday": "Wednesday, 14 September 2022",
    "thursday": "Thursday, 15 September 2022",
    "friday": "Friday, 16 September 2022",
    "saturday": "Saturday, 17 September 2022",
    "sunday": "Sunday, 18 September 2022",
    "mon": "Mon, 12 Sep 2022",
    "tues": "Tues., 13 Sep 2022",
    "tue": "Tue, 13 Sep 2022",
    "wed": "Wed., 14 Sep 2022",
    "thurs": "Thurs, 15 Sep 2022",
    "thur": "Thur., 15 Sep 2022",
    "thu": "Thu, 15 Sep 2022",
    "fri": "Fri, 16 Sep 2022",
    "sat": "Sat, 17 Sep 2022",
    "sun": "Sun, 18 Sep 2022",
}


@pytest.mark.parametrize(("day", "line"), WEEKDAY_EXAMPLES.items())
def test_word_list_weekdays(day, line):
    """Without the day name the line is read as "Place, date": a dateline instead of a date."""
    parsed = article("Title", "By Dr. Sana Mirza", line)
    assert parsed.date == datetime.date(2022, 9, int(line.split(", ")[1].split()[0]))
    assert parsed.dateline is None


HONORIFIC_WITH_PERIOD_EXAMPLES = {
    "Mr": "Mr.",
    "Mrs": "Mrs.",
    "Ms": "Ms.",
    "Mx": "Mx.",
    "Dr": "Dr.",
    "Prof": "Prof.",
    "Amb": "Amb.",
    "Gen": "Gen.",
    "Lt": "Lt.",
    "Col": "Col.",
    "Maj": "Maj.",
    "Capt": "Capt.",
    "Brig": "Brig.",
    "Adm": "Adm.",
    "Cdr": "Cdr.",
    "Cmdr": "Cmdr.",
    "Cdre": "Cdre.",
    "Sen": "Sen.",
    "Rep": "Rep.",
    "Hon": "Hon.",
    "Rev": "Rev.",
    "Engr": "Engr.",
    "Eng": "Eng.",
    "Sgt": "Sgt.",
    "Gov": "Gov.",
    "Pres": "Pres.",
    "Fr": "Fr.",
    "Mme": "Mme.",
    "Mlle": "Mlle.",
}
HONORIFIC_BARE_EXAMPLES = {
    "Mr": "Mr",
    "Mrs": "Mrs",
    "Ms": "Ms",
    "Mx": "Mx",
    "Dr": "Dr",
    "Prof": "Prof",
    "Miss": "Miss",
    "Sir": "Sir",
    "Dame": "Dame",
    "Lord": "Lord",
    "Lady": "Lady",
    "Madam": "Madam",
}
HONORIFIC_FULL_EXAMPLES = {title: title for title in (
    "Ambassador", "Professor", "Senator", "Justice", "General", "Brigadier", "Colonel", "Major",
    "Captain", "Admiral", "Commodore", "Lieutenant", "Air Chief Marshal", "Air Marshal",
    "Vice Admiral", "Rear Admiral", "Barrister", "Engineer", "Sheikh", "His Excellency",
    "Her Excellency",
)}  # fmt: skip


@pytest.mark.parametrize(
    "honorific",
    [
        *HONORIFIC_WITH_PERIOD_EXAMPLES.values(),
        *HONORIFIC_BARE_EXAMPLES.values(),
        *HONORIFIC_FULL_EXAMPLES.values(),
    ],
)
def test_word_list_honorifics(honorific):
    assert only_author(f"By {honorific} Sam Carter") == (honorific, "Sam Carter", None, None)


RETIRED_MARK_EXAMPLES = {
    "R": "Amb. (R)",
    "Retd": "Brig. (Retd.)",
    "Retired": "Col. (Retired)",
    "Rtd": "Maj. (Rtd)",
}


@pytest.mark.parametrize("honorific", RETIRED_MARK_EXAMPLES.values())
def test_word_list_retired_marks(honorific):
    assert only_author(f"By {honorific} Sam Carter") == (honorific, "Sam Carter", None, None)


ROLE_NOUN_EXAMPLES = {
    "fellow": "Senior Fellow",
    "associate": "Research Associate",
    "researcher": "Senior Researcher",
    "analyst": "Policy Analyst",
    "director": "Executive Director",
    "director-general": "Director-General",
    "professor": "Associate Professor",
    "lecturer": "Senior Lecturer",
    "editor": "Managing Editor",
    "editor-in-chief": "Editor-in-Chief",
    "head": "Head of Research",
    "ambassador": "Former Ambassador to Kazakhstan",
    "chairman": "Chairman",
    "chairwoman": "Chairwoman",
    "chairperson": "Chairperson",
    "chair": "Chair",
    "president": "President",
    "vice-president": "Vice-President",
    "dean": "Dean of Social Sciences",
    "coordinator": "Programme Coordinator",
    "co-ordinator": "Project Co-ordinator",
    "scholar": "PhD Scholar",
    "candidate": "Doctoral Candidate",
    "student": "Graduate Student",
    "journalist": "Journalist",
    "correspondent": "Foreign Correspondent",
    "economist": "Chief Economist",
    "consultant": "Independent Consultant",
    "adviser": "Senior Adviser",
    "advisor": "Policy Advisor",
    "secretary": "Executive Secretary",
    "secretary-general": "Secretary-General",
    "minister": "Former Minister of Planning",
    "officer": "Research Officer",
    "manager": "Programme Manager",
    "expert": "Security Expert",
    "specialist": "Trade Specialist",
    "columnist": "Columnist",
    "writer": "Staff Writer",
    "founder": "Founder",
    "co-founder": "Co-founder",
    "ceo": "CEO",
    "chancellor": "Chancellor",
    "vice-chancellor": "Vice-Chancellor",
    "rector": "Rector",
    "provost": "Provost",
    "representative": "Country Representative",
    "commentator": "Political Commentator",
    "reporter": "Senior Reporter",
    "historian": "Historian",
    "lawyer": "Lawyer",
    "diplomat": "Former Diplomat",
    "strategist": "Defence Strategist",
    "member": "Faculty Member",
    "instructor": "Instructor",
    "teacher": "Teacher",
    "intern": "Research Intern",
    "partner": "Managing Partner",
    "trustee": "Trustee",
    "envoy": "Special Envoy",
    "counsellor": "Counsellor",
    "counselor": "Senior Counselor",
    "advocate": "Advocate",
    "practitioner": "Development Practitioner",
    "principal": "Principal",
    "administrator": "Administrator",
    "assistant": "Research Assistant",
    "executive": "Chief Executive",
    "investigator": "Principal Investigator",
    "observer": "Independent Observer",
}


@pytest.mark.parametrize("role", ROLE_NOUN_EXAMPLES.values())
def test_word_list_role_nouns(role):
    """Without the noun the segment is read as the start of the affiliation."""
    assert only_author(f"By Dr. Amina Yusuf, {role}, {AFFILIATION}") == (
        "Dr.",
        "Amina Yusuf",
        role,
        AFFILIATION,
    )


ROLE_MODIFIER_EXAMPLES = {
    "senior": "Senior Fellow",
    "junior": "Junior Researcher",
    "visiting": "Visiting Fellow",
    "non-resident": "Non-resident Fellow",
    "nonresident": "Nonresident Fellow",
    "adjunct": "Adjunct Professor",
    "distinguished": "Distinguished Fellow",
    "chief": "Chief Economist",
    "lead": "Lead Analyst",
    "deputy": "Deputy Director",
    "managing": "Managing Editor",
    "former": "Former Ambassador",
    "acting": "Acting Director",
    "honorary": "Honorary Fellow",
    "honourary": "Honourary Fellow",
    "emeritus": "Emeritus Professor",
    "research": "Research Fellow",
    "postdoctoral": "Postdoctoral Fellow",
    "post-doctoral": "Post-doctoral Fellow",
    "doctoral": "Doctoral Candidate",
    "phd": "PhD Scholar",
    "ph.d": "Ph.D. Scholar",
    "mphil": "MPhil Scholar",
    "m.phil": "M.Phil. Scholar",
    "graduate": "Graduate Student",
    "postgraduate": "Postgraduate Researcher",
    "vice": "Vice President",
    "founding": "Founding Director",
    "program": "Program Officer",
    "programme": "Programme Manager",
    "project": "Project Coordinator",
    "policy": "Policy Analyst",
    "teaching": "Teaching Fellow",
    "staff": "Staff Writer",
    "special": "Special Envoy",
    "regional": "Regional Director",
    "country": "Country Director",
    "independent": "Independent Analyst",
    "guest": "Guest Columnist",
    "resident": "Resident Fellow",
    "contributing": "Contributing Editor",
    "freelance": "Freelance Journalist",
    "general": "General Secretary",
    "consulting": "Consulting Editor",
    "technical": "Technical Adviser",
    "legal": "Legal Adviser",
    "academic": "Academic Director",
    "faculty": "Faculty Member",
    "full": "Full Professor",
    "permanent": "Permanent Representative",
    "retired": "Retired Diplomat",
    "joint": "Joint Secretary",
    "additional": "Additional Secretary",
    "co": "Co Chair",
    "editorial": "Editorial Assistant",
    "security": "Security Analyst",
    "economic": "Economic Adviser",
    "political": "Political Analyst",
    "foreign": "Foreign Correspondent",
    "defence": "Defence Analyst",
    "defense": "Defense Analyst",
    "communications": "Communications Officer",
}


@pytest.mark.parametrize("role", ROLE_MODIFIER_EXAMPLES.values())
def test_word_list_role_modifiers(role):
    """No comma between name and role: without the modifier it is read as part of the name."""
    byline = f"By Ms. Hafsa Akram {role}, {AFFILIATION}"
    assert only_author(byline) == ("Ms.", "Hafsa Akram", role, AFFILIATION)


ROLE_POSTMODIFIER_EXAMPLES = {
    "emeritus": "Professor Emeritus",
    "emerita": "Professor Emerita",
    "designate": "Minister Designate",
    "elect": "President Elect",
    "at-large": "Ambassador At-Large",
}


@pytest.mark.parametrize("role", ROLE_POSTMODIFIER_EXAMPLES.values())
def test_word_list_role_postmodifiers(role):
    assert only_author(f"By Dr. Amina Yusuf, {role}, {AFFILIATION}") == (
        "Dr.",
        "Amina Yusuf",
        role,
        AFFILIATION,
    )


INSTITUTION_EXAMPLES = {
    "institute": "the Caspian Institute",
    "institution": "the Hoover Institution",
    "centre": "the Caspian Centre",
    "center": "the Caspian Center",
    "university": "Nazarbayev University",
    "college": "Caspian College",
    "school": "the Caspian School of Economics",
    "academy": "the Caspian Academy of Sciences",
    "council": "the Caspian Council",
    "forum": "the Caspian Forum",
    "foundation": "the Caspian Foundation",
    "lab": "the Caspian Policy Lab",
    "labs": "Caspian Data Labs",
    "laboratory": "the Caspian Laboratory",
    "project": "the Caspian Water Project",
    "programme": "the Caspian Studies Programme",
    "program": "the Caspian Studies Program",
    "society": "the Caspian Society",
    "association": "the Caspian Trade Association",
    "network": "the Caspian Research Network",
    "ministry": "the Ministry of Energy",
    "department": "the Department of Economics",
    "agency": "the Caspian Development Agency",
    "bureau": "the Caspian Statistics Bureau",
    "commission": "the Caspian Planning Commission",
    "committee": "the Caspian Water Committee",
    "board": "the Caspian Investment Board",
    "trust": "the Caspian Heritage Trust",
    "observatory": "the Caspian Observatory",
    "organisation": "the Caspian Research Organisation",
    "organization": "the Caspian Research Organization",
    "bank": "the Caspian Development Bank",
    "fund": "the Caspian Climate Fund",
    "corporation": "the Caspian Shipping Corporation",
    "company": "the Caspian Shipping Company",
    "group": "the Caspian Strategy Group",
    "hub": "the Caspian Innovation Hub",
    "tank": "the Caspian Think Tank",
    "times": "the Caspian Times",
    "news": "Caspian News",
    "post": "the Caspian Post",
    "journal": "the Caspian Journal",
    "press": "the Caspian Press",
    "media": "Caspian Media",
    "magazine": "Caspian Magazine",
    "tribune": "the Caspian Tribune",
    "herald": "the Caspian Herald",
    "gazette": "the Caspian Gazette",
    "daily": "Caspian Daily",
    "review": "the Caspian Review",
    "division": "the Energy Division",
    "faculty": "the Faculty of Law",
    "embassy": "the Embassy of Kazakhstan",
    "consulate": "the Consulate of Kazakhstan",
    "office": "the Prime Minister's Office",
    "secretariat": "the Caspian Secretariat",
    "parliament": "the Parliament of Kazakhstan",
    "senate": "the Senate of Kazakhstan",
    "assembly": "the National Assembly",
    "government": "the Government of Kazakhstan",
    "army": "the Kazakh Army",
    "navy": "the Kazakh Navy",
    "force": "the Kazakh Air Force",
    "court": "the Supreme Court",
    "union": "the Eurasian Economic Union",
    "alliance": "the Caspian Energy Alliance",
    "coalition": "the Caspian Climate Coalition",
    "partnership": "the Caspian Water Partnership",
    "platform": "the Caspian Trade Platform",
    "initiative": "the Caspian Transparency Initiative",
    "dialogue": "the Caspian Dialogue",
    "digest": "Caspian Digest",
    "monitor": "Caspian Monitor",
    "notes": "Caspian Policy Notes",
    "desk": "the Caspian Desk",
    "quarterly": "Caspian Quarterly",
    "weekly": "Caspian Weekly",
    "service": "the Caspian Civil Service",
    "services": "Caspian Advisory Services",
    "consultancy": "Caspian Consultancy",
    "inc": "Caspian Freight Inc.",
    "ltd": "Caspian Freight Ltd.",
    "llc": "Caspian Freight LLC",
    "plc": "Caspian Freight plc",
    "gmbh": "Caspian Freight GmbH",
}


@pytest.mark.parametrize("organisation", INSTITUTION_EXAMPLES.values())
def test_word_list_institution_words(organisation):
    """After "Director of", an organisation is the affiliation, not the rest of the role."""
    assert only_author(f"By Dr. Amina Yusuf, Director of {organisation}") == (
        "Dr.",
        "Amina Yusuf",
        "Director",
        organisation,
    )


FIELD_EXAMPLES = {
    "studies": "Caspian Studies",
    "relations": "Sino-Kazakh Relations",
    "affairs": "Caspian Affairs",
    "sciences": "Earth Sciences",
    "science": "Political Science",
    "policy": "Water Policy",
    "policies": "Water Policies",
    "economics": "Labour Economics",
    "economy": "Political Economy",
    "politics": "Eurasian Politics",
    "development": "Rural Development",
    "security": "Maritime Security",
    "strategic": "Strategic Foresight",
    "international": "International Migration",
    "national": "National Archives",
    "global": "Global Health",
    "regional": "Regional Planning",
    "public": "Public Health",
    "social": "Social Work",
    "technology": "Information Technology",
    "engineering": "Civil Engineering",
    "law": "Maritime Law",
    "management": "Water Management",
    "administration": "Hospital Administration",
    "governance": "Corporate Governance",
    "peace": "Peace Education",
    "conflict": "Conflict Resolution",
    "research": "Market Research",
    "history": "Economic History",
    "culture": "Visual Culture",
    "humanities": "Digital Humanities",
    "languages": "Modern Languages",
    "communication": "Mass Communication",
    "communications": "Corporate Communications",
    "trade": "Maritime Trade",
    "energy": "Renewable Energy",
    "environment": "Urban Environment",
    "environmental": "Environmental Health",
    "strategy": "Corporate Strategy",
    "defence": "Defence Procurement",
    "defense": "Defense Procurement",
    "diplomacy": "Digital Diplomacy",
    "finance": "Climate Finance",
    "business": "Business Ethics",
    "commerce": "Maritime Commerce",
    "rights": "Human Rights",
    "asian": "Asian Heritage",
    "african": "African Heritage",
    "european": "European Heritage",
    "american": "American Heritage",
    "eastern": "Eastern Europe",
    "western": "Western Europe",
    "southern": "Southern Africa",
    "northern": "Northern Europe",
    "central": "Central Eurasia",
    "pacific": "Pacific Islands",
    "atlantic": "Atlantic Fisheries",
    "middle": "Middle Powers",
    "gulf": "Gulf Monarchies",
    "analysis": "Data Analysis",
    "cooperation": "Maritime Cooperation",
    "integration": "Eurasian Integration",
    "connectivity": "Eurasian Connectivity",
}


@pytest.mark.parametrize("field_name", FIELD_EXAMPLES.values())
def test_word_list_field_words(field_name):
    """A byline line under the name: without the field word it reads as a second author's name."""
    line = f"{field_name}, {AFFILIATION}"
    assert only_author("By Dr. Amina Yusuf", line) == ("Dr.", "Amina Yusuf", None, line)


# Affiliations in their own block after the byline: read as one only when every lower-case
# word in them is a function word.
FUNCTION_WORD_AFFILIATIONS = {
    "a": "Center for a Community with Shared Future, Islamabad",
    "an": "Institute for an Open Eurasia, Almaty",
    "the": "University of the Punjab, Lahore",
    "of": "Institute of Strategic Studies, Islamabad",
    "for": "Centre for Strategic Studies, Islamabad",
    "and": "Institute of Peace and Conflict Studies, New Delhi",
    "in": "Centre for Research in Economics, Lahore",
    "on": "Forum on Eurasian Connectivity, Astana",
    "at": "Centre for Asian Studies at Nazarbayev University",
    "to": "Permanent Mission of Kazakhstan to the United Nations, New York",
    "with": "Center for a Community with Shared Future, Islamabad",
    "de": "Universidad de Chile, Santiago",
    "del": "Universidad del Pacífico, Lima",
    "della": "Università della Svizzera Italiana, Lugano",
    "du": "Université du Québec, Montréal",
    "la": "Universidad de la República, Montevideo",
    "les": "Université Savoie Mont Blanc, Aix les Bains",
    "e": "Quaid e Azam University, Islamabad",
    "und": "Stiftung Wissenschaft und Politik, Berlin",
    "et": "Institut de Relations Internationales et Stratégiques, Paris",
    "upon": "Newcastle University, Newcastle upon Tyne",
    "under": "Tameside College, Ashton under Lyne",
    "into": "Commission of Inquiry into Enforced Disappearances, Islamabad",
    "per": "Centro per la Cooperazione Internazionale, Trento",
}
# Unlabelled bylines (no "By"): read as one only when every lower-case word is a function word.
FUNCTION_WORD_NAMES = {
    "van": "Pieter Jan van Dijk",
    "von": "Anna Maria von Arnim",
    "der": "Pieter Jan van der Berg",
    "den": "Joost Jan van den Broek",
    "le": "Marie Claire le Roux",
    "al": "Ahmed Saleh al Rashid",
    "el": "Mohamed Ali el Sayed",
    "bin": "Muhammad Ali bin Hassan",
    "binti": "Siti Aisyah binti Ahmad",
    "bint": "Noura Khalid bint Saud",
    "ibn": "Abdullah Khalid ibn Saud",
    "ul": "Muhammad Zia ul Haq",
    "ur": "Muhammad Habib ur Rehman",
    "y": "José Ortega y Gasset",
    "da": "Luiz Carlos da Silva",
    "di": "Marco Antonio di Stefano",
    "dos": "Ana Maria dos Santos",
    "das": "Maria Helena das Dores",
}
# Outlet names on the last line: every lower-case word in one must be a function word.
FUNCTION_WORD_OUTLETS = {
    "or": "Friend or Foe Weekly",
    "by": "Eurasia by Rail",
    "from": "Letters from Central Asia",
    "via": "Asia via Rail",
    "vs": "Beijing vs Washington",
}


@pytest.mark.parametrize("affiliation", FUNCTION_WORD_AFFILIATIONS.values())
def test_word_list_function_words_in_affiliations(affiliation):
    parsed = article("Title", "By Dr. Sana Mirza", "", f"Senior Fellow, {affiliation}")
    assert parsed.authors == (ParsedAuthor("Dr.", "Sana Mirza", "Senior Fellow", affiliation),)


@pytest.mark.parametrize("name", FUNCTION_WORD_NAMES.values())
def test_word_list_function_words_in_names(name):
    assert only_author(f"Dr. {name}, {AFFILIATION}") == ("Dr.", name, None, AFFILIATION)


@pytest.mark.parametrize("outlet", FUNCTION_WORD_OUTLETS.values())
def test_word_list_function_words_in_outlets(outlet):
    assert article("Title", tail=outlet).source == outlet


NAME_PARTICLE_EXAMPLES = {
    "de": "Ana de Souza",
    "del": "Juan del Castillo",
    "della": "Lucia della Rovere",
    "van": "Jan van Dijk",
    "von": "Anna von Arnim",
    "der": "Pieter van der Berg",
    "den": "Joost van den Broek",
    "du": "Marie du Pont",
    "la": "Jean la Fontaine",
    "le": "Anne le Roux",
    "al": "Ahmed al Rashid",
    "el": "Omar el Sayed",
    "bin": "Ali bin Hassan",
    "binti": "Siti binti Ahmad",
    "bint": "Noura bint Saud",
    "ibn": "Khalid ibn Walid",
    "ul": "Zia ul Haq",
    "ur": "Habib ur Rehman",
    "da": "Luiz da Silva",
    "di": "Marco di Stefano",
    "dos": "Ana dos Santos",
    "das": "Maria das Dores",
    "y": "José Ortega y Gasset",
    "ter": "Anna ter Horst",
    "ten": "Jan ten Brink",
    "zu": "Karl zu Salm",
}


@pytest.mark.parametrize("name", NAME_PARTICLE_EXAMPLES.values())
def test_word_list_name_particles(name):
    """Without the particle, "and <name>" is read as more of the first author's affiliation."""
    parsed = article("Title", f"By Sana Mirza and {name}")
    assert [a.name for a in parsed.authors] == ["Sana Mirza", name]


ABBREVIATION_EXAMPLES = {
    "inc.": "Why Beijing Courts Apple Inc.",
    "ltd.": "Trade Talks With Acme Ltd.",
    "co.": "Lessons From the East India Co.",
    "corp.": "The Rise of China Merchants Corp.",
    "jr.": "Remembering Martin Luther King Jr.",
    "sr.": "A Conversation With George Bush Sr.",
    "st.": "Beijing Looks to Wall St.",
    "etc.": "Ports, Railways, Pipelines, etc.",
    "govt.": "New Budget Priorities for the Punjab Govt.",
    "dept.": "Inside the State Dept.",
    "bros.": "Lessons From the Fall of Lehman Bros.",
    "plc.": "Inside HSBC Holdings plc.",
}


@pytest.mark.parametrize("title", ABBREVIATION_EXAMPLES.values())
def test_word_list_abbreviations(title):
    """The title's final period belongs to the abbreviation and is kept."""
    assert article(title).title == title


DATELINE_STOPWORD_EXAMPLES = {
    "NOTE": "NOTE",
    "EDITOR'S": "EDITOR'S COMMENT",
    "UPDATE": "UPDATE",
    "SUMMARY": "SUMMARY",
    "ABSTRACT": "ABSTRACT",
    "BACKGROUND": "BACKGROUND",
    "CONTEXT": "CONTEXT",
    "DISCLAIMER": "DISCLAIMER",
    "KEY": "KEY TAKEAWAYS",
    "POINTS": "TALKING POINTS",
    "WARNING": "WARNING",
    "BREAKING": "BREAKING",
    "EXCLUSIVE": "EXCLUSIVE",
    "ANALYSIS": "ANALYSIS",
    "COMMENTARY": "COMMENTARY",
    "OPINION": "OPINION",
    "EDITORIAL": "EDITORIAL",
    "REPORT": "REPORT",
    "BRIEF": "BRIEF",
    "NEWS": "NEWS",
    "INTRODUCTION": "INTRODUCTION",
    "CONCLUSION": "CONCLUSION",
    "BRI": "BRI AT TEN",
    "CPEC": "CPEC",
    "CMEC": "CMEC",
    "OBOR": "OBOR",
    "SCO": "SCO SUMMIT",
    "ASEAN": "ASEAN",
    "BRICS": "BRICS",
    "GDI": "GDI EXPLAINED",
    "GSI": "GSI EXPLAINED",
    "GCI": "GCI EXPLAINED",
    "NATO": "NATO",
    "GCC": "GCC SUMMIT",
    "IMF": "IMF PROGRAMME",
    "WTO": "WTO REFORM",
    "AIIB": "AIIB",
    "UN": "UN REFORM",
    "UNGA": "UNGA",
    "EU": "EU SUMMIT",
    "AU": "AU SUMMIT",
    "USA": "USA ELECTION",
    "UK": "UK ELECTION",
    "UAE": "UAE VISIT",
    "COVID": "COVID",
    "FOCAC": "FOCAC",
    "APEC": "APEC",
    "OPEC": "OPEC",
}


@pytest.mark.parametrize("opening", DATELINE_STOPWORD_EXAMPLES.values())
def test_word_list_dateline_stopwords(opening):
    paragraph = f"{opening}: The corridor entered a new phase this year, officials said."
    parsed = article("Title", body=paragraph)
    assert parsed.dateline is None
    assert parsed.paragraphs == (paragraph,)


@pytest.mark.parametrize(
    "opener",
    [
        "On",
        "In",
        "At",
        "By",
        "From",
        "Since",
        "Until",
        "As",
        "The",
        "This",
        "That",
        "When",
        "While",
        "After",
        "Before",
    ],
)
def test_word_list_sentence_openers(opener):
    paragraph = f"{opener} Astana, 12 September 2022 – Officials signed new agreements on transport."
    parsed = article("Title", body=paragraph)
    assert parsed.dateline is None
    assert parsed.paragraphs == (paragraph,)


# --------------------------------------------------------------------------------------------
# Endnotes: a trailing "References" section and "[1]" markers
# --------------------------------------------------------------------------------------------

NOTES_HEADING_EXAMPLES = {
    "references": "References",
    "notes": "Notes:",
    "sources": "## Sources",
    "endnotes": "ENDNOTES",
    "end notes": "End Notes",
    "footnotes": "**Footnotes**",
    "notes and references": "Notes and References",
    "bibliography": "Bibliography:",
    "works cited": "Works Cited",
}
CITED_BODY = (
    "China and Pakistan agreed [1] to expand the port at Gwadar, officials said after a meeting\n"
    "that reviewed the plans.\n\n"
    "Both sides also discussed grain exports [2] and the financing of new terminals."
)
PLANNING = 'Ministry of Planning, "CPEC progress report", 2023, https://example.org/cpec.pdf.'
WORLD_BANK = "World Bank, Pakistan Economic Update, April 2023."


@pytest.mark.parametrize("heading", NOTES_HEADING_EXAMPLES.values())
def test_word_list_notes_headings(heading):
    parsed = article("Ports", body=f"{CITED_BODY}\n\n{heading}\n[1] {PLANNING}\n[2] {WORLD_BANK}")
    assert [note.text for note in parsed.notes] == [PLANNING, WORLD_BANK]
    assert parsed.paragraphs[-1].endswith("financing of new terminals.")


@pytest.mark.parametrize("number", ["[1]", "1.", "1)", "(1)", "^1"])
def test_numbered_references_become_notes_with_their_urls(number):
    second = number.replace("1", "2")
    parsed = article(
        "Ports",
        "By Dr. Sana Mirza",
        body=f"{CITED_BODY}\n\nReferences\n\n{number} {PLANNING}\n{second} World Bank, Pakistan Economic Update,\n"
        "April 2023.",
        tail="TN Media News",
    )
    assert parsed.notes == (
        parser.ParsedNote(PLANNING, "https://example.org/cpec.pdf"),
        parser.ParsedNote(WORLD_BANK, None),  # its wrapped line is its own, not a footer date
    )
    assert parsed.source == "TN Media News"
    assert len(parsed.paragraphs) == 2
    assert "[1]" in parsed.paragraphs[0] and "[2]" in parsed.paragraphs[1]  # markers stay in the text
    assert parsed.as_dict()["notes"] == 2


def test_outlet_line_before_the_references_is_still_the_source():
    parsed = article("Ports", body=f"{CITED_BODY}\n\nTN Media News\n\nNotes:\n1. {PLANNING}\n2. {WORLD_BANK}")
    assert parsed.source == "TN Media News"
    assert [note.text for note in parsed.notes] == [PLANNING, WORLD_BANK]
    assert parsed.paragraphs[-1].endswith("terminals.")


def test_unnumbered_sources_become_notes_when_each_reads_like_a_citation():
    parsed = article("Ports", body=f"{BODY}\n\nSources\n- Xinhua, 3 March 2023\n- www.example.org/report")
    assert parsed.notes == (
        parser.ParsedNote("Xinhua, 3 March 2023", None),
        parser.ParsedNote("www.example.org/report", "https://www.example.org/report"),
    )


@pytest.mark.parametrize(
    "section",
    [
        "Notes\n\nThe talks will resume next month, officials said.",  # prose, not citations
        "Sources\n\nOfficials in Islamabad and Beijing confirmed the figures.",
    ],
)
def test_a_heading_without_references_stays_in_the_body(section):
    parsed = article("Ports", body=f"{BODY}\n\n{section}")
    assert parsed.notes == ()
    assert parsed.paragraphs[-1] == section.split("\n")[-1]


WORD_LIST_EXAMPLES = {
    "kind_labels": KIND_LABEL_EXAMPLES,
    "months": MONTH_EXAMPLES,
    "weekdays": WEEKDAY_EXAMPLES,
    "honorifics_with_period": HONORIFIC_WITH_PERIOD_EXAMPLES,
    "honorifics_bare": HONORIFIC_BARE_EXAMPLES,
    "honorifics_full": HONORIFIC_FULL_EXAMPLES,
    "retired_marks": RETIRED_MARK_EXAMPLES,
    "role_nouns": ROLE_NOUN_EXAMPLES,
    "role_modifiers": ROLE_MODIFIER_EXAMPLES,
    "role_postmodifiers": ROLE_POSTMODIFIER_EXAMPLES,
    "institution_words": INSTITUTION_EXAMPLES,
    "field_words": FIELD_EXAMPLES,
    "function_words": {**FUNCTION_WORD_AFFILIATIONS, **FUNCTION_WORD_NAMES, **FUNCTION_WORD_OUTLETS},
    "name_particles": NAME_PARTICLE_EXAMPLES,
    "abbreviations": ABBREVIATION_EXAMPLES,
    "dateline_stopwords": DATELINE_STOPWORD_EXAMPLES,
    "notes_headings": NOTES_HEADING_EXAMPLES,
    "sentence_openers": {
        opener: opener
        for opener in [
            "On",
            "In",
            "At",
            "By",
            "From",
            "Since",
            "Until",
            "As",
            "The",
            "This",
            "That",
            "When",
            "While",
            "After",
            "Before",
        ]
    },
}


def test_every_word_list_entry_has_an_example():
    """A word added to the data file needs an example above (the tests then pin it)."""
    document = json.loads(parser.WORDS_FILE.read_text(encoding="utf-8"))
    lists = {name: section["words"] for name, section in document.items() if isinstance(section, dict)}
    assert sorted(lists) == sorted(WORD_LIST_EXAMPLES)
    for name, words in lists.items():
        assert sorted(set(words) - set(WORD_LIST_EXAMPLES[name])) == [], name
    assert set(parser.KIND_LABELS.values()) <= set(KINDS)


# --------------------------------------------------------------------------------------------
# Properties: whatever the text, the parser returns an article or raises ParseError
# --------------------------------------------------------------------------------------------

# Letters replaced by Unicode look-alikes that regular expressions match case-insensitively
# ("ſ" matches "s", the Kelvin sign "k", "İ" "i"), plus other hyphens, quotes and spaces.
LOOKALIKES = {"s": "ſ", "k": "\u212a", "i": "İ", "-": "\u2011", "'": "’", " ": "\u00a0", ".": "\u2024"}
TITLES = [f"{written}: Ports and Power" for written in KIND_LABEL_EXAMPLES.values()] + ["ANALYSIS", "# Ports"]
BYLINES = [
    *(f"By Dr. Amina Yusuf, {role}, {AFFILIATION}" for role in ROLE_NOUN_EXAMPLES.values()),
    *(f"By {honorific} Sam Carter" for honorific in RETIRED_MARK_EXAMPLES.values()),
    *(f"Dr. {name}, {AFFILIATION}" for name in FUNCTION_WORD_NAMES.values()),
    "Written by:",
    "Authors: Dr. A. Karimova (Tashkent Policy Lab, Tashkent), Mr. Li Wei (Yunnan University",
    "By Dr. Sana Mirza (sana@example.org), Islamabad | 5 May 2024",
    "Senior Research Fellow, Institute X, Islamabad",
]
DATE_LINES = [
    *(line for line, _number in MONTH_EXAMPLES.values()),
    *WEEKDAY_EXAMPLES.values(),
    "Published: 2023-02-30",
    "Updated on 12/06/2023",
    "Islamabad, 3 March 2023",
]
BODIES = [
    *(f"{opening}: The corridor entered a new phase." for opening in DATELINE_STOPWORD_EXAMPLES.values()),
    "ISLAMABAD, 3 March 2023 - As Pakistan and China prepare",
    "On Wed., 14 Sep 2022, the leaders met.",
    "- freight is growing",
    BODY,
]
OUTLETS = [
    *FUNCTION_WORD_OUTLETS.values(),
    "Source: Xinhua",
    "© 2024 Meridian Policy Review.",
    "— Dr. Sana Mirza",
    "-30-",
]


@st.composite
def fragment(draw, choices: list[str]) -> str:
    """One of ``choices`` or any short text, maybe with its case changed or look-alikes put in."""
    text = draw(st.one_of(st.sampled_from(choices), st.text(max_size=20)))
    change = draw(st.sampled_from(["none", "upper", "lower", "lookalikes"]))
    if change == "upper":
        return text.upper()
    if change == "lower":
        return text.lower()
    if change == "lookalikes":
        return "".join(LOOKALIKES.get(ch.lower(), ch) for ch in text)
    return text


@st.composite
def article_texts(draw) -> str:
    """Title, bylines, date lines, body and outlet fragments, any of them missing or repeated."""
    parts = [draw(fragment(TITLES))]
    for choices, most in ((BYLINES, 3), (DATE_LINES, 2), (BODIES, 3), (OUTLETS, 1)):
        parts += draw(st.lists(fragment(choices), max_size=most))
    separators = st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\n\n\n", " ", "", "\u2029"])
    return "".join(part + draw(separators) for part in parts)


def parses_or_refuses(text: str) -> None:
    try:
        parsed = parse_article(text)
    except ParseError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert parsed.title and parsed.paragraphs and all(parsed.paragraphs)
    json.dumps(parsed.as_dict())


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_property_any_text_parses_or_raises_parse_error(text):
    parses_or_refuses(text)


@settings(max_examples=200, deadline=None)
@given(article_texts())
def test_property_assembled_articles_parse_or_raise_parse_error(text):
    parses_or_refuses(text)


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_property_any_bytes_decode_or_raise_parse_error(data):
    try:
        text = decode_text(data)
    except ParseError:
        return
    parses_or_refuses(text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("14 ſep 2022", datetime.date(2022, 9, 14)),
        ("Published: 14 ſept. 2022", datetime.date(2022, 9, 14)),
        ("14 Aprİl 2022", datetime.date(2022, 4, 14)),
    ],
)
def test_month_matched_through_a_unicode_lookalike_does_not_crash(line, expected):
    """Regression: "ſ" matches "s" case-insensitively but "ſep".lower() is no key of MONTHS (KeyError)."""
    assert article("Title", "By Dr. Sana Mirza", line).date == expected
