"""Synthetic articles for benchmarks and load tests (``manage.py fill_synthetic``).

Realistic in what the site's queries feel: the subject country (``SUBJECT_COUNTRY``, China) on ~90 %
of the articles, one partner country from a long-tailed distribution (a second one on ~30 %), 0-2
initiatives (none launched after the article's date), 1-3 sectors, one or two of a few dozen
authors, dates over ten years and bodies of ~600 words (sentences of the sample articles) in the
search index.

Written in bulk, a transaction per batch: the pages' materialised paths are computed here
(treebeard's ``add_child`` would cost a few queries per page), the page and article rows, bylines
and topic links inserted with one statement per table, and the search index rows written by
PostgreSQL from the texts (``add_to_search_index``; other databases go through the search backend's
own bulk API). No revisions: a live page without one is what Wagtail's admin and the reader pages
handle (an edit starts its first revision).
"""

import datetime
import html
import io
import random
import re
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command, get_commands
from django.db import connection, transaction
from django.db.models import F
from django.db.models.sql import InsertQuery
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from modelsearch.backends.database.postgres.postgres import PostgresIndex
from modelsearch.backends.database.postgres.weights import get_weight
from modelsearch.index import SearchField
from modelsearch.utils import get_content_type_pk

from briefings.articles.indexing import topic_words
from briefings.articles.models import (
    TOPIC_LINKS,
    ArticleAuthor,
    ArticleCountry,
    ArticleInitiative,
    ArticlePage,
    ArticleSector,
    Author,
    BriefingIndexPage,
)
from briefings.editorial.setup import ensure_site
from briefings.importing.parser import parse_article
from briefings.importing.sample import sample_files
from taxonomy.models import Country, Initiative, Sector

