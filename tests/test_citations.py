"""Citation formatting: exact APA, Chicago, BibTeX and RIS for known articles (no database)."""

import datetime

import pytest

from briefings.articles.citations import Citation, PersonName, apa, bibtex, bibtex_key, chicago, ris

URL = "https://briefings.example/briefings/xi-visits-kazakhstan/"
SEPT_14 = datetime.date(2022, 9, 14)


def cite(title="Chinese President Xi Jinping visits Kazakhstan", authors=("Hafsa Akram",), **kwargs):
    return Citation.build(title=title, url=URL, author_names=authors, **{"date": SEPT_14, **kwargs})


@pytest.mark.parametrize(
    "name, family, given, initials",
    [
        ("Hafsa Akram", "Akram", "Hafsa", "H."),
        ("Sana Ali Mirza", "Mirza", "Sana Ali", "S. A."),
        ("Jean-Paul Khan", "Khan", "Jean-Paul", "J.-P."),
        ("  Plato ", "Plato", "", ""),
    ],
)
def test_last_word_is_the_family_name(name, family, given, initials):
    person = PersonName.from_full_name(name)
    assert (person.family, person.given, person.initials) == (family, given, initials)


def test_single_author_in_every_style():
    citation = cite()
    assert apa(citation) == (
        f"Akram, H. (2022, September 14). Chinese President Xi Jinping visits Kazakhstan. Briefings. {URL}"
    )
    assert chicago(citation) == (
        f"Akram, Hafsa. “Chinese President Xi Jinping visits Kazakhstan.” Briefings, September 14, 2022. {URL}"
    )
    assert bibtex(citation) == (
        "@article{akram2022chinese,\n"
        "  author = {Akram, Hafsa},\n"
        "  title = {{Chinese President Xi Jinping visits Kazakhstan}},\n"
        "  journal = {Briefings},\n"
        "  year = {2022},\n"
        "  month = sep,\n"
        "  date = {2022-09-14},\n"
        f"  url = {{{URL}}},\n"
        "}\n"
    )
    assert ris(citation) == (
        "TY  - NEWS\r\n"
        "AU  - Akram, Hafsa\r\n"
        "TI  - Chinese President Xi Jinping visits Kazakhstan\r\n"
        "T2  - Briefings\r\n"
        "PB  - Briefings\r\n"
        "PY  - 2022\r\n"
        "DA  - 2022/09/14/\r\n"
        f"UR  - {URL}\r\n"
        "ER  - \r\n"
    )


def test_two_and_three_authors():
    two = cite(authors=["Hafsa Akram", "Sana Ali Mirza"])
    assert apa(two).startswith("Akram, H., & Mirza, S. A. (2022, September 14). ")
    assert chicago(two).startswith("Akram, Hafsa, and Sana Ali Mirza. “")
    assert "author = {Akram, Hafsa and Mirza, Sana Ali}," in bibtex(two)
    assert "AU  - Akram, Hafsa\r\nAU  - Mirza, Sana Ali\r\n" in ris(two)
    three = cite(authors=["Hafsa Akram", "Sana Ali Mirza", "Jean-Paul Khan"])
    assert apa(three).startswith("Akram, H., Mirza, S. A., & Khan, J.-P. (2022")
    assert chicago(three).startswith("Akram, Hafsa, Sana Ali Mirza, and Jean-Paul Khan. “")


def test_apa_lists_nineteen_authors_then_an_ellipsis_and_the_last():
    citation = cite(authors=[f"Given{n} Family{n}" for n in range(1, 23)])
    head = apa(citation).split(" (2022")[0]
    assert head.startswith("Family1, G., Family2, G., ")
    assert head.endswith("Family19, G., . . . Family22, G.")
    assert "Family20" not in head and "Family21" not in head


def test_original_outlet_is_named_after_briefings():
    citation = cite(original_outlet="TN Media News")
    assert apa(citation).endswith(f"Briefings. Originally published by TN Media News. {URL}")
    assert chicago(citation).endswith(
        f"Briefings, September 14, 2022. Originally published by TN Media News. {URL}"
    )
    assert "  note = {Originally published by TN Media News.},\n" in bibtex(citation)
    assert "N1  - Originally published by TN Media News.\r\n" in ris(citation)


def test_question_mark_titles_get_no_extra_full_stop():
    citation = cite(title="Is the BRI slowing down?")
    assert "Is the BRI slowing down? Briefings." in apa(citation)
    assert "“Is the BRI slowing down?” Briefings," in chicago(citation)


def test_no_author_and_no_date():
    citation = cite(authors=(), date=None, title="Editorial note")
    assert apa(citation) == f"Editorial note. (n.d.). Briefings. {URL}"
    assert chicago(citation) == f"“Editorial note.” Briefings, n.d. {URL}"
    assert bibtex(citation).startswith("@article{editorial,\n  title = {{Editorial note}},")
    assert "year" not in bibtex(citation) and "AU  -" not in ris(citation) and "DA  -" not in ris(citation)


def test_bibtex_escapes_special_characters_and_keys_are_ascii():
    citation = cite(title="R&D: 50% of $ spent_on {things} #1", authors=["Zoë Müller"])
    assert "  title = {{R\\&D: 50\\% of \\$ spent\\_on \\{things\\} \\#1}},\n" in bibtex(citation)
    assert "author = {Müller, Zoë}" in bibtex(citation)
    assert bibtex_key(citation) == "muller2022rd"
    assert bibtex_key(cite(title="The Belt and Road at ten")) == "akram2022belt"


def test_ris_keeps_each_value_on_one_line():
    citation = cite(title="A title\nsplit over\r\nlines")
    assert "TI  - A title split over lines\r\n" in ris(citation)
    assert all(line[:2].isupper() and line[2:6] == "  - " for line in ris(citation).split("\r\n")[:-1])
