"""What the topic matcher knows, as data: the term dataclasses and the seed data files.

Pure Python (no Django). Everything the matcher knows about particular countries, initiatives and
sectors comes in through ``CountryTerms``, ``InitiativeTerms`` and ``SectorTerms``: seeded from
``taxonomy/data/*.json`` and pycountry here; in the admin, built from the editable model rows
(``taxonomy.suggest.adapter``). The vocabulary seed (``taxonomy.seed``) reads the same files, so
each fact about an initiative or sector is written once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# ------------------------------------------------------------------------------------------------
# What the suggester knows
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryTerms:
    code: str  # ISO 3166-1 alpha-2
    name: str  # display label
    names: tuple[str, ...]  # every name that counts; order settles a name shared with another country
    demonyms: tuple[str, ...]  # adjectives and peoples, singular; plurals are derived


@dataclass(frozen=True)
class InitiativeTerms:
    acronym: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class SectorTerms:
    slug: str
    name: str
    keywords: dict[str, float]  # phrase -> weight; plurals are derived


@dataclass(frozen=True)
class TrapRules:
    """General language rules (stoplist.json): where a country or initiative word names no such thing."""

    stop_phrases: tuple[str, ...] = ()
    geographic_prefixes: tuple[str, ...] = ()
    geographic_suffixes: tuple[str, ...] = ()
    given_names: tuple[str, ...] = ()
    honorifics: tuple[str, ...] = ()
    not_name_words: tuple[str, ...] = ()
    context_vetoes: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()  # (phrases, cues)
    historical_qualifiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Redirect:
    """Keywords of ``sources`` sectors near an ``anchors`` keyword count for ``target`` instead."""

    sources: frozenset[str]
    target: str
    anchors: frozenset[str]
    window_words: int


@dataclass(frozen=True)
class SectorRules:
    """When a sector counts as substantively discussed (sectors.json ``settings``)."""

    paragraph_threshold: float = 2.5
    paragraph_floor: float = 1.0
    min_paragraphs: int = 2
    article_threshold: float = 3.0
    title_weight: float = 1.5
    list_discount: float = 0.2
    list_min_sectors: int = 3
    list_max_item_words: int = 4
    redirects: tuple[Redirect, ...] = ()
    neutral_phrases: tuple[str, ...] = ()


# ------------------------------------------------------------------------------------------------
# Seed data: pycountry + taxonomy/data/*.json
# ------------------------------------------------------------------------------------------------


def _load(name: str, data_dir: Path | None = None) -> dict:
    with open((data_dir or DATA_DIR) / name, encoding="utf-8") as handle:
        return json.load(handle)


_INVERTED_NAME = re.compile(r"^(?P<head>[^,()]+), (?P<tail>.+ (?:of|of the))$")


def _readable_names(*names: str | None) -> list[str]:
    """pycountry names as writers write them: "Korea, Republic of" -> "Republic of Korea";
    parenthetical parts dropped; other index-style names ("Taiwan, Province of China") skipped."""
    readable = []
    for name in names:
        if not name:
            continue
        name = re.sub(r"\s*\([^)]*\)", "", name).strip()
        inverted = _INVERTED_NAME.match(name)
        if inverted:
            name = f"{inverted['tail']} {inverted['head']}"
        elif "," in name:
            continue
        name = re.sub(r"^(?:the|The) ", "", name)
        readable.append(name)
    return readable


def _pycountry_names(country) -> list[str]:
    return _readable_names(
        country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)
    )


def default_terms(
    data_dir: Path | None = None,
) -> tuple[list[CountryTerms], list[InitiativeTerms], list[SectorTerms]]:
    """The seed vocabularies: sovereign states from pycountry plus countries.json, initiatives.json,
    sectors.json. No database."""
    import pycountry

    curated = _load("countries.json", data_dir)["countries"]
    countries = []
    for country in pycountry.countries:
        extra = curated.get(country.alpha_2, {})
        if extra.get("sovereign", True) is False:
            continue
        names = list(dict.fromkeys([*_pycountry_names(country), *extra.get("names", ())]))
        label = extra.get("name") or getattr(country, "common_name", None) or names[0]
        countries.append(CountryTerms(country.alpha_2, label, tuple(names), tuple(extra.get("demonyms", ()))))
    countries.sort(key=lambda terms: terms.code)

    initiatives = [
        InitiativeTerms(item["acronym"], item["name"], tuple(item.get("aliases", ())))
        for item in _load("initiatives.json", data_dir)["initiatives"]
    ]
    sectors = [
        SectorTerms(slug, item["name"], dict(item["keywords"]))
        for slug, item in _load("sectors.json", data_dir)["sectors"].items()
    ]
    return countries, initiatives, sectors


def default_trap_rules(data_dir: Path | None = None) -> TrapRules:
    """stoplist.json, plus the names of dependent territories as stop phrases (the README counts
    sovereign states only; "French Polynesia" must not give FR)."""
    import pycountry

    stoplist = _load("stoplist.json", data_dir)
    curated = _load("countries.json", data_dir)["countries"]
    territory_names = []
    for country in pycountry.countries:
        extra = curated.get(country.alpha_2, {})
        if extra.get("sovereign", True) is False:
            territory_names += [*_pycountry_names(country), *extra.get("names", ())]
    given = stoplist["given_names"]
    return TrapRules(
        stop_phrases=tuple(dict.fromkeys([*stoplist["stop_phrases"]["phrases"], *territory_names])),
        geographic_prefixes=tuple(stoplist["geographic_prefixes"]["phrases"]),
        geographic_suffixes=tuple(stoplist["geographic_suffixes"]["words"]),
        given_names=tuple(given["phrases"]),
        honorifics=tuple(given["honorifics"]),
        not_name_words=tuple(given["not_name_words"]),
        context_vetoes=tuple(
            (tuple(rule["phrases"]), tuple(rule["cues"])) for rule in stoplist["context_vetoes"]["rules"]
        ),
        historical_qualifiers=tuple(stoplist["historical_qualifiers"]["words"]),
    )


def default_sector_rules(data_dir: Path | None = None) -> SectorRules:
    """Thresholds, list discount, redirects and neutral phrases from sectors.json."""
    document = _load("sectors.json", data_dir)
    settings = {key: value for key, value in document.get("settings", {}).items() if key != "about"}
    redirects = tuple(
        Redirect(frozenset(item["from"]), item["to"], frozenset(item["anchors"]), int(item["window_words"]))
        for item in document.get("redirects", ())
    )
    return SectorRules(**settings, redirects=redirects, neutral_phrases=tuple(document.get("neutral", ())))


def initiative_facts(data_dir: Path | None = None) -> list[dict]:
    """Each initiative's acronym, name, launch year and description (initiatives.json)."""
    keys = ("acronym", "name", "launch_year", "description")
    return [
        {key: item.get(key) for key in keys} for item in _load("initiatives.json", data_dir)["initiatives"]
    ]


def sector_facts(data_dir: Path | None = None) -> dict[str, dict]:
    """``{slug: {"name": …, "description": …}}`` (sectors.json)."""
    return {
        slug: {"name": item["name"], "description": item.get("description", "")}
        for slug, item in _load("sectors.json", data_dir)["sectors"].items()
    }
