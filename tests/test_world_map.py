"""The subject country's hub as "China's partners" (issue 14): a world map of the countries the
analysis covers, each drawn country a link to its hub with a title and count, a legend and a table
alternative; the same map on the countries index and, zoomed, on region hubs. And the subject left
out of article pages' topic chips."""

import datetime
import re

from django.test import override_settings

import pytest

from taxonomy.hubs import worldmap
from tests.conftest import shared_data
from tests.factories import as_committed, make_article

pytestmark = pytest.mark.django_db

SVG_LINK_RE = re.compile(r'<a href="([^"]+)" class="map-country ([^"]*)"[^>]*><title>([^<]*)</title>')


@shared_data
def partners(index):
    """Kazakhstan in three pieces, Pakistan in two, Egypt in one, all also tagged China; a draft
    on Uzbekistan that must not count; Singapore (too small to draw) in one."""
    day = datetime.date(2024, 1, 1)
    tagged = [
        ["kazakhstan"],
        ["kazakhstan", "pakistan"],
        ["kazakhstan", "pakistan"],
        ["egypt"],
        ["singapore"],
    ]
    for n, countries in enumerate(tagged):
        make_article(
            index,
            f"Piece {n}",
            date=day + datetime.timedelta(days=n),
            countries=["china", *countries],
            quick_publish=True,
        )
    make_article(index, "Draft", live=False, countries=["china", "uzbekistan"])
    return None


def map_links(html):
    """``{href: (classes, title)}`` of the countries drawn as links."""
    return {href: (classes, title) for href, classes, title in SVG_LINK_RE.findall(html)}


def table_rows(html):
    table = html[html.index('<table class="map-table"') : html.index("</table>")]
    return re.findall(
        r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th><td>(?:<a href="([^"]*)">([^<]*)</a>)?</td>'
        r'<td class="num">(\d+)</td>',
        table,
    )


