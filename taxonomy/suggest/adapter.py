"""Topic suggestion backed by the database: the vocabularies editors maintain in the admin.

``taxonomy.suggest.matcher`` is pure Python; this module builds its ``Vocabulary`` from the Country,
Initiative and Sector rows (aliases, demonyms and keywords as edited), once per process and
again after any topic changes, so suggesting an article makes no database query.
"""

from functools import cache

from django.core.cache import cache as shared_cache
from django.db.models.signals import post_delete, post_save

from taxonomy.models import Country, Initiative, Sector, split_lines
from taxonomy.names import TAG_KEYS
from taxonomy.terms import CountryTerms, InitiativeTerms, SectorTerms, default_terms

from .matcher import Vocabulary

VERSION_KEY = "taxonomy:vocabulary-version"
_loaded = {"version": None, "bundle": None}


@cache
def sovereign_codes():
    """Dependent territories are in the Country list (ISO 3166-1) but are not suggested."""
    return frozenset(terms.code for terms in default_terms()[0])


def _names(*groups):
    return tuple(dict.fromkeys(name for group in groups for name in group if name))


def build_bundle():
    """``(Vocabulary, {"countries": {code: Country}, ...})`` from the current rows."""
    countries = [c for c in Country.objects.all() if c.alpha2 in sovereign_codes()]
    initiatives = list(Initiative.objects.all())
    sectors = list(Sector.objects.all())
    vocabulary = Vocabulary(
        [
            CountryTerms(
                c.alpha2, c.name, _names([c.name], split_lines(c.aliases)), tuple(split_lines(c.demonyms))
            )
            for c in countries
        ],
        [InitiativeTerms(i.acronym, i.name, _names(split_lines(i.aliases))) for i in initiatives],
        [SectorTerms(s.slug, s.name, s.keyword_weights()) for s in sectors],
    )
    topics = {
        "countries": {c.alpha2: c for c in countries},
        "initiatives": {i.acronym: i for i in initiatives},
        "sectors": {s.slug: s for s in sectors},
    }
    return vocabulary, topics


def current_bundle():
    version = shared_cache.get(VERSION_KEY, 0)
    if _loaded["bundle"] is None or _loaded["version"] != version:
        _loaded["bundle"], _loaded["version"] = build_bundle(), version
    return _loaded["bundle"]


def vocabulary():
    return current_bundle()[0]


def invalidate(**kwargs):
    """Any process rebuilds its vocabulary on next use (the version lives in the shared cache)."""
    try:
        shared_cache.incr(VERSION_KEY)
    except ValueError:
        shared_cache.set(VERSION_KEY, 1, None)
    _loaded["bundle"] = None


def connect_signals():
    """Called from the app's ``ready()``: any edit to a vocabulary rebuilds the suggester's."""
    for model in (Country, Initiative, Sector):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"suggest-vocab-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"suggest-vocab-delete-{model.__name__}")


def suggest_for(title, paragraphs):
    return vocabulary().suggest(title, list(paragraphs))


def suggest_topics(title, paragraphs):
    """What the editor's **Suggest topics** button and the editors' dashboard show for an article:
    ``{vocabulary key: [(topic, Suggestion), …]}``, the topics (model instances) with the matcher's
    score and evidence. ``paragraphs``: the body's text one paragraph at a time, as the rich-text
    editor holds it (``body_paragraphs(body, split=True)`` for a saved article)."""
    suggestions = suggest_for(title, paragraphs)
    topics = current_bundle()[1]
    return {
        name: [
            (topics[name][item.key], item) for item in getattr(suggestions, name) if item.key in topics[name]
        ]
        for name in TAG_KEYS
    }


def suggested_topics(suggestions):
    """Model instances for the suggested keys: ``{"countries": [Country, ...], ...}``."""
    topics = current_bundle()[1]
    return {
        name: [topics[name][key] for key in keys if key in topics[name]]
        for name, keys in suggestions.keys().items()
    }


def suggest_parsed(parsed):
    """The importer's hook: topics for a ``ParsedArticle``."""
    return suggested_topics(suggest_for(parsed.title, parsed.paragraphs))
