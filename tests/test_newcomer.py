"""Rough edges a newcomer meets: making an editor, one review workflow and group, `make run`'s port
and banner, admin avatars that need no outside server, cards of unsigned pieces and search
snippets that start with a word."""

import io
import re
import socket
import subprocess
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import Page, Workflow, WorkflowPage, WorkflowState

import pytest

from briefings.editorial.roles import EDITORS, WORKFLOW
from briefings.editorial.setup import ensure_site
from tests.factories import AuthorFactory, make_article, make_user

ROOT = Path(__file__).resolve().parent.parent
ANNOUNCE = ROOT / "scripts" / "run_and_announce.py"


# --- Roles ---------------------------------------------------------------------------------------


def run_create_editor(*args):
    out = io.StringIO()
    call_command("create_editor", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_create_editor_makes_an_editor_who_can_sign_in_and_review(client, index):
    output = run_create_editor("Erin.Editor@Example.org", "Erin Editor")
    user = get_user_model().objects.get(username="erin.editor@example.org")
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS]
    assert not hasattr(user, "author_profile") or user.author_profile is None
    password = re.search(r"Password:\s+(\S+)", output).group(1)
    signed_in = client.post("/admin/login/", {"username": "erin.editor@example.org", "password": password})
    assert signed_in.status_code == 302
    assert "Submissions awaiting editorial review" in client.get("/admin/").content.decode()
    assert client.get("/admin/snippets/taxonomy/country/add/").status_code == 200

    with pytest.raises(CommandError, match="already exists"):
        run_create_editor("erin.editor@example.org", "Erin Again")
    writes = run_create_editor("sana@example.org", "Sana Mirza", "--author", "--reset-link")
    assert "Password:" not in writes and "author “Sana Mirza”" in writes


def moderation_state():
    return (
        sorted(Group.objects.values_list("name", flat=True)),
        sorted(Workflow.objects.values_list("name", "active")),
        dict(WorkflowPage.objects.values_list("page_id", "workflow__name")),
    )


@pytest.mark.django_db
def test_set_up_leaves_one_review_workflow_and_no_moderators(index):
    groups, workflows, assigned = moderation_state()
    assert groups == ["Editors", "Research Fellows"]
    assert workflows == [(WORKFLOW, True)]
    root = Page.get_first_root_node()
    assert assigned == {root.pk: WORKFLOW, index.pk: WORKFLOW}


@pytest.mark.django_db
def test_an_existing_database_keeps_moderators_someone_uses(index):
    """Set-up on a database where Wagtail's moderation was used: its history stays (the workflow is
    disabled, not deleted), and a Moderators group with members is kept."""
    moderators = Group.objects.create(name="Moderators")
    make_user(None, "mod").groups.add(moderators)
    moderation = Workflow.objects.create(name="Moderators approval")
    WorkflowPage.objects.filter(page=Page.get_first_root_node()).update(workflow=moderation)
    page = make_article(index, "Old Submission")
    WorkflowState.objects.create(
        base_content_type_id=page.content_type_id,
        content_type_id=page.content_type_id,
        object_id=str(page.pk),
        workflow=moderation,
        status=WorkflowState.STATUS_CANCELLED,
    )

    ensure_site()

    groups, workflows, assigned = moderation_state()
    assert "Moderators" in groups
    assert workflows == [(WORKFLOW, True), ("Moderators approval", False)]
    assert set(assigned.values()) == {WORKFLOW}


# --- make run ------------------------------------------------------------------------------------


def test_port_is_documented_in_make_help_and_the_readme():
    help_text = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "PORT=8000" in help_text.stdout and "make run PORT=8001" in help_text.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run PORT=8001" in readme


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def announce(port, *command):
    return subprocess.run(
        [sys.executable, str(ANNOUNCE), f"http://127.0.0.1:{port}", "--", sys.executable, "-c", *command],
        capture_output=True,
        text=True,
        timeout=60,
    )


# A stand-in for runserver: answers N requests (0: until stopped) on the port it is given.
SERVER = """
import http.server, itertools, sys
class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.end_headers(); self.wfile.write(b'ok')
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Health)
print("serving", flush=True)
for _ in range(int(sys.argv[2])) if int(sys.argv[2]) else itertools.count():
    server.handle_request()
"""


def test_the_banner_comes_once_the_server_answers():
    port = free_port()
    result = announce(port, SERVER, str(port), "1")
    # The server's own output first, then the banner: it was printed after /healthz answered.
    assert result.stdout.index("serving") < result.stdout.index(
        f"Briefings is running at http://127.0.0.1:{port}/"
    )
    assert result.returncode == 0


def test_a_server_that_cannot_start_gets_an_error_not_a_banner():
    result = announce(free_port(), "import sys; print('Error: That port is already in use.'); sys.exit(1)")
    assert result.returncode == 1
    assert "is running at" not in result.stdout
    assert "did not start" in result.stderr and "make run PORT=8001" in result.stderr


def test_nothing_starts_where_something_already_answers():
    port = free_port()
    holder = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(port), "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "serving"
        result = announce(port, "print('second server started')")
        assert result.returncode == 1
        assert "second server started" not in result.stdout and "is running at" not in result.stdout
        assert "already answers" in result.stderr
    finally:
        holder.kill()
        holder.wait()


# --- The admin, the cards, the search ------------------------------------------------------------


@pytest.mark.django_db
def test_admin_pages_show_a_local_avatar_and_never_ask_gravatar(client, index):
    editor = make_user(EDITORS, "editor", first_name="Erin")
    article = make_article(index, "Pipelines")
    client.force_login(editor)
    for url in (
        "/admin/",
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_explore", args=[index.pk]),
        "/admin/account/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "gravatar" not in html.lower(), url
    assert "wagtailadmin/images/default-user-avatar" in client.get("/admin/").content.decode()
    policy = client.get("/admin/")["Content-Security-Policy"]
    assert "gravatar" not in policy


@pytest.mark.django_db
def test_cards_of_unsigned_pieces_start_with_the_date(client, index):
    make_article(index, "Editorial Note On Transit")
    signed = make_article(index, "Signed Piece", authors=[AuthorFactory(name="Hafsa Akram")])
    html = client.get("/briefings/").content.decode()
    metas = dict(
        re.findall(
            r'<h3 class="card__title"><a href="([^"]+)">.*?</h3>\s*<p class="card__meta">(.*?)</p>',
            html,
            re.S,
        )
    )
    text = {url: " ".join(re.sub(r"<[^>]+>", " ", meta).split()) for url, meta in metas.items()}
    assert text["/briefings/editorial-note-on-transit/"] == "15 January 2024"
    assert text[signed.url] == "Dr. Hafsa Akram · 15 January 2024"


@pytest.mark.django_db
def test_search_snippets_do_not_start_with_a_datelines_dash(client, index):
    make_article(
        index,
        "Astana Talks",
        countries=["kazakhstan"],
        body=["— ASTANA: Kazakhstan and China agreed on a new pipeline."],
    )
    # The passage around "pipeline" would begin right at the dash after the dateline.
    filler = "the corridor brings gas and oil to the coast over the next years "
    assert len(filler) == 65
    make_article(index, "Gwadar Port", body=[f"Officials met at GWADAR — {filler}a pipeline at last."])
    for params in ({"q": "pipeline"}, {"country": "kazakhstan"}):
        html = client.get("/search/", params).content.decode()
        snippets = re.findall(r'<p class="search-result__snippet">(.*?)</p>', html, re.S)
        assert snippets, params
        for snippet in snippets:
            assert re.match(r"(…)?\w", snippet.strip()), snippet
