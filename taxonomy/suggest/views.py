"""The article editor's "Suggest topics" endpoint: topics for the text as it is in the editor.

Its work is bounded: the matcher reads at most ``MAX_TEXT`` characters of title and body (several
times the longest article the centre publishes; about a second of work at worst). Longer text is
refused with a 413 and a JSON ``error`` the editor shows, before any matching. Django itself
refuses a form over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MB; an article the admin could not save
either) with a 400.
"""

import json
import re

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .adapter import suggest_topics

_STREAM_VALUE = re.compile(r"^body-(\d+)-value(?:-text)?$")
MAX_TEXT = 200_000  # characters of title and body text
TOO_LONG = (
    "This article is too long for topic suggestions: at most {limit:,} characters of text "
    "are read. Choose its topics by hand."
)


def paragraphs_from_editor(data):
    """Text of the article editor's body field as submitted (Draftail content state JSON for rich
    text, plain text for headings and quotes), in block order, skipping deleted blocks. What is
    not in that shape is skipped, not an error."""
    blocks = []
    for key, value in data.items():
        match = _STREAM_VALUE.match(key)
        if not match or data.get(f"body-{match.group(1)}-deleted") or not value.strip():
            continue
        try:
            order = int(data.get(f"body-{match.group(1)}-order") or match.group(1))
        except ValueError:
            order = int(match.group(1))
        if key.endswith("-value"):
            try:
                state = json.loads(value)
            except (ValueError, RecursionError):
                continue
            state_blocks = state.get("blocks") if isinstance(state, dict) else None
            if not isinstance(state_blocks, list):
                continue
            texts = [block.get("text") for block in state_blocks if isinstance(block, dict)]
        else:
            texts = [value]
        blocks += [(order, text.strip()) for text in texts if isinstance(text, str) and text.strip()]
    return [text for _, text in sorted(blocks, key=lambda item: item[0])]


def too_long():
    return JsonResponse({"error": TOO_LONG.format(limit=MAX_TEXT)}, status=413)


@require_POST
def suggest_view(request):
    """Suggested topics for the article being edited, with the evidence for each."""
    try:
        title = request.POST.get("title", "")
        paragraphs = paragraphs_from_editor(request.POST)
    except RequestDataTooBig:
        return too_long()
    if len(title) + sum(len(text) for text in paragraphs) > MAX_TEXT:
        return too_long()
    result = {
        vocabulary: [{**suggestion.as_dict(), "name": topic.name} for topic, suggestion in found]
        for vocabulary, found in suggest_topics(title, paragraphs).items()
    }
    return JsonResponse(result)