# Marks a synthetic article (``import_path``), numbered: a later run appends after the last one.
MARK = "synthetic:"
BATCH_SIZE = 1000
YEARS = 10
TARGET_WORDS = 600
SUBJECT_SHARE = 0.9
SECOND_PARTNER_SHARE = 0.3
# Partner countries in order of coverage, most written about first; every other country is the
# long tail. Weights fall off as 1/rank (Zipf), the tail sharing what is left.
PARTNERS = [
    "PK",
    "KZ",
    "UZ",
    "KG",
    "TJ",
    "RU",
    "IR",
    "ID",
    "LA",
    "EG",
    "SA",
    "ET",
    "KE",
    "TM",
    "BD",
    "LK",
    "NP",
]
TAIL_SHARE = 0.15
INITIATIVE_COUNTS = ((0, 0.3), (1, 0.55), (2, 0.15))
SECTOR_COUNTS = ((1, 0.4), (2, 0.4), (3, 0.2))
KIND_WEIGHTS = (("analysis", 6), ("commentary", 2), ("op-ed", 1), ("brief", 1))
OUTLETS = ("TN Media News", "Eurasia Review", "The Diplomat", "Dawn", "Global Times", "")
FIRST_NAMES = (
    "Aigerim Hafsa Bilal Dilnoza Farid Gulnara Imran Javlon Kamila Layla Murat Nadia Omar Parveen "
    "Rustam Saida Timur Umida Wei Xin Yusuf Zarina Amina Daniyar"
).split()
LAST_NAMES = (
    "Seitkali Akram Hussain Karimova Rahimov Nurlanova Qureshi Tursunov Abenova Haddad Ozturk "
    "Sultanova Farouk Malik Ismoilov Bekova Zhang Liu Okafor Mensah"
).split()
AFFILIATIONS = (
    "Centre for Eurasian Economic Studies, Almaty",
    "PRCCSF, Islamabad",
    "Institute of Strategic Studies, Tashkent",
    "Centre for Asia-Africa Policy, Nairobi",
    "Maritime Asia Institute, Jakarta",
    "Gulf Research Forum, Riyadh",
)
AUTHORS = 40
TITLE_PATTERNS = (
    "{partner} and China: what comes next for {sector}",
    "Why {sector} matters in China–{partner} relations",
    "{initiative} in {partner}: the {sector} agenda after {year}",
    "China's {sector} diplomacy and {partner}",
    "Reading the latest China–{partner} summit: {sector} first",
    "{partner}'s {sector} choices and the {initiative}",
)
OPENINGS = (
    "Cooperation between China and {partner} on {sector} entered a new phase in {year}.",
    "Officials in {partner} have spent much of {year} weighing what closer {sector} ties with China would mean.",
    "The {initiative} has shaped how {partner} and China talk about {sector} since {year}.",
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


@dataclass
class FillReport:
    created: int
    existing: int
    seconds: float
    stats_rebuilt: bool

    @property
    def rate(self):
        return self.created / self.seconds if self.seconds else 0.0


def sentence_pool():
    """Sentences of the sample articles (what fills the synthetic bodies)."""
    sentences = []
    for path in sample_files():
        for paragraph in parse_article(path.read_text(encoding="utf-8")).paragraphs:
            sentences += [s for s in SENTENCE_END.split(paragraph) if 6 <= len(s.split()) <= 45]
    return sentences


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


class Generator:
    """Makes the fields and topics of synthetic articles, reproducibly from ``seed``."""

    def __init__(self, seed, today):
        self.rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not security
        self.today = today
        self.subject = Country.objects.get(alpha2=settings.SUBJECT_COUNTRY)
        by_code = {c.alpha2: c for c in Country.objects.exclude(alpha2=settings.SUBJECT_COUNTRY)}
        self.partners = [by_code[code] for code in PARTNERS if code in by_code]
        self.tail = [c for code, c in sorted(by_code.items()) if code not in PARTNERS]
        self.partner_weights = [1 / rank for rank in range(1, len(self.partners) + 1)]
        self.partner_weights = [
            w * (1 - TAIL_SHARE) / sum(self.partner_weights) for w in self.partner_weights
        ]
        self.initiatives = list(Initiative.objects.order_by("pk"))
        self.sectors = list(Sector.objects.order_by("pk"))
        self.sentences = sentence_pool()
        self.authors = synthetic_authors(self.rng)

    def partner(self):
        if not self.tail or self.rng.random() >= TAIL_SHARE:
            return self.rng.choices(self.partners, self.partner_weights)[0]
        return self.rng.choice(self.tail)

    def article(self, serial):
        """``(page fields, article fields, topics {model: [topic]}, authors, body text)`` of one
        article (the body text as the search index reads the body: its paragraphs joined)."""
        rng = self.rng
        day = self.today - datetime.timedelta(days=rng.randrange(365 * YEARS))
        countries = {self.partner()}
        if rng.random() < SECOND_PARTNER_SHARE:
            countries.add(self.partner())
        if rng.random() < SUBJECT_SHARE:
            countries.add(self.subject)
        launched = [i for i in self.initiatives if (i.launch_year or 0) <= day.year]
        initiatives = rng.sample(launched, min(len(launched), weighted(rng, INITIATIVE_COUNTS)))
        sectors = rng.sample(self.sectors, weighted(rng, SECTOR_COUNTS))
        partner = next(c for c in countries if c != self.subject)
        words = {
            "partner": partner.name,
            "sector": sectors[0].name.lower(),
            "initiative": initiatives[0].acronym if initiatives else "Belt and Road",
            "year": day.year,
        }
        title = rng.choice(TITLE_PATTERNS).format(**words)
        title = title[0].upper() + title[1:]
        paragraphs, count = [], 0
        opening = rng.choice(OPENINGS).format(**words)
        while count < TARGET_WORDS:
            paragraph = [opening] if not paragraphs else []
            paragraph += rng.sample(self.sentences, rng.randint(3, 6))
            text = " ".join(paragraph)
            paragraphs.append(text)
            count += len(text.split())
        published = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(rng.randrange(7, 19), rng.randrange(60))),
            datetime.UTC,
        )
        page = {"title": title, "first_published_at": published, "last_published_at": published}
        article = {
            "kind": weighted(rng, KIND_WEIGHTS),
            "standfirst": paragraphs[0].split(". ")[0] + "." if rng.random() < 0.3 else "",
            "date": day,
            "source_name": rng.choice(OUTLETS),
            "body": [
                {
                    "type": "paragraph",
                    "value": f"<p>{html.escape(text, quote=False)}</p>",
                    "id": str(uuid.uuid4()),
                }
                for text in paragraphs
            ],
            "import_path": f"{MARK}{serial}",
        }
        topics = {ArticleCountry: list(countries), ArticleInitiative: initiatives, ArticleSector: sectors}
        authors = rng.sample(self.authors, 2 if rng.random() < 0.25 else 1)
        return page, article, topics, authors, ", ".join(paragraphs)


def synthetic_authors(rng):
    """The pool of bylines, created once and reused by later runs (same name and affiliation)."""
    names = sorted({f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES})
    chosen = random.Random(len(names)).sample(names, AUTHORS)  # noqa: S311 - the same pool every run
    authors = []
    for n, name in enumerate(chosen):
        author, _ = Author.objects.get_or_create(
            name=name,
            affiliation=AFFILIATIONS[n % len(AFFILIATIONS)],
            defaults={"role": "Research Fellow" if n % 4 else "Senior Research Fellow"},
        )
        authors.append(author)
    return authors


