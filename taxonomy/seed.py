"""Seed the vocabularies: every ISO 3166-1 country with its UN M49 sub-region, the four
initiatives and twelve sectors, with aliases, demonyms and keywords from ``taxonomy/data``.

Idempotent: creates what is missing and fills only blank fields, so editors' changes survive.
Called by a data migration (with historical models) and by ``manage.py seed_vocabularies``.
"""

import csv
import json

from django.utils.text import slugify

import pycountry

from .terms import DATA_DIR, default_terms, initiative_facts, sector_facts


def country_display_names():
    names = json.loads((DATA_DIR / "country_display_names.json").read_text(encoding="utf-8"))
    names.pop("_comment", None)
    return names


def subregions():
    with (DATA_DIR / "un-m49-subregions.csv").open(encoding="utf-8") as handle:
        return {row["alpha2"]: (row["un_subregion"], row["continent"]) for row in csv.DictReader(handle)}


def suggestion_terms():
    """Aliases, demonyms and keywords from the suggester's data files, keyed by code."""
    countries, initiatives, sectors = default_terms()
    return (
        {c.code: c for c in countries},
        {i.acronym: i for i in initiatives},
        {s.slug: s for s in sectors},
    )


def _fill(obj, **values):
    """Set fields that are blank; report whether anything changed."""
    changed = False
    for field, value in values.items():
        if value and not getattr(obj, field):
            setattr(obj, field, value)
            changed = True
    return changed


def _lines(items, exclude=()):
    seen, out = {x.casefold() for x in exclude if x}, []
    for item in items:
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return "\n".join(out)


def seed_vocabularies(Region, Country, Initiative, Sector):
    display_names = country_display_names()
    regions_by_code = subregions()
    country_terms, initiative_terms, sector_terms = suggestion_terms()

    regions = {}
    for name, continent in sorted(set(regions_by_code.values())):
        region, _ = Region.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "continent": continent}
        )
        regions[name] = region

    existing = {c.alpha2: c for c in Country.objects.all()}
    for record in pycountry.countries:
        code = record.alpha_2
        name = display_names.get(code) or getattr(record, "common_name", None) or record.name
        official = getattr(record, "official_name", None) or record.name
        terms = country_terms.get(code)
        # The suggester's names in its order (the order settles a name two countries share).
        names = terms.names if terms else (record.name, getattr(record, "common_name", None))
        aliases = _lines(names, exclude=[name])
        demonyms = _lines(terms.demonyms if terms else ())
        region_name = regions_by_code.get(code, (None, None))[0]
        country = existing.get(code)
        if country is None:
            Country.objects.create(
                name=name,
                slug=slugify(name),
                alpha2=code,
                alpha3=record.alpha_3,
                official_name=official if official != name else "",
                region=regions.get(region_name),
                aliases=aliases,
                demonyms=demonyms,
            )
        elif _fill(country, alpha3=record.alpha_3, aliases=aliases, demonyms=demonyms) or (
            country.region_id is None and region_name
        ):
            country.region = country.region or regions.get(region_name)
            country.save()

    for data in initiative_facts():
        terms = initiative_terms.get(data["acronym"])
        aliases = _lines(terms.aliases if terms else (), exclude=[data["name"], data["acronym"]])
        initiative = Initiative.objects.filter(acronym=data["acronym"]).first()
        if initiative is None:
            Initiative.objects.create(slug=data["acronym"].lower(), aliases=aliases, **data)
        elif _fill(
            initiative, description=data["description"], launch_year=data["launch_year"], aliases=aliases
        ):
            initiative.save()

    for slug, facts in sector_facts().items():
        description = facts["description"]
        terms = sector_terms.get(slug)
        keywords = (
            "\n".join(f"{phrase}: {weight:g}" for phrase, weight in terms.keywords.items()) if terms else ""
        )
        sector = Sector.objects.filter(slug=slug).first()
        if sector is None:
            Sector.objects.create(name=facts["name"], slug=slug, description=description, keywords=keywords)
        elif _fill(sector, description=description, keywords=keywords):
            sector.save()
