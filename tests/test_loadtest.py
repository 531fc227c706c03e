"""The load test's judgement of stale responses, on canned responses and a canned change log (the
run itself needs servers: `make loadtest`)."""

import pytest

from briefings.operations.loadtest import Change, Response, stale_responses, summary, watched_title
from tests.factories import make_article

ARTICLE = "/briefings/load-test-article/"
HUB = "/topics/countries/pakistan/"

# Published v1 at t=100, edited to v2 at t=103, unpublished at t=106.
CHANGES = [Change(90.0, None), Change(100.0, 1), Change(103.0, 2), Change(106.0, None)]


def page(url, started, ended, version=None, status=200):
    body = f"<h1>{watched_title(version)}</h1>" if version is not None else "<h1>Latest analysis</h1>"
    return Response(url, started, ended, status, body, watched=True)


def stale(*responses):
    return [(r.url, r.started, seen) for r, seen in stale_responses(responses, CHANGES, ARTICLE)]


def test_a_response_showing_the_state_in_force_when_it_started_is_fresh():
    assert (
        stale(
            page(ARTICLE, 101.0, 101.1, version=1),
            page(HUB, 104.0, 104.2, version=2),
            page("/", 107.0, 107.1),  # unpublished: not on the home page
            page(ARTICLE, 107.0, 107.1, status=404),
        )
        == []
    )


def test_a_response_that_started_after_a_change_and_shows_the_state_before_it_is_stale():
    assert stale(
        page(HUB, 103.5, 103.6, version=1),  # v2 committed at 103
        page("/", 100.2, 100.3),  # v1 published at 100, missing from the home page
        page(ARTICLE, 106.5, 106.6, version=2),  # unpublished at 106, still served
    ) == [(HUB, 103.5, 1), ("/", 100.2, None), (ARTICLE, 106.5, 2)]


def test_a_change_committed_while_the_response_ran_may_show_either_way():
    assert stale(page(HUB, 102.9, 103.2, version=1), page(HUB, 102.9, 103.2, version=2)) == []


def test_a_change_under_way_when_the_response_ended_may_be_shown_but_an_older_state_may_not():
    # Publishing v2 began at 102.5 (the page committed then), the editor's action returned at 103.
    changes = [Change(90.0, None), Change(100.0, 1), Change(103.0, 2, began=102.5)]
    newer = page(HUB, 102.6, 102.8, version=2)
    older = page(HUB, 103.1, 103.2, version=1)
    assert [(r.started, seen) for r, seen in stale_responses([newer, older], changes, ARTICLE)] == [
        (103.1, 1)
    ]


def test_a_response_that_started_just_before_a_change_may_show_the_old_state():
    assert stale(page(ARTICLE, 105.99, 106.0, version=2)) == []


def test_failures_say_nothing_about_freshness_but_count_as_errors():
    responses = [
        page(ARTICLE, 104.0, 104.1, status=500),
        page(HUB, 104.0, 134.0, status=0),  # timed out
        Response("/briefings/", 104.0, 104.1, 404),  # a reader page that should exist
        Response("/topics/", 104.0, 104.05, 200),
    ]
    result = summary(responses, CHANGES, ARTICLE, seconds=10.0)
    assert result["stale"] == 0 and result["errors"] == 3
    assert result["requests"] == 4 and result["requests_per_second"] == 0.4


def test_responses_before_the_editor_started_or_not_watched_are_not_judged():
    unwatched = Response(HUB, 104.0, 104.1, 200, watched_title(1), watched=False)
    assert stale(page(HUB, 80.0, 80.1, version=7), unwatched) == []


@pytest.mark.django_db
def test_the_editor_keeps_the_watched_article_on_its_hub_through_unpublishing_and_publishing(client, index):
    """Its topics live in its draft: each edit starts from it, so the article is on its partner's
    hub every time it is published (else every hub response would be judged stale)."""
    from briefings.articles.models import ArticlePage
    from briefings.operations.loadtest_site import edit, watched_article

    make_article(index, "A Pakistan piece", countries=["china", "pakistan"], sectors=["energy"])
    article, hub = watched_article()
    assert hub == HUB
    for version in (1, 2):
        edit(article, version)
        response = client.get(HUB)
        assert watched_title(version) in response.content.decode()
        ArticlePage.objects.get(pk=article.pk).unpublish()
        assert watched_title(version) not in client.get(HUB).content.decode()


def test_a_reader_keeps_its_connection_and_opens_another_when_the_server_closed_it():
    """The load test's readers reuse a connection the server keeps open (gunicorn's threaded
    workers), and open a new one when the server has closed it meanwhile or closes after each
    response (its sync workers)."""
    import asyncio
    import concurrent.futures

    from briefings.operations.loadtest import Connection

    async def scenario():
        opened = []

        async def serve(reader, writer):
            opened.append(writer)
            for n in range(2):  # two responses per connection, the second without a length
                try:
                    await reader.readuntil(b"\r\n\r\n")
                except asyncio.IncompleteReadError:
                    break
                body = f"page {len(opened)}.{n}".encode()
                if n == 0:
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nX-Cache: HIT\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
                    )
                else:
                    writer.write(b"HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n" + body)
                await writer.drain()
            writer.close()

        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        connection = Connection("127.0.0.1", port)
        answers = [await connection.get("/", timeout=5) for _ in range(3)]
        connection.close()
        server.close()
        await server.wait_closed()
        return answers, len(opened)

    # In a thread of its own: a browser test before this one may leave this thread's loop running.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        answers, connections = pool.submit(asyncio.run, scenario()).result(timeout=30)
    assert answers == [(200, "page 1.0", "HIT"), (404, "page 1.1", ""), (200, "page 2.0", "HIT")]
    assert connections == 2
