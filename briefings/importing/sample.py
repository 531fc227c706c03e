"""The sample content shipped in ``briefings/importing/sample_content/``: the articles, imported
and published, and the site around them (``site.json``): its identity, an About and a Contact
page, generated avatars for the authors, bios and links for some, and generated lead images for
some articles."""

import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Site

from briefings.about.models import AboutPage, AboutPagePerson, ContactPage
from briefings.articles.blocks import ArticleStreamBlock
from briefings.articles.models import ArticlePage, Author
from briefings.core.models import SiteIdentity
from briefings.editorial.setup import ensure_site
from taxonomy.vocabularies import TAG_VOCABULARIES, resolve_codes

from . import artwork
from .service import ArticleImporter, import_key

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_content"
DEV_ADMIN_USERNAME = "admin"
DEV_ADMIN_PASSWORD = "briefings-dev"  # noqa: S105 - development-only login, printed by make run
IDENTITY_FIELDS = (
    "name",
    "description",
    "address",
    "email",
    "phone",
    "x_url",
    "linkedin_url",
    "share_image_alt",
)


def sample_files():
    return sorted(SAMPLE_DIR.glob("*.txt"))


def sample_topics():
    """The topics an editor chose for each sample file (``sample_content/tags.json``)."""
    tags = json.loads((SAMPLE_DIR / "tags.json").read_text(encoding="utf-8"))
    result = {}
    for filename, codes in tags.items():
        topics = {}
        for vocabulary in TAG_VOCABULARIES:
            found, unknown = resolve_codes(vocabulary, codes.get(vocabulary.key, []))
            if unknown:
                raise ValueError(f"{filename}: unknown {vocabulary.key}: {', '.join(unknown)}")
            topics[vocabulary.key] = found
        result[filename] = topics
    return result


def load_sample_content():
    home, index = ensure_site()
    topics = sample_topics()
    results = [
        ArticleImporter(index, publish=True, topics=topics.get(path.name, {})).import_file(path)
        for path in sample_files()
    ]
    dress_sample_site(home)
    return results


@transaction.atomic
def dress_sample_site(home):
    """What is missing of the sample site around the articles; what exists is left as it is."""
    data = json.loads((SAMPLE_DIR / "site.json").read_text(encoding="utf-8"))
    site = Site.objects.get(root_page=home, is_default_site=True)
    about = AboutPage.objects.first() or _about_page(home, data["about_page"])
    contact = ContactPage.objects.first() or _contact_page(home, data["contact_page"])
    if not SiteIdentity.objects.filter(site=site).exists():
        fields = data["identity"]
        SiteIdentity.objects.create(
            site=site,
            logo=_image(fields["logo_title"], artwork.logo_png(fields["name"])),
            share_image=_image(fields["share_image_title"], artwork.abstract_png(fields["name"], 1200, 630)),
            about_page=about,
            contact_page=contact,
            **{name: fields[name] for name in IDENTITY_FIELDS},
        )
    for author in Author.objects.filter(
        photo__isnull=True, article_links__page__import_key__gt=""
    ).distinct():
        author.photo = _image(f"Avatar of {author.name} (generated)", artwork.avatar_png(author.name))
        author.save(update_fields=["photo"])
    for author in Author.objects.filter(name__in=list(data["authors"]), bio=""):
        for name, value in data["authors"][author.name].items():
            setattr(author, name, value)
        author.full_clean()
        author.save()
    for filename, alt in data["lead_images"].items():
        page = ArticlePage.objects.filter(import_key=import_key(SAMPLE_DIR / filename)).first()
        if page is not None and page.lead_image_id is None:
            latest = page.get_latest_revision_as_object()
            latest.lead_image = _image(f"Lead image: {page.title}"[:255], artwork.abstract_png(filename))
            latest.lead_image_alt = alt
            latest.save_revision().publish()


def _image(title, png):
    image = get_image_model()(title=title)
    image.file = ContentFile(png, name=f"{slugify(title)[:80] or 'sample'}.png")
    image.save()
    return image


def _about_page(home, data):
    body = ArticleStreamBlock().to_python(
        [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in data["paragraphs"]]
    )
    page = AboutPage(title=data["title"], slug=data["slug"], introduction=data["introduction"], body=body)
    people = {author.name: author for author in Author.objects.filter(name__in=data["people"])}
    page.people = [AboutPagePerson(author=people[name]) for name in data["people"] if name in people]
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _contact_page(home, data):
    page = ContactPage(
        title=data["title"], slug=data["slug"], introduction=data["introduction"], body=data["body"]
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