def insert_rows(model, objs, fields):
    """One INSERT of ``fields`` of ``objs`` into ``model``'s own table. ``bulk_create`` refuses a
    multi-table-inherited model such as ``ArticlePage``: its ``Page`` rows are created first and the
    article rows, keyed by them, go in here."""
    query = InsertQuery(model)
    query.insert_values(fields, objs)
    query.get_compiler(connection=connection).execute_sql(returning_fields=None)


# The search backend's rows for an article, written from its texts by PostgreSQL in one statement:
# the backend's own ``add_bulk`` extracts the texts from each page's StreamField several times over
# (~20 ms an article). The vectors are those the backend writes (``ObjectIndexer``: per field
# ``setweight(to_tsvector(text), weight)``, concatenated; the autocomplete vector in the "simple"
# configuration; tests/test_synthetic.py compares the two).
INDEX_SQL = """
INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
SELECT %(content_type)s, t.id::text,
       setweight(to_tsvector({config}COALESCE(t.title, '')), %(title)s),
       setweight(to_tsvector(%(autocomplete_config)s::regconfig, COALESCE(t.title, '')), 'D'),
       CASE WHEN t.standfirst = '' THEN setweight(to_tsvector({config}COALESCE(t.body, '')), %(body)s)
            ELSE setweight(to_tsvector({config}COALESCE(t.standfirst, '')), %(standfirst)s)
                 || setweight(to_tsvector({config}COALESCE(t.body, '')), %(body)s) END
         || setweight(to_tsvector({config}t.month), %(search_month)s)
         || setweight(to_tsvector({config}t.topics), %(search_topics)s),
       1.0, t.title,
       CASE WHEN t.standfirst = '' THEN t.body ELSE t.standfirst || ' ' || t.body END || ' ' || t.month
         || CASE WHEN t.topics = '' THEN '' ELSE ' ' || t.topics END
FROM unnest(%(ids)s::bigint[], %(titles)s::text[], %(standfirsts)s::text[], %(bodies)s::text[], %(months)s::text[],
            %(topics)s::text[])
     AS t(id, title, standfirst, body, month, topics)
"""
INDEXED_TEXTS = ("title", "standfirst", "body", "search_month", "search_topics")
VOCABULARY_OF_LINK = {model: key for key, model in TOPIC_LINKS.items()}


