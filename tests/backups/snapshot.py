"""What a restore must bring back, read the same way from the backed-up and the restored site.

The test reads it in process from the test database, and in a `manage.py shell` on the restored
one (``write(path)``), so both sides go through the same code.
"""

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from handcare.editorial.models import ReviewRecord
from handcare.feedback.models import PageFeedback
from handcare.people.models import Person
from handcare.references.models import Reference

# Wagtail's renditions: left out of archives and made again from the originals.
RENDITIONS = "images"


def media_checksums():
    """SHA-256 of every file under MEDIA_ROOT except renditions, by path."""
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.relative_to(root).parts[0] != RENDITIONS
    }


def snapshot():
    """The site's content as plain JSON data: tree, revisions, records, snippets, feedback, media."""
    data = {
        "pages": Page.objects.order_by("path").values(
            "path",
            "depth",
            "title",
            "slug",
            "url_path",
            "live",
            "latest_revision_id",
            "live_revision_id",
            "content_type__model",
        ),
        "revisions": Revision.objects.order_by("pk").values(
            "pk", "content_type__model", "object_id", "content", "created_at", "user__username"
        ),
        "review_records": ReviewRecord.objects.order_by("pk").values(),
        "people": Person.objects.order_by("pk").values(),
        "references": Reference.objects.order_by("pk").values(),
        "feedback": PageFeedback.objects.order_by("pk").values(),
        "images": get_image_model()
        .objects.order_by("pk")
        .values("pk", "title", "file", "file_hash"),
        "documents": get_document_model()
        .objects.order_by("pk")
        .values("pk", "title", "file", "file_hash"),
        "users": get_user_model()
        .objects.order_by("pk")
        .values("username", "password", "email", "groups__name"),
    }
    data = {name: list(rows) for name, rows in data.items()}
    data["media"] = media_checksums()
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True))


def write(path):
    """Write snapshot() to a file, then the rendition rows left and whether one can be made."""
    restored = snapshot()
    images = get_image_model().objects.order_by("pk")
    renditions = images.model.get_rendition_model().objects.count()
    rendition = images.first().get_rendition("fill-20x20")
    extra = {
        "rendition_rows_after_restore": renditions,
        "rendition_made": rendition.file.storage.exists(rendition.file.name),
    }
    Path(path).write_text(json.dumps({"snapshot": restored, **extra}))
