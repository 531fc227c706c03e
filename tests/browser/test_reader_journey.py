"""Issue #6, reader experience, in a real browser: the path from the home page through topics,
search and authors; copying a citation; accessibility (axe-core), narrow and wide screens, the
keyboard, and reading without JavaScript."""

import datetime
import re
from dataclasses import dataclass

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from briefings.about.models import AboutPage, ContactPage
from briefings.core.models import SiteIdentity
from tests.factories import AuthorFactory, make_article

# No django_db mark: the tests only read, so the reading room below is built once for the module
# (and committed, for the live server's thread to see) instead of once for each test.
pytestmark = [pytest.mark.browser]

CORRIDOR = "Kazakhstan Opens a New Energy Corridor"
STEPPE = "Power Lines Across the Steppe"
WATER = "Water Diplomacy on the Amu Darya"
# One word wider than any phone, and an address without a place to break: both must wrap.
LONG_WORD = "Transcontinentalinfrastructureinterconnectivityassessments" * 2
LONG_TITLE = f"Rethinking {LONG_WORD} in Gwadar"
LONG_URL = "https://example.org/reports/" + "CorridorCapacityAssessmentGwadarPortPipeline" * 4
CORRIDOR_APA_START = "Rahman, A. (2024, March 1). Kazakhstan Opens a New Energy Corridor. Briefings."
SERIOUS = {"serious", "critical"}
# axe's default rules, and one it still calls experimental: a control's visible text must be part
# of its accessible name (WCAG 2.5.3, Label in Name), so speech users can say what they see.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"label-content-name-mismatch": {"enabled": True}}}
WIDTHS = (375, 1280)


@dataclass
class ReadingRoom:
    corridor: object
    steppe: object
    water: object
    long_read: object
    amina: object


@pytest.fixture(scope="module")
def room(django_db_blocker, _shared_data, base_data):
    """Four articles by two authors (``reading_room``), built once and shared by the module's
    tests, which only read them: committed, as the live server needs, and the database emptied
    and given back the migrations' data after the module's last test, as a transactional test
    leaves it. Database access stays open while the module's tests run."""
    from django.core.management import call_command
    from django.db import connection, connections

    from wagtail.models import Page

    from briefings.editorial.setup import ensure_site

    with django_db_blocker.unblock():
        _shared_data.arrange([])  # no shared data's transaction open: build in autocommit
        if not Page.objects.exists():  # emptied by a transactional test before
            connection.creation.deserialize_db_from_string(base_data)
        built = reading_room(*ensure_site())
        # Closed here and after each test, as a transactional test closes its connections: once
        # Playwright runs, the code runs in another greenlet, with a connection of its own, and one
        # left open would keep the test database from being dropped at the end.
        connections.close_all()
        try:
            yield built
        finally:
            call_command(
                "flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True
            )
            connection.creation.deserialize_db_from_string(base_data)
            connections.close_all()


@pytest.fixture(autouse=True)
def _live_server_helper(live_server, room):
    """Overrides pytest-django's, which asks for a transactional database for any test using the
    live server: that would empty the database, and the reading room, after each test."""
    from django.db import connections

    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()
    connections.close_all()


@pytest.fixture(autouse=True)
def _restore_base_data():
    """Overrides the browser tests' (which asks for a transactional database): ``room`` restores
    the migrations' data itself."""


def reading_room(home, index):
    """Four articles by two authors. Kazakhstan has two articles, both on the BRI and energy, so
    its hub relates it to the BRI; "pipeline" is in three of them, only two on Kazakhstan. The site
    has a full identity (logo, contact, social links), About and Contact pages; one article has a
    lead image, one author a photo."""
    about = home.add_child(instance=AboutPage(title="About", slug="about", introduction="Who we are."))
    about.save_revision().publish()
    contact = home.add_child(
        instance=ContactPage(title="Contact", slug="contact", body="<p>Write to us.</p>")
    )
    contact.save_revision().publish()
    SiteIdentity.objects.create(
        site=Site.objects.get(is_default_site=True),
        logo=Image.objects.create(title="Logo", file=get_test_image_file(size=(512, 512))),
        address="1 Sample Avenue\nIslamabad",
        email="contact@example.org",
        phone="+92 51 555 0100",
        x_url="https://x.com/example",
        about_page=about,
        contact_page=contact,
    )
    amina = AuthorFactory(
        name="Amina Rahman",
        photo=Image.objects.create(title="Amina", file=get_test_image_file(size=(300, 300))),
        website="https://example.org/amina",
    )
    daniel = AuthorFactory(name="Daniel Okoro", honorific="")
    corridor = make_article(
        index,
        CORRIDOR,
        authors=[amina],
        date=datetime.date(2024, 3, 1),
        kind="analysis",
        standfirst="How a pipeline deal reshapes Central Asian energy transit.",
        source_name="TN Media News",
        lead_image=Image.objects.create(title="Yard", file=get_test_image_file(size=(1600, 900))),
        lead_image_alt="Containers at a rail yard",
        body=["Kazakhstan and China signed pipeline agreements in Astana.", "Transit fees will rise."],
        countries=["kazakhstan", "china"],
        initiatives=["bri"],
        sectors=["energy"],
    )
    steppe = make_article(
        index,
        STEPPE,
        authors=[daniel, amina],
        date=datetime.date(2024, 2, 10),
        kind="commentary",
        body=["A second pipeline and new power lines cross the steppe."],
        countries=["kazakhstan"],
        initiatives=["bri"],
        sectors=["energy"],
    )
    water = make_article(
        index,
        WATER,
        authors=[amina],
        date=datetime.date(2024, 1, 20),
        body=["Sharing water between upstream and downstream states."],
        countries=["uzbekistan"],
        sectors=["water"],
    )
    long_read = make_article(
        index,
        LONG_TITLE,
        authors=[daniel],
        date=datetime.date(2024, 3, 15),
        kind="report",
        standfirst=f"The {LONG_WORD} of a port and its pipeline.",
        body=[f'Read the study at <a href="{LONG_URL}">{LONG_URL}</a> or at {LONG_URL}.[1]', LONG_WORD],
        countries=["pakistan"],
        initiatives=["bri"],
        sectors=["energy"],
    )
    long_read.body.append(("notes", [{"citation": f"The {LONG_WORD} study, 2024.", "url": LONG_URL}]))
    long_read.save_revision().publish()
    return ReadingRoom(corridor, steppe, water, long_read, amina)


