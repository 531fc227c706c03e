"""The article editor's "Suggest topics" endpoint: topics for the text as it is in the editor."""

import json
import re

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .adapter import suggest_for, suggested_topics

_STREAM_VALUE = re.compile(r"^body-(\d+)-value(?:-text)?$")


def paragraphs_from_editor(data):
    """Text of the article editor's body field as submitted (Draftail content state JSON for rich
    text, plain text for headings and quotes), in block order, skipping deleted blocks."""
    blocks = []
    for key, value in data.items():
        match = _STREAM_VALUE.match(key)
        if not match or data.get(f"body-{match.group(1)}-deleted") or not value.strip():
            continue
        order = int(data.get(f"body-{match.group(1)}-order", match.group(1)) or 0)
        if key.endswith("-value"):
            try:
                state = json.loads(value)
            except ValueError:
                continue
            if not isinstance(state, dict):
                continue
            texts = [block.get("text", "") for block in state.get("blocks", []) if isinstance(block, dict)]
        else:
            texts = [value]
        blocks += [(order, text.strip()) for text in texts if text and text.strip()]
    return [text for _, text in sorted(blocks, key=lambda item: item[0])]


@require_POST
def suggest_view(request):
    """Suggested topics for the article being edited, with the evidence for each."""
    title = request.POST.get("title", "")
    paragraphs = paragraphs_from_editor(request.POST)
    suggestions = suggest_for(title, paragraphs)
    topics = suggested_topics(suggestions)
    names = {vocab: {t.code: t.name for t in items} for vocab, items in topics.items()}
    result = {}
    for vocab, items in suggestions.as_dict().items():
        result[vocab] = [
            {**item, "name": names[vocab][item["key"]]} for item in items if item["key"] in names[vocab]
        ]
    return JsonResponse(result)
