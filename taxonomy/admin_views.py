"""Admin action: merge one topic into another, with a confirmation step."""

import json
import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from wagtail.snippets.permissions import get_permission_name

from .merge import merge_topics
from .suggestions import suggest_for, suggested_topics
from .vocabularies import TAG_VOCABULARIES


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(queryset=None, label="Merge into")
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = type(source).objects.exclude(pk=source.pk).order_by("name")


def merge_view(request, vocabulary, pk):
    vocab = next((v for v in TAG_VOCABULARIES if v.key == vocabulary), None)
    if vocab is None:
        raise Http404
    for action in ("change", "delete"):
        if not request.user.has_perm(get_permission_name(action, vocab.model)):
            raise PermissionDenied
    source = get_object_or_404(vocab.model, pk=pk)
    affected = vocab.through.objects.filter(tag=source).count()
    form = MergeForm(request.POST or None, source=source)
    target = None
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        if form.cleaned_data["confirm"]:
            count = merge_topics(source, target, user=request.user)
            messages.success(
                request, f"Merged “{source.name}” into “{target.name}”: {count} article(s) retagged."
            )
            return redirect(f"wagtailsnippets_taxonomy_{vocab.model._meta.model_name}:list")
    return TemplateResponse(
        request,
        "taxonomy/admin/merge.html",
        {"vocabulary": vocab, "source": source, "form": form, "target": target, "affected": affected},
    )


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