def reader_pages(room):
    """Every kind of page a reader meets, with the data above on it."""
    return {
        "home": "/",
        "analysis index": "/briefings/",
        "article": room.corridor.url,
        "long article, with endnotes": room.long_read.url,
        "topics index": "/topics/",
        "countries index": "/topics/countries/",
        "hub": "/topics/countries/kazakhstan/",
        "subject's partners map": "/topics/countries/china/",
        "region hub with its map": "/topics/regions/central-asia/",
        "intersection": "/topics/countries/kazakhstan/initiatives/bri/",
        "search": "/search/",
        "search with results and a filter": "/search/?q=pipeline&country=kazakhstan",
        "search with a note": "/search/?q=pipeline&country=atlantis",
        "search sorted and filtered": (
            f"/search/?q=pipeline&sort=date&from=2024-01-01&to=2024-12-31&kind=analysis&author={room.amina.slug}"
        ),
        "author": room.amina.get_absolute_url(),
        "experts": "/experts/",
        "about": "/about/",
        "contact": "/contact/",
    }


def test_reader_goes_from_home_through_topics_and_search_to_an_author(page, live_server, room):
    page.goto(f"{live_server.url}/")
    page.get_by_role("region", name="Latest analysis").get_by_role("link", name=CORRIDOR).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CORRIDOR)

    # From the article's topics to the Kazakhstan hub, which relates it to the BRI.
    page.get_by_role("region", name="Topics").get_by_role("link", name="Kazakhstan", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/topics/countries/kazakhstan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kazakhstan")
    related = page.get_by_role("complementary", name="Related topics and activity")
    related.get_by_role("link", name="2 shared articles on Kazakhstan and Belt and Road Initiative").click()

    # The intersection lists both Kazakh BRI articles and nothing else.
    expect(page).to_have_url(f"{live_server.url}/topics/countries/kazakhstan/initiatives/bri/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kazakhstan and Belt and Road Initiative")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name=CORRIDOR)).to_be_visible()
    expect(main.get_by_role("link", name=STEPPE)).to_be_visible()
    expect(main.get_by_role("heading", level=3)).to_have_count(2)

    # Search, then narrow the results to Kazakhstan with a facet.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_label("Search the analysis").fill("pipeline")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="3 results for “pipeline”")).to_be_visible()
    facets = page.get_by_role("complementary", name="Narrow the results")
    facets.get_by_role("link", name="Kazakhstan", exact=True).click()
    expect(page.get_by_role("heading", name="2 results for “pipeline”")).to_be_visible()
    results = page.get_by_role("region", name="2 results for “pipeline”")
    expect(results.get_by_role("link", name=CORRIDOR)).to_be_visible()
    expect(results.get_by_role("link", name=STEPPE)).to_be_visible()
    expect(results.get_by_role("link", name=LONG_TITLE)).to_have_count(0)
    chip = page.get_by_role("link", name="Remove filter Country: Kazakhstan")
    expect(chip).to_be_visible()
    chip.click()
    expect(page.get_by_role("heading", name="3 results for “pipeline”")).to_be_visible()
    expect(page.get_by_role("link", name="Remove filter Country: Kazakhstan")).to_have_count(0)

    # From a result to its author's page, which lists it.
    page.get_by_role("link", name=STEPPE).click()
    page.get_by_role("link", name="Dr. Amina Rahman").click()
    expect(page).to_have_url(f"{live_server.url}{room.amina.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dr. Amina Rahman")
    articles = page.get_by_role("region", name="Articles (3)")
    for title in (CORRIDOR, STEPPE, WATER):
        expect(articles.get_by_role("link", name=title)).to_be_visible()


