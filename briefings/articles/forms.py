"""The article editor's form: topics come from the controlled vocabularies, typed as names.

Wagtail's tag widget is built for free tagging: it wraps a name with a space in double quotes
(``"Belt and Road Initiative"``, so taggit's parser keeps it one tag), shows those quotes, and,
told that only known tags are allowed (``autocompleteOnly``), drops a name entered before the
autocomplete answered without a word; Wagtail's ``TagField`` then silently drops unknown names
again. ``TopicField`` and ``TopicWidget`` keep the widget but separate names by commas only, show
them as they are, keep whatever was typed and check it here: a name that is not in the vocabulary
is refused with a message on the field, and the form comes back with what was typed.
"""

import json
import re

from django import forms

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.tags import TagField
from wagtail.admin.widgets import AdminTagWidget

from taxonomy.models import Country, Initiative, Sector

# A name in the submitted value: quoted (when it has a comma) or up to the next comma.
_NAME = re.compile(r'"([^"]*)"|([^,]+)')


def split_names(value):
    """``'Kazakhstan, Belt and Road Initiative'`` -> both names; ``"…"`` quotes are optional."""
    names = []
    for quoted, plain in _NAME.findall(value or ""):
        name = " ".join((quoted or plain).split())
        if name and name not in names:
            names.append(name)
    return names


def join_names(names):
    """The widget's value for ``names``: separated by commas, a name quoted only if it has one."""
    return ", ".join(f'"{name}"' if "," in name else name for name in names)


class TopicWidget(AdminTagWidget):
    """Wagtail's tag widget (``w-tag``), showing names without quotes, keeping names typed before
    the autocomplete shows up (``preprocessTag: null``, ``autocompleteOnly: false``), with help
    text of its own instead of taggit's note about double quotes."""

    help_text = "Type a name and choose it from the list; press Enter or type a comma after each."

    def format_value(self, value):
        if value is None or isinstance(value, str):
            return value  # what was submitted, shown again as typed
        return join_names(sorted(getattr(tag, "name", tag) for tag in value))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        options = json.loads(widget_attrs["data-w-tag-options-value"])
        options.update(allowSpaces=True, autocompleteOnly=False, preprocessTag=None)
        widget_attrs["data-w-tag-options-value"] = json.dumps(options)
        context["widget"]["help_text"] = self.help_text
        return context


class TopicField(TagField):
    """Topics of one vocabulary, typed by name in any letter case ("kazakhstan" → Kazakhstan)."""

    widget = TopicWidget

    def __init__(self, tag_model, label, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(tag_model=tag_model, free_tagging=False, label=label, **kwargs)

    def clean(self, value):
        found, unknown = [], []
        for name in split_names(value):
            topic = self.tag_model.objects.filter(name__iexact=name).first()
            if topic is None:
                unknown.append(name)
            elif topic.name not in found:
                found.append(topic.name)
        if unknown:
            raise forms.ValidationError(
                "Not in the list of %(vocabulary)s: %(names)s. Choose from the list as you type; "
                "editors can add to it under Taxonomy.",
                params={"vocabulary": self.label.lower(), "names": ", ".join(unknown)},
                code="unknown_topic",
            )
        return found

    def has_changed(self, initial, data):
        initial_names = sorted(getattr(tag, "name", tag) for tag in initial or ())
        return initial_names != sorted(split_names(data))


class ArticlePageForm(WagtailAdminPageForm):
    """The Topics tab's three fields; an article without a Date opens with one filled in
    (``ArticlePage.default_date``); apps with rules about what a user may submit (the editorial
    app's bylines) register a ``check_article_form`` hook, called with the form once it is cleaned,
    that adds errors to it."""

    countries = TopicField(
        Country, "Countries", help_text="The countries the article is about (not the author's)."
    )
    initiatives = TopicField(
        Initiative,
        "Initiatives",
        help_text="China's global initiatives the article discusses: Belt and Road, GDI, GSI, GCI.",
    )
    sectors = TopicField(Sector, "Sectors", help_text="Only the sectors the article discusses substantively.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and "date" in self.fields and not self.initial.get("date"):
            self.initial["date"] = self.instance.default_date()

    def clean(self):
        cleaned_data = super().clean()
        for check in hooks.get_hooks("check_article_form"):
            check(self)
        return cleaned_data
