"""The article editor's form: topics must come from the controlled vocabularies."""

from django import forms

from taggit.utils import parse_tags
from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    """Refuses topics that are not in a vocabulary with a message naming them, instead of
    silently dropping them; accepts any letter case ("kazakhstan" → "Kazakhstan"). An article
    without a Date opens with one filled in (``ArticlePage.default_date``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and "date" in self.fields and not self.initial.get("date"):
            self.initial["date"] = self.instance.default_date()

    def _clean_topics(self, field):
        tag_model = self.fields[field].tag_model
        typed = parse_tags(self.data.get(self.add_prefix(field), "") or "")
        names, unknown = [], []
        for name in typed:
            topic = tag_model.objects.filter(name__iexact=name).first()
            if topic is None:
                unknown.append(name)
            elif topic.name not in names:
                names.append(topic.name)
        if unknown:
            raise forms.ValidationError(
                "Not in the list of %(vocabulary)s: %(names)s. Pick from the suggestions; editors "
                "can add to the list under Taxonomy.",
                params={"vocabulary": field, "names": ", ".join(unknown)},
                code="unknown_topic",
            )
        return names

    def clean_countries(self):
        return self._clean_topics("countries")

    def clean_initiatives(self):
        return self._clean_topics("initiatives")

    def clean_sectors(self):
        return self._clean_topics("sectors")