def test_subject_hub_is_a_map_of_its_partners(client, partners):
    response = client.get("/topics/countries/china/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>China’s partners</h1>" in html
    links = map_links(html)
    # Every country with an outline is drawn; each with a hub is a link with its name and count.
    assert len(links) >= 170
    assert links["/topics/countries/kazakhstan/"] == ("map-level-5", "Kazakhstan: 3 articles")
    assert links["/topics/countries/egypt/"][1] == "Egypt: 1 article"
    assert links["/topics/countries/uzbekistan/"] == ("map-level-0", "Uzbekistan: no articles yet")
    assert "map-subject" in links["/topics/countries/china/"][0]
    assert links["/topics/countries/kazakhstan/"][0] != links["/topics/countries/pakistan/"][0]
    # Countries with articles are in the keyboard's path; the others are not.
    assert re.search(r'<a href="/topics/countries/kazakhstan/" class="[^"]*">', html)
    assert re.search(r'<a href="/topics/countries/uzbekistan/" class="[^"]*" tabindex="-1">', html)
    # The legend, and the table alternative: partners with articles, most first, with their region.
    assert 'class="map-legend"' in html and "No articles yet" in html and "China (the subject)" in html
    assert table_rows(html) == [
        ("/topics/countries/kazakhstan/", "Kazakhstan", "/topics/regions/central-asia/", "Central Asia", "3"),
        ("/topics/countries/pakistan/", "Pakistan", "/topics/regions/southern-asia/", "Southern Asia", "2"),
        ("/topics/countries/egypt/", "Egypt", "/topics/regions/northern-africa/", "Northern Africa", "1"),
        (
            "/topics/countries/singapore/",
            "Singapore",
            "/topics/regions/south-eastern-asia/",
            "South-eastern Asia",
            "1",
        ),
    ]
    assert "Too small to draw at this scale" in html  # Singapore has no outline at 1:110m
    # Then the latest pieces.
    assert re.search(r'id="articles-heading">Latest analysis <span class="count">\(5\)</span>', html)


def test_every_link_on_the_map_resolves_and_an_empty_hub_says_so(client, partners):
    links = map_links(client.get("/topics/countries/china/").content.decode())
    for href in ["/topics/countries/kazakhstan/", "/topics/countries/uzbekistan/", "/topics/countries/peru/"]:
        assert href in links
        assert client.get(href).status_code == 200, href
    assert "No published articles on Peru yet." in client.get("/topics/countries/peru/").content.decode()
    # A sample of the rest: every link on the map is a country hub that answers.
    for href in sorted(links)[::25]:
        assert client.get(href).status_code == 200, href


def test_countries_index_shows_the_world_map_and_region_hubs_zoom_onto_theirs(client, partners):
    html = client.get("/topics/countries/").content.decode()
    assert map_links(html)["/topics/countries/pakistan/"][1] == "Pakistan: 2 articles"
    assert 'viewBox="0 0 1000 ' in html

    html = client.get("/topics/regions/central-asia/").content.decode()
    box = [float(v) for v in re.search(r'class="world-map__svg" viewBox="([^"]+)"', html).group(1).split()]
    assert box[2] < 300  # zoomed in: Central Asia is far narrower than the world
    links = map_links(html)
    assert links["/topics/countries/kazakhstan/"] == ("map-level-5", "Kazakhstan: 3 articles")
    assert "map-outside" in links["/topics/countries/pakistan/"][0]  # drawn around, for context
    # A region's table lists all its countries, those without articles too.
    rows = table_rows(html)
    assert [(name, count) for _, name, _, _, count in rows] == [
        ("Kazakhstan", "3"),
        ("Kyrgyzstan", "0"),
        ("Tajikistan", "0"),
        ("Turkmenistan", "0"),
        ("Uzbekistan", "0"),
    ]


@override_settings(SUBJECT_COUNTRY="PK")
def test_the_subject_is_a_setting(client, partners):
    assert "<h1>Pakistan’s partners</h1>" in client.get("/topics/countries/pakistan/").content.decode()
    html = client.get("/topics/countries/china/").content.decode()
    assert "<h1>China</h1>" in html and 'class="world-map' not in html


def test_map_pages_use_a_bounded_number_of_queries(client, partners, django_assert_max_num_queries):
    as_committed()
    for url in ["/topics/countries/china/", "/topics/countries/", "/topics/regions/central-asia/"]:
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200


def test_colour_steps_and_zoom():
    assert worldmap.levels(0) == []
    assert worldmap.levels(1) == [1]
    assert worldmap.levels(8) == [1, 2, 3, 5, 8]
    assert [step.label for step in worldmap.legend(worldmap.levels(8), 8)] == [
        "No articles yet",
        "1",
        "2",
        "3–4",
        "5–7",
        "8",
    ]
    assert [worldmap.level_of(n, [1, 2, 3, 5, 8]) for n in (0, 1, 2, 4, 5, 8, 20)] == [0, 1, 2, 3, 4, 5, 5]
    # Fewer classes are spread over the palette, the darkest for the most articles.
    assert [worldmap.level_of(n, [1, 2, 3]) for n in (1, 2, 3)] == [1, 3, 5]
    assert worldmap.level_of(1, [1]) == worldmap.COLOURS
    assert worldmap.zoomed_view_box(["ZZ"]) is None
    # France's box is its mainland, not French Guiana's: Western Europe stays in Europe.
    x, _, width, _ = map(float, worldmap.zoomed_view_box(["FR", "DE", "NL", "BE"]).split())
    assert 380 < x and x + width < 600  # French Guiana is at x ≈ 330


def test_article_topic_chips_leave_out_the_subject_which_metadata_keeps(client, index):
    page = make_article(index, "Ports", countries=["china", "pakistan"], initiatives=["bri"])
    html = client.get(page.url).content.decode()
    chips = html[
        html.index('id="topics-heading"') : html.index("</section>", html.index('id="topics-heading"'))
    ]
    assert 'href="/topics/countries/pakistan/"' in chips and 'href="/topics/initiatives/bri/"' in chips
    assert "/topics/countries/china/" not in chips
    assert '<meta property="article:tag" content="China">' in html


def test_an_article_only_on_the_subject_has_no_country_chips(client, index):
    html = client.get(
        make_article(index, "Beijing", countries=["china"], sectors=["trade"]).url
    ).content.decode()
    assert "<dt>Countries</dt>" not in html and "<dt>Sectors</dt>" in html
