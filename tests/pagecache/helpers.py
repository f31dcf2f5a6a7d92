"""Helpers for the page cache tests."""


def publish(page, **fields):
    """Publish a new revision of `page` with `fields` changed, as Wagtail's publish action does."""
    page = type(page).objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision(clean=False).publish()
    return page


def get(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.content.decode()
