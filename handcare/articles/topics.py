"""Topics: what a section covers, which sets its articles' review interval and evidence rules."""

from django.db import models


class Topic(models.TextChoices):
    """What a section covers; it sets the review interval and how strict the evidence rules are."""

    TECHNIQUES = "techniques", "Massage techniques"
    REFLEXOLOGY = "reflexology", "Reflexology"
    SLEEP = "sleep", "Hand massage and sleep"


# Reflexology and sleep articles make health claims that must be backed by a cited source.
TOPICS_REQUIRING_SOURCES = frozenset({Topic.REFLEXOLOGY, Topic.SLEEP})
DEFAULT_TOPIC = Topic.TECHNIQUES