def test_copy_button_puts_the_apa_citation_on_the_clipboard(new_page, live_server, room):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.clock.install()  # the button's "Copied" lasts two seconds of the page's clock, not ours
    page.goto(f"{live_server.url}{room.corridor.url}")
    cite = page.get_by_role("region", name="Cite this")
    expect(cite.get_by_role("button", name=re.compile(r"^Copy "))).to_have_count(3)  # APA, Chicago, BibTeX
    apa = cite.locator('[data-citation="APA"]')
    shown = apa.locator(".cite__text").inner_text()
    assert shown.startswith(CORRIDOR_APA_START), shown

    apa.get_by_role("button", name="Copy APA").click()
    expect(apa.get_by_role("button")).to_have_text("Copied")
    expect(cite.get_by_role("status")).to_have_text("APA citation copied to the clipboard.")
    assert page.evaluate("navigator.clipboard.readText()") == shown
    # The button goes back to its label, ready to copy again.
    page.clock.run_for(2000)
    expect(apa.get_by_role("button")).to_have_text("Copy APA")


def serious_violations(page):
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -- "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in violations
        if v["impact"] in SERIOUS
    ]


@pytest.mark.long
def test_axe_finds_no_serious_or_critical_violations(page, live_server, room):
    found = {}
    for name, path in reader_pages(room).items():
        assert page.goto(f"{live_server.url}{path}").ok, name
        violations = serious_violations(page)
        if violations:
            found[name] = violations
    assert not found, "\n".join(f"{name}: {v}" for name, vs in found.items() for v in vs)


@pytest.mark.long
def test_pages_fit_narrow_and_wide_screens_without_horizontal_scrolling(page, live_server, room):
    overflowing = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in reader_pages(room).items():
            assert page.goto(f"{live_server.url}{path}").ok, name
            sizes = page.evaluate(
                "({doc: document.documentElement.scrollWidth, body: document.body.scrollWidth,"
                " viewport: window.innerWidth})"
            )
            assert sizes["viewport"] == width
            if max(sizes["doc"], sizes["body"]) > width:
                overflowing.append(f"{name} at {width}px: {sizes}")
    assert not overflowing, "\n".join(overflowing)


def test_long_words_and_addresses_wrap_on_a_phone(page, live_server, room):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}{room.long_read.url}")
    heading = page.get_by_role("heading", level=1)
    links = page.get_by_role("link", name=LONG_URL)  # in the text, and in its endnote
    expect(links).to_have_count(2)
    for element in (heading, *links.all()):
        box = element.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    # Wrapped, not clipped: the title takes several lines and shows all of itself.
    assert heading.evaluate("h => h.scrollWidth <= h.clientWidth")
    assert heading.bounding_box()["height"] > 3 * float(
        heading.evaluate("h => parseFloat(getComputedStyle(h).lineHeight)")
    )


def test_activity_chart_month_labels_do_not_overlap(page, live_server, room):
    page.goto(f"{live_server.url}/topics/countries/kazakhstan/")  # two months: February, March 2024
    labels = page.locator(".activity-chart .axis")
    expect(labels).to_have_text(["Feb 2024", "Mar 2024"])
    first, last = labels.evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())")
    assert first["right"] <= last["left"], (first, last)


def test_skip_link_is_the_first_tab_stop_and_focus_is_visible(page, live_server, room):
    page.goto(f"{live_server.url}{room.corridor.url}")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0, box  # shown on screen once focused
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()

    # The next Tab lands inside the main content, on a link with a visible focus ring.
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.evaluate("el => el.tagName") == "A"
    assert focused.evaluate("el => el.closest('main') !== null")
    outline = focused.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2, outline


def test_article_reads_without_javascript(new_page, live_server, room):
    page = new_page(java_script_enabled=False)
    page.goto(f"{live_server.url}{room.corridor.url}")
    cite = page.get_by_role("region", name="Cite this")
    expect(cite.locator('[data-citation="APA"] .cite__text')).to_contain_text(CORRIDOR_APA_START)
    expect(cite.locator('[data-citation="Chicago"] .cite__text')).to_contain_text("Rahman, Amina.")
    expect(cite.get_by_role("button")).to_have_count(0)  # no copy buttons without the script
    expect(cite.get_by_role("link", name="BibTeX (.bib)")).to_be_visible()
    topics = page.get_by_role("region", name="Topics")
    expect(topics.get_by_role("link", name="China", exact=True)).to_have_count(0)  # the subject: no chip
    for name, href in (
        ("Kazakhstan", "/topics/countries/kazakhstan/"),
        ("Belt and Road Initiative", "/topics/initiatives/bri/"),
        ("Energy", "/topics/sectors/energy/"),
    ):
        link = topics.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", href)
