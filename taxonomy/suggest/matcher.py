"""Suggest an article's countries, initiatives and sectors from its title and body paragraphs.

Pure Python: no Django, no database, no network. Everything the suggester knows about particular
countries, initiatives and sectors comes in through ``CountryTerms``, ``InitiativeTerms`` and
``SectorTerms`` (seeded from ``taxonomy/data/*.json``; in the admin, built from the editable model
rows), so an alias an editor adds works without a code change. ``TrapRules`` (stoplist.json) holds
the general language rules that stop a country word from counting where it names no state, and
``SectorRules`` (sectors.json) the sector scoring settings. The labelling rules being implemented
are those of the corpus README (``tests/fixtures/corpus/README.md``).

A ``Vocabulary`` compiles each phrase list once into a trie-shaped regular expression (one scan
per text, longest match first), so suggesting is a few regex scans per paragraph.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice

from briefings.core.text import fold_punctuation
from taxonomy.names import TAG_KEYS
from taxonomy.terms import (
    CountryTerms,
    InitiativeTerms,
    SectorRules,
    SectorTerms,
    TrapRules,
    default_sector_rules,
    default_terms,
    default_trap_rules,
)

# ------------------------------------------------------------------------------------------------
# Results
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    phrase: str  # the words as written in the article
    where: str  # "title" or "paragraph 3" (1-based)


@dataclass(frozen=True)
class Suggestion:
    key: str  # alpha-2 code, initiative acronym or sector slug
    label: str
    score: float
    evidence: tuple[Evidence, ...]

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "score": round(self.score, 3),
            "evidence": [{"phrase": item.phrase, "where": item.where} for item in self.evidence],
        }


VOCABULARY_NAMES = TAG_KEYS


@dataclass(frozen=True)
class Suggestions:
    countries: tuple[Suggestion, ...]
    initiatives: tuple[Suggestion, ...]
    sectors: tuple[Suggestion, ...]

    def keys(self) -> dict[str, list[str]]:
        return {name: sorted(item.key for item in getattr(self, name)) for name in VOCABULARY_NAMES}

    def as_dict(self) -> dict:
        return {name: [item.as_dict() for item in getattr(self, name)] for name in VOCABULARY_NAMES}


# ------------------------------------------------------------------------------------------------
# Phrase matching
# ------------------------------------------------------------------------------------------------

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014"
_TOKEN_SPLIT = re.compile(rf"[\s{_DASHES}]+")
# Between two words of a phrase: spaces, or a hyphen or dash ("Guinea-Bissau", "Timor–Leste").
_SEPARATOR = rf"(?:\s*[{_DASHES}]\s*|\s+)"
_ACRONYM = re.compile(r"[A-Z0-9&.]{2,6}")


def fold(text: str) -> str:
    """Curly quotes and apostrophes to straight ones, no-break spaces to spaces; same length, so
    offsets hold."""
    return fold_punctuation(text)


def _tokens(phrase: str) -> list[str]:
    return [token for token in _TOKEN_SPLIT.split(fold(phrase).strip()) if token]


def phrase_key(phrase: str) -> str:
    """Lookup key of a phrase or of matched text: words joined by one space, lower case."""
    return " ".join(_tokens(phrase)).lower()


def _is_acronym(token: str) -> bool:
    return bool(_ACRONYM.fullmatch(token)) and any(char.isupper() for char in token)


def _ascii_variant(phrase: str) -> str:
    """Accents dropped, as writers often do: "Türkiye" -> "Turkiye", "Côte d'Ivoire" -> "Cote d'Ivoire"."""
    decomposed = unicodedata.normalize("NFKD", phrase)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_END = ""  # trie key: a phrase ends here
_GAP = " "  # trie key: the separator between two words of a phrase


def _trie_pattern(phrases: Iterable[Sequence[str]]) -> str | None:
    """Token sequences as one regex shaped like a character trie.

    A character trie keeps every alternation small (at most one branch per next character), which
    is what makes one scan over a paragraph cheap; a phrase's end is tried after its longer
    continuations, so the longest phrase wins at each position.
    """
    trie: dict = {}
    for tokens in phrases:
        node = trie
        for number, token in enumerate(tokens):
            if number:
                node = node.setdefault(_GAP, {})
            for char in token:
                node = node.setdefault(char, {})
        if node is not trie:
            node[_END] = {}
    if not trie:
        return None

    def emit(node: dict) -> str:
        branches = [
            (_SEPARATOR if key == _GAP else re.escape(key)) + emit(child)
            for key, child in sorted(node.items())
            if key != _END
        ]
        if _END in node:
            branches.append(r"(?!\w)")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    first_chars = "".join(sorted(key for key in trie if key != _GAP))
    # The look-ahead on the first character lets the regex engine skip ahead to candidate positions.
    return f"(?=[{re.escape(first_chars)}])(?<!\\w)" + emit(trie)


class _PhraseIndex:
    """Many phrases compiled for one scan per text, longest match first.

    ``case`` is "exact" (as written), "any" (any case) or "acronyms" (any case, except phrases with
    a short all-capital word such as BRI or AI, which must be written so). Case-insensitive matching
    runs on a lower-cased copy of the text: much faster than a case-insensitive regex.
    """

    def __init__(self, phrases: Iterable[str], case: str):
        self.fold_case = case != "exact"
        plain, acronyms = [], []
        for phrase in phrases:
            tokens = _tokens(phrase)
            if case == "acronyms" and any(_is_acronym(token) for token in tokens):
                acronyms.append(tokens)
            else:
                plain.append([token.lower() for token in tokens] if self.fold_case else tokens)
        self._plain_pattern = _trie_pattern(plain)
        self._plain = re.compile(self._plain_pattern) if self._plain_pattern else None
        self._acronyms = re.compile(pattern) if (pattern := _trie_pattern(acronyms)) else None
        self._plain_any_case: re.Pattern | None = None  # compiled on first need

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, lookup key) of every non-overlapping match, left to right."""
        found = []
        if self._plain is not None:
            scanned, regex = text, self._plain
            if self.fold_case:
                scanned = text.lower()
                if len(scanned) != len(text):  # rare characters whose lower case is longer
                    if self._plain_any_case is None:
                        self._plain_any_case = re.compile(self._plain_pattern, re.IGNORECASE)
                    scanned, regex = text, self._plain_any_case
            found = [(m.start(), m.end(), phrase_key(m.group())) for m in regex.finditer(scanned)]
        if self._acronyms is not None:
            extra = [(m.start(), m.end(), phrase_key(m.group())) for m in self._acronyms.finditer(text)]
            if extra:
                found = _without_overlaps(found + extra)
        return found


