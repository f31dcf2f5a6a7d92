"""API fields of an article: what the page shows readers, never the editorial workings."""

from rest_framework.fields import Field

from handcare.discovery.absolute import absolute_url
from handcare.discovery.images import image_alt, share_rendition
from handcare.references.citations import remove_citations


class WholeInstanceField(Field):
    """A read-only field computed from the whole page instance."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def request(self):
        return self.context.get("request")


class SummaryField(WholeInstanceField):
    """The summary as listings show it: citation markers removed."""

    def to_representation(self, page):
        return remove_citations(page.summary)


class ReviewField(WholeInstanceField):
    """The sign-off as readers see it: name and role stored on the review record."""

    def to_representation(self, page):
        record = page.last_review
        return {
            "reviewed": record is not None,
            "reviewer_name": record.reviewer_name if record else None,
            "reviewer_role": record.reviewer_role if record else None,
            "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
            "next_review_due": page.next_review_due.isoformat() if page.next_review_due else None,
            "overdue": bool(page.review_overdue),
        }


class AuthorField(WholeInstanceField):
    """The author's public name and role, only while the profile is live (reviewed)."""

    def to_representation(self, page):
        author = page.author
        if author is None or not author.live:
            return None
        return {"name": author.name, "role": author.role}


REFERENCE_FIELDS = (
    "key",
    "kind",
    "authors",
    "title",
    "publisher",
    "year",
    "url",
    "doi",
    "accessed",
)


class ReferencesField(WholeInstanceField):
    """The listed references readers see: live (reviewed) ones only, in editor order."""

    def to_representation(self, page):
        return [
            {
                name: (value.isoformat() if hasattr(value, "isoformat") else value)
                for name in REFERENCE_FIELDS
                if hasattr(reference, name)
                for value in [getattr(reference, name)]
            }
            for reference in page.public_references()
        ]


class HeroImageField(WholeInstanceField):
    """The top image as the rendition pages share (absolute URL, size, alt text)."""

    def to_representation(self, page):
        image = page.hero_image
        if image is None:
            return None
        rendition = share_rendition(image)
        return {
            "url": absolute_url(self.request(), rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": image_alt(image),
            "caption": page.hero_caption,
        }


class AudiencesField(WholeInstanceField):
    """The audiences the article is written for: live (reviewed) ones only, in their live wording."""

    def to_representation(self, page):
        return [{"name": a.name, "slug": a.slug} for a in page.public_audiences()]