def add_to_search_index(articles, bodies, topics):
    """Index ``articles`` (whose bodies read as ``bodies``, on ``topics``: ``{link model:
    [topic]}`` each) for site search."""
    backend = get_search_backend()
    index = backend.get_index_for_model(ArticlePage)
    fields = [f for f in ArticlePage.get_search_fields() if isinstance(f, SearchField)]
    if not isinstance(index, PostgresIndex) or sorted(f.field_name for f in fields) != sorted(INDEXED_TEXTS):
        backend.add_bulk(ArticlePage, articles)  # another backend, or other fields: its own way
        return
    weights = {f.field_name: get_weight(f.boost) for f in fields}
    sql = INDEX_SQL.format(
        table=connection.ops.quote_name(IndexEntry._meta.db_table),
        config="%(config)s::regconfig, " if backend.config else "",
    )
    params = {
        **weights,
        "content_type": get_content_type_pk(ArticlePage),
        "config": backend.config,
        "autocomplete_config": backend.autocomplete_config,
        "ids": [a.pk for a in articles],
        "titles": [a.title.strip() for a in articles],
        "standfirsts": [a.standfirst.strip() for a in articles],
        "bodies": [body.strip() for body in bodies],
        "months": [a.search_month() for a in articles],
        "topics": [
            topic_words((VOCABULARY_OF_LINK[model], t.pk) for model, chosen in links.items() for t in chosen)
            for links in topics
        ],
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def refresh_title_norms():
    """The backend's title-length normalisation, which its own ``add_bulk`` refreshes each time."""
    index = get_search_backend().get_index_for_model(ArticlePage)
    if isinstance(index, PostgresIndex):
        index._refresh_title_norms()


def synthetic_count():
    return ArticlePage.objects.filter(import_path__startswith=MARK).count()


def next_step(index):
    """The treebeard step of the index's next child (after its last one, whatever the gaps)."""
    last = (
        Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) + 1 if last else 1


@dataclass
class Batch:
    """Unsaved pages and articles (without their tree paths yet), their topics, bylines and body
    texts: everything but the database work, made while the batch before is written."""

    pages: list
    articles: list
    tags: list  # (topics {link model: [topic]}, authors) per article
    texts: list  # body text as the search index reads it, per article


def make_batch(generator, serials, index, content_type):
    return batch_of(index, content_type, ((serial, *generator.article(serial)) for serial in serials))


def batch_of(index, content_type, rows):
    """A ``Batch`` of live articles under ``index`` from ``rows`` of ``(serial, page fields,
    article fields, topics {link model: [topic]}, authors, body text)``; the serial keeps slugs unique."""
    pages, articles, tags, texts = [], [], [], []
    for serial, page_fields, article_fields, topics, authors, plain in rows:
        slug = f"{slugify(page_fields['title'].replace('–', ' '))[:80]}-{serial}"
        page_fields = {
            **page_fields,
            "draft_title": page_fields["title"],
            "slug": slug,
            "content_type": content_type,
            "depth": index.depth + 1,
            "numchild": 0,
            "url_path": f"{index.url_path}{slug}/",
            "live": True,
            "has_unpublished_changes": False,
            "locale_id": index.locale_id,
            "translation_key": uuid.uuid4(),
        }
        pages.append(Page(**page_fields))
        articles.append(ArticlePage(**page_fields, **article_fields))
        tags.append((topics, authors))
        texts.append(plain)
    return Batch(pages, articles, tags, texts)


def write_batch(batch):
    """Insert a batch under the briefings index, in one transaction."""
    with transaction.atomic():
        # The importer takes the same lock: two writers never compute the same paths.
        index = BriefingIndexPage.objects.select_for_update().get(pk=BriefingIndexPage.objects.get().pk)
        step = next_step(index)
        for offset, (page, article) in enumerate(zip(batch.pages, batch.articles, strict=True)):
            page.path = article.path = Page._get_path(index.path, index.depth + 1, step + offset)
        Page.objects.bulk_create(batch.pages)
        links, bylines = {}, []
        for page, article, (topics, authors) in zip(batch.pages, batch.articles, batch.tags, strict=True):
            article.pk = article.page_ptr_id = page.pk
            for model, chosen in topics.items():
                links.setdefault(model, []).extend(model(content_object_id=page.pk, tag=t) for t in chosen)
            bylines += [ArticleAuthor(page_id=page.pk, author=a, sort_order=n) for n, a in enumerate(authors)]
        insert_rows(ArticlePage, batch.articles, ArticlePage._meta.local_concrete_fields)
        ArticleAuthor.objects.bulk_create(bylines)
        for model, rows in links.items():
            model.objects.bulk_create(rows)
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(batch.pages))
        add_to_search_index(batch.articles, batch.texts, [topics for topics, _ in batch.tags])
    return len(batch.articles)


def fill(
    articles, seed=None, batch_size=BATCH_SIZE, progress: Callable[[int, int, float], None] | None = None
):
    """Append ``articles`` synthetic live articles; returns a ``FillReport``.

    Each batch is its own transaction (a failure keeps the batches before it, a consistent tree
    either way). ``progress(done, total, seconds)`` is called after each batch."""
    ensure_site()
    existing = synthetic_count()
    generator = Generator(existing if seed is None else seed, timezone.now().date())
    content_type = ContentType.objects.get_for_model(ArticlePage)
    index = BriefingIndexPage.objects.get()
    batches = [
        range(first, min(first + batch_size, existing + articles + 1))
        for first in range(existing + 1, existing + articles + 1, batch_size)
    ]
    started = time.perf_counter()
    done = 0
    # Python makes the next batch in a thread while the database writes this one (the two use
    # different cores); the database work stays on this thread's connection.
    with ThreadPoolExecutor(max_workers=1) as maker:
        upcoming = maker.submit(make_batch, generator, batches[0], index, content_type) if batches else None
        for n in range(len(batches)):
            batch = upcoming.result()
            if n + 1 < len(batches):
                upcoming = maker.submit(make_batch, generator, batches[n + 1], index, content_type)
            done += write_batch(batch)
            if progress:
                progress(done, articles, time.perf_counter() - started)
    if done:
        refresh_title_norms()
    seconds = time.perf_counter() - started
    stats_rebuilt = False
    if done and "rebuild_topic_stats" in get_commands():
        # Topic statistics tables, where the site keeps them, are kept up to date by signals that
        # bulk inserts do not send: recount them.
        call_command("rebuild_topic_stats", stdout=io.StringIO())
        stats_rebuilt = True
    if done:
        # Nothing cached before may hide the new articles (the pages were not published one by one).
        cache.clear()
    return FillReport(created=done, existing=existing, seconds=seconds, stats_rebuilt=stats_rebuilt)