def _without_overlaps(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Left to right; of two overlapping matches the one starting first (then the longer) stays."""
    kept: list[tuple[int, int, str]] = []
    for match in sorted(matches, key=lambda item: (item[0], -item[1])):
        if not kept or match[0] >= kept[-1][1]:
            kept.append(match)
    return kept


# ------------------------------------------------------------------------------------------------
# Vocabulary
# ------------------------------------------------------------------------------------------------

_NO_PLURAL_ENDINGS = ("s", "sh", "ch", "x", "z", "ese")
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)(\.?) $")
_NEXT_CAPITALISED = re.compile(r" ([A-Z][a-z]+)(?!\w)")
_NEXT_WORD = re.compile(rf"[^\S\n]*(?:[{_DASHES}][^\S\n]*)?([^\W\d_]+)")
_WORD = re.compile(r"\w+")
_SENTENCE_OPENERS = ".!?:;\"'(\u201c\u2018[-\u2013\u2014"
_MODIFIER_ENDINGS = ("ing", "ed", "ly", "ful", "less", "ous", "ive", "al", "ic", "ish", "ern", "ward")


def _demonym_forms(demonym: str) -> list[str]:
    """The demonym and its plural (Kazakh -> Kazakhs; Chinese, Swiss, French stay as they are)."""
    if demonym.lower().endswith(_NO_PLURAL_ENDINGS):
        return [demonym]
    return [demonym, demonym + "s"]


def _plural_forms(keyword: str) -> list[str]:
    """The keyword and the plural of its last word (railway -> railways, economy -> economies)."""
    lower = keyword.lower()
    if lower.endswith("y") and len(lower) > 2 and lower[-2] not in "aeiou":
        return [keyword, keyword[:-1] + "ies"]
    if lower.endswith(("s", "sh", "ch", "x", "z")):
        return [keyword, keyword + "es"]
    return [keyword, keyword + "s"]


def _with_ascii(phrases: Iterable[str]) -> list[str]:
    forms = []
    for phrase in phrases:
        forms.append(phrase)
        plain = _ascii_variant(phrase)
        if plain != phrase:
            forms.append(plain)
    return forms


@dataclass
class _CountryEntry:
    """What one country phrase means: {code: rank of the phrase in that country's list}."""

    ranks: dict[str, int] = field(default_factory=dict)


@dataclass
class _SectorHit:
    start: int
    end: int
    phrase: str
    keyword: str  # lookup key of the keyword matched
    sector: str
    weight: float


def _segments(title: str, paragraphs: Sequence[str]) -> list[tuple[str, str]]:
    segments = [("title", fold(title or ""))] if title and title.strip() else []
    segments += [(f"paragraph {number}", fold(text)) for number, text in enumerate(paragraphs, 1) if text]
    return segments


def _is_all_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) > 3 and not any(char.islower() for char in letters)


def _add_evidence(bucket: dict, key: str, evidence: Evidence, weight: float) -> None:
    """Add ``weight`` to the score of ``key`` and ``evidence`` to its evidence, once: a dict keeps
    the order of first mention, and its look-up does not grow with the number of mentions (an
    article of 15,000 short paragraphs naming China took 70 s with a list)."""
    score, items = bucket.get(key, (0.0, {}))
    items.setdefault(evidence, None)
    bucket[key] = (score + weight, items)


class Vocabulary:
    """Compiled once (trie regexes and lookup tables), reused for every article."""

    def __init__(
        self,
        countries: Iterable[CountryTerms],
        initiatives: Iterable[InitiativeTerms],
        sectors: Iterable[SectorTerms],
        *,
        traps: TrapRules | None = None,
        sector_rules: SectorRules | None = None,
        country_min_score: float = 1.0,
        initiative_min_score: float = 1.0,
        title_mention_weight: float = 2.0,
        max_evidence: int = 5,
    ):
        self.countries = {terms.code: terms for terms in countries}
        self.initiatives = {terms.acronym: terms for terms in initiatives}
        self.sectors = {terms.slug: terms for terms in sectors}
        self.traps = traps if traps is not None else default_trap_rules()
        self.sector_rules = sector_rules if sector_rules is not None else default_sector_rules()
        self.country_min_score = country_min_score
        self.initiative_min_score = initiative_min_score
        self.title_mention_weight = title_mention_weight
        self.max_evidence = max_evidence
        self._build_countries()
        self._build_initiatives()
        self._build_sectors()

    # -- building ---------------------------------------------------------------------------------

    def _build_countries(self) -> None:
        entries: dict[str, _CountryEntry] = {}
        phrases: list[str] = []
        for terms in self.countries.values():
            # Rank = position in the country's own list: a name several countries share goes by
            # default to the one that lists it earliest (see _resolve_shared).
            ranked = [(rank, form) for rank, name in enumerate(terms.names) for form in _with_ascii([name])]
            ranked += [(len(terms.names), form) for form in _with_ascii([terms.name])]
            ranked += [
                (rank, form)
                for rank, demonym in enumerate(terms.demonyms)
                for variant in _with_ascii([demonym])
                for form in _demonym_forms(variant)
            ]
            for rank, form in ranked:
                key = phrase_key(form)
                if not key:
                    continue
                entry = entries.setdefault(key, _CountryEntry())
                entry.ranks.setdefault(terms.code, rank)
                phrases.append(form)
        for form in _with_ascii(self.traps.stop_phrases):
            key = phrase_key(form)
            if key and not entries.setdefault(key, _CountryEntry()).ranks:  # a real name wins
                phrases.append(form)  # each spelling: "state of Georgia", "State of Georgia"
        self._country_entries = entries
        self._country_phrases = phrases
        self._country_index = _PhraseIndex(phrases, "exact")
        self._country_index_any_case: _PhraseIndex | None = (
            None  # for all-capital titles, built on first need
        )

        traps = self.traps
        prefixes = "|".join(r"\s+".join(map(re.escape, _tokens(p))) for p in traps.geographic_prefixes)
        self._geo_prefix = (
            re.compile(rf"(?:^|\W)(?:{prefixes})\s+(?:the\s+)?$", re.IGNORECASE) if prefixes else None
        )
        self._geo_suffixes = {word.lower() for word in traps.geographic_suffixes}
        self._given_names = {phrase_key(name) for name in traps.given_names}
        self._honorifics = set(traps.honorifics)
        self._not_name_words = set(traps.not_name_words)
        self._vetoes = [
            ({phrase_key(form) for phrase in phrases for form in _demonym_forms(phrase)}, cues)
            for phrases, cues in traps.context_vetoes
        ]

    def _build_initiatives(self) -> None:
        self._initiative_keys: dict[str, str] = {}
        phrases = []
        for terms in self.initiatives.values():
            for phrase in _with_ascii([terms.acronym, terms.name, *terms.aliases]):
                key = phrase_key(phrase)
                if key:
                    self._initiative_keys.setdefault(key, terms.acronym)
                    phrases.append(phrase)
        self._initiative_index = _PhraseIndex(phrases, "acronyms")
        self._historical = {word.lower() for word in self.traps.historical_qualifiers}

    def _build_sectors(self) -> None:
        self._sector_keys: dict[str, list[tuple[str, float, str]]] = {}
        phrases = []
        for terms in self.sectors.values():
            for keyword, weight in terms.keywords.items():
                base = phrase_key(keyword)
                for form in _with_ascii(_plural_forms(keyword)):
                    key = phrase_key(form)
                    if key:
                        self._sector_keys.setdefault(key, []).append((terms.slug, float(weight), base))
                        phrases.append(form)
        # Initiative names and neutral phrases only consume their words: the "Security" of the
        # Global Security Initiative is no security keyword.
        neutral = [*self.sector_rules.neutral_phrases]
        for terms in self.initiatives.values():
            neutral += [terms.name, *terms.aliases]
        for phrase in _with_ascii(neutral):
            for form in _plural_forms(phrase):
                key = phrase_key(form)
                if key and key not in self._sector_keys:
                    self._sector_keys[key] = []
                    phrases.append(form)
        self._sector_index = _PhraseIndex(phrases, "acronyms")
        max_words = max(1, self.sector_rules.list_max_item_words)
        item = (
            rf"(?!(?:and|or)\b)[\w'&/{_DASHES}]+(?:\s+(?!(?:and|or)\b)[\w'&/{_DASHES}]+){{0,{max_words - 1}}}"
        )
        self._enumeration = re.compile(
            rf"(?<![\w'&/{_DASHES}]){item}(?:\s*,\s*{item})+\s*,?\s+(?:and|or)\s+{item}"
        )
        self._redirect_anchors = [
            (redirect, {phrase_key(anchor) for anchor in redirect.anchors})
            for redirect in self.sector_rules.redirects
        ]

    # -- suggesting -------------------------------------------------------------------------------

    def suggest(self, title: str, paragraphs: Sequence[str]) -> Suggestions:
        segments = _segments(title, paragraphs)
        return Suggestions(
            countries=self._suggest_countries(segments),
            initiatives=self._suggest_initiatives(segments),
            sectors=self._suggest_sectors(segments),
        )

    def _finish(self, bucket: dict, labels: dict[str, str], min_score: float) -> tuple[Suggestion, ...]:
        return tuple(
            Suggestion(key, labels[key], round(score, 3), tuple(islice(items, self.max_evidence)))
            for key, (score, items) in sorted(bucket.items())
            if score >= min_score
        )

    # countries

    def _suggest_countries(self, segments: list[tuple[str, str]]) -> tuple[Suggestion, ...]:
        found = []
        for where, text in segments:
            index = self._country_index
            if where == "title" and _is_all_caps(text):
                if self._country_index_any_case is None:
                    self._country_index_any_case = _PhraseIndex(self._country_phrases, "any")
                index = self._country_index_any_case
            found.append((where, text, index.find(text)))
        vetoed = self._vetoed(found)
        sure: dict = {}
        shared: list[tuple[dict[str, int], Evidence, float]] = []
        for where, text, matches in found:
            in_title = where == "title"
            weight = self.title_mention_weight if in_title else 1.0
            for start, end, key in matches:
                entry = self._country_entries.get(key)
                if entry is None or not entry.ranks or key in vetoed:
                    continue
                if self._is_place_name(text, start, end):
                    continue
                if key in self._given_names and not in_title and self._is_person(text, start, end):
                    continue
                evidence = Evidence(text[start:end], where)
                if len(entry.ranks) == 1:
                    _add_evidence(sure, next(iter(entry.ranks)), evidence, weight)
                else:
                    shared.append((entry.ranks, evidence, weight))
        for ranks, evidence, weight in shared:
            for code in self._resolve_shared(ranks, sure):
                _add_evidence(sure, code, evidence, weight)
        labels = {code: terms.name for code, terms in self.countries.items()}
        return self._finish(sure, labels, self.country_min_score)

    def _vetoed(self, found: list[tuple[str, str, list[tuple[int, int, str]]]]) -> set[str]:
        """Country phrases that name something else throughout this article: those of a context
        veto whose cue the article contains outside the stop phrases matched in it ("Atlanta" on
        its own vetoes Georgia; "Atlanta, Georgia" is a stop phrase and vetoes nothing)."""
        if not self._vetoes:
            return set()
        outside = []
        for _, text, matches in found:
            last = 0
            for start, end, key in matches:
                entry = self._country_entries.get(key)
                if entry is not None and not entry.ranks:  # a stop phrase: its words are spent
                    outside.append(text[last:start])
                    last = end
            outside.append(text[last:])
        remaining = "\n".join(outside)
        vetoed = set()
        for phrases, cues in self._vetoes:
            if any(cue in remaining for cue in cues):
                vetoed |= phrases
        return vetoed

    @staticmethod
    def _resolve_shared(ranks: dict[str, int], sure: dict) -> list[str]:
        """A name several countries share (Congo, Korea) goes to those the article names plainly
        (the DRC, North Korea); failing that, to the country that lists it earliest among its
        names (a bare "Congo" is the Republic of the Congo, "Korea" South Korea); on a tie
        ("Congolese", "Korean") to none."""
        named = [code for code in ranks if code in sure]
        if named:
            return named
        best = min(ranks.values())
        first = [code for code, rank in ranks.items() if rank == best]
        return first if len(first) == 1 else []

    def _is_place_name(self, text: str, start: int, end: int) -> bool:
        """Gulf of Guinea, Lake Chad, Niger Delta, Indian Ocean, South China Sea, Mexico City."""
        if self._geo_prefix is not None and self._geo_prefix.search(text, max(0, start - 40), start):
            return True
        following = _NEXT_WORD.match(text, end)
        return bool(following) and following.group(1).lower() in self._geo_suffixes

    def _is_country_word(self, word: str) -> bool:
        return phrase_key(word) in self._country_entries

    def _is_person(self, text: str, start: int, end: int) -> bool:
        """Michael Jordan, Jordan Peterson, Mr. Chad: a capitalised name right beside the word."""
        following = _NEXT_CAPITALISED.match(text, end)
        if following:
            word = following.group(1)
            if word not in self._not_name_words and not self._is_country_word(word):
                return True
        preceding = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
        if not preceding or not preceding.group(1)[0].isupper():
            return False
        word, dotted = preceding.groups()
        if word in self._honorifics:
            return True
        if dotted or word in self._not_name_words or self._is_country_word(word):
            return False
        # The character before the word, spaces skipped (not ``text[:start].rstrip()``: a copy of
        # the text so far at every mention makes a long paragraph quadratic).
        before = preceding.start() - 1
        while before >= 0 and text[before].isspace():
            before -= 1
        if before >= 0 and text[before] not in _SENTENCE_OPENERS:
            return True
        # First word of a sentence: a name ("Michael Jordan said"), unless it reads as an
        # adjective or adverb ("Landlocked Jordan", "Recently Chad").
        return not word.lower().endswith(_MODIFIER_ENDINGS)

    # initiatives

    def _suggest_initiatives(self, segments: list[tuple[str, str]]) -> tuple[Suggestion, ...]:
        bucket: dict = {}
        for where, text in segments:
            weight = self.title_mention_weight if where == "title" else 1.0
            for start, end, key in self._initiative_index.find(text):
                acronym = self._initiative_keys.get(key)
                if acronym is None or self._is_historical(text, start):
                    continue
                _add_evidence(bucket, acronym, Evidence(text[start:end], where), weight)
        labels = {acronym: terms.name for acronym, terms in self.initiatives.items()}
        return self._finish(bucket, labels, self.initiative_min_score)

    def _is_historical(self, text: str, start: int) -> bool:
        """After "ancient" (and the like) an alias names the historical route, not the initiative."""
        preceding = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
        return bool(preceding) and preceding.group(1).lower() in self._historical

    # sectors

    def sector_scores(self, title: str, paragraphs: Sequence[str]) -> dict[str, dict[str, float]]:
        """Per sector, the score of each segment ("title", "paragraph 2"): for tuning and explaining."""
        table: dict[str, dict[str, float]] = {}
        for where, hits in self._sector_hits(_segments(title, paragraphs)):
            for hit in hits:
                factor = self.sector_rules.title_weight if where == "title" else 1.0
                row = table.setdefault(hit.sector, {})
                row[where] = round(row.get(where, 0.0) + hit.weight * factor, 3)
        return table

    def _sector_hits(self, segments: list[tuple[str, str]]) -> Iterator[tuple[str, list[_SectorHit]]]:
        for where, text in segments:
            hits = [
                _SectorHit(start, end, text[start:end], base, sector, weight)
                for start, end, key in self._sector_index.find(text)
                for sector, weight, base in self._sector_keys.get(key, ())
            ]
            self._apply_redirects(text, hits)
            self._discount_lists(text, hits)
            yield where, hits

    def _apply_redirects(self, text: str, hits: list[_SectorHit]) -> None:
        """README: oil and gas exports and pipelines are energy, not trade or connectivity."""
        if not self._redirect_anchors or len(hits) < 2:
            return
        word_starts = None
        for redirect, anchors in self._redirect_anchors:
            anchor_hits = [hit for hit in hits if hit.keyword in anchors and hit.sector == redirect.target]
            movable = [hit for hit in hits if hit.sector in redirect.sources]
            if not anchor_hits or not movable:
                continue
            if word_starts is None:
                word_starts = [match.start() for match in _WORD.finditer(text)]
            anchor_positions = [bisect.bisect_right(word_starts, hit.start) for hit in anchor_hits]
            for hit in movable:
                position = bisect.bisect_right(word_starts, hit.start)
                if any(abs(position - anchor) <= redirect.window_words for anchor in anchor_positions):
                    hit.sector = redirect.target

    def _discount_lists(self, text: str, hits: list[_SectorHit]) -> None:
        """A keyword that is one item of a list of topics is a passing word, not a discussion."""
        rules = self.sector_rules
        if len({hit.sector for hit in hits if hit.weight > 0}) < rules.list_min_sectors:
            return
        for enumeration in self._enumeration.finditer(text):
            inside = [
                hit for hit in hits if hit.start >= enumeration.start() and hit.end <= enumeration.end()
            ]
            if len({hit.sector for hit in inside if hit.weight > 0}) >= rules.list_min_sectors:
                for hit in inside:
                    hit.weight *= rules.list_discount

    def _suggest_sectors(self, segments: list[tuple[str, str]]) -> tuple[Suggestion, ...]:
        rules = self.sector_rules
        per_segment: dict[str, list[float]] = {}
        evidence: dict[str, list[tuple[float, int, Evidence]]] = {}
        for order, (where, hits) in enumerate(self._sector_hits(segments)):
            factor = rules.title_weight if where == "title" else 1.0
            scores: dict[str, float] = {}
            for hit in hits:
                if hit.weight <= 0:
                    continue
                scores[hit.sector] = scores.get(hit.sector, 0.0) + hit.weight * factor
                evidence.setdefault(hit.sector, []).append(
                    (hit.weight * factor, order, Evidence(hit.phrase, where))
                )
            for sector, score in scores.items():
                per_segment.setdefault(sector, []).append(score)
        suggestions = []
        for sector in sorted(per_segment):
            scores = per_segment[sector]
            total = sum(scores)
            in_one_paragraph = max(scores) >= rules.paragraph_threshold
            thread = (
                sum(1 for score in scores if score >= rules.paragraph_floor) >= rules.min_paragraphs
                and total >= rules.article_threshold
            )
            if sector in self.sectors and (in_one_paragraph or thread):
                strongest = sorted(evidence[sector], key=lambda item: (-item[0], item[1]))
                chosen = list(dict.fromkeys(item[2] for item in strongest))[: self.max_evidence]
                suggestions.append(
                    Suggestion(sector, self.sectors[sector].name, round(total, 3), tuple(chosen))
                )
        return tuple(suggestions)


@cache
def default_vocabulary() -> Vocabulary:
    """The seed vocabulary, built once per process."""
    countries, initiatives, sectors = default_terms()
    return Vocabulary(countries, initiatives, sectors)


def suggest(title: str, paragraphs: Sequence[str], vocabulary: Vocabulary | None = None) -> Suggestions:
    """Suggest topics for one article with ``vocabulary`` (the seed vocabulary by default)."""
    return (vocabulary or default_vocabulary()).suggest(title, paragraphs)
