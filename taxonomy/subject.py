"""The site's subject: the country the centre studies (``settings.SUBJECT_COUNTRY``, China by
default). Articles keep it as a topic (search, the API and feeds know it), but it carries no
information as a chip -- nearly every article has it -- so readers' topic lists leave it out."""

from django.conf import settings

from .models import Country


def subject_code():
    """The subject country's ISO alpha-2 code: "CN"."""
    return settings.SUBJECT_COUNTRY


def is_subject(topic):
    return isinstance(topic, Country) and topic.alpha2.upper() == subject_code()


def without_subject(topics):
    """``topics`` (any vocabulary) less the subject country, in their order."""
    return [topic for topic in topics if not is_subject(topic)]
