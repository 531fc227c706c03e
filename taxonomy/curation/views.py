"""Admin action: merge one topic into another, with a confirmation step."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from wagtail.snippets.permissions import get_permission_name

from briefings.articles.models import ArticlePage
from taxonomy.vocabularies import TAG_VOCABULARIES

from .merge import merge_topics


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
    affected = ArticlePage.objects.tagged_with(vocab.key, source).count()
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
