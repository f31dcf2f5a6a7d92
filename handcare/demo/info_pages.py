"""Demo About and Corrections pages (handcare.info), linked from the site footer."""

from django.utils.html import escape

from handcare.info.models import InfoPage

from .content import info


def contact_link(home):
    """Rich text pointing readers at the contact page, or plain words when there is none."""
    contact = home.get_children().live().filter(slug="contact").first()
    if contact is None:
        return "our editors through the contact details at the foot of every page"
    return f'our editors through the <a linktype="page" id="{contact.pk}">{escape(contact.title)}</a> page'


def load_info_pages(loader):
    """Create or update each info page; a changed page gets a new published revision."""
    link = contact_link(loader.home)
    for data in info.PAGES:
        values = {
            "title": data["title"],
            "intro": data["intro"],
            "body": data["body"].replace("{contact}", link),
        }
        existing = loader.home.get_children().filter(slug=data["slug"]).first()
        if existing is None:
            page = InfoPage(slug=data["slug"], **values)
            loader.home.add_child(instance=page)
            outcome = "created"
        else:
            page = existing.specific
            if not isinstance(page, InfoPage):
                loader.report.notes.append(
                    f"/{data['slug']}/ is not an information page; the demo left it alone."
                )
                continue
            changed = [name for name, value in values.items() if getattr(page, name) != value]
            if not changed and page.live and not page.has_unpublished_changes:
                loader.report.count("Information pages", "unchanged")
                continue
            for name in changed:
                setattr(page, name, values[name])
            outcome = "updated"
        # The loader stands in for the review workflow here too, as for the sections.
        loader._publish(page)
        loader.report.count("Information pages", outcome)
        loader.log(f"{outcome.capitalize()} information page: {page.url_path}")
