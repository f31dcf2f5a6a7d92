"""Builders for the editorial tests: users in the real role groups, admin URLs, page-form POST data.

Page forms are posted the way the Wagtail editor submits them (see wagtail.test.utils.form_data):
StreamFields as ``<name>-count`` / ``<name>-N-type`` / ``<name>-N-value-…``, rich text as Draftail
JSON, InlinePanels as formsets.
"""

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.text import slugify

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from handcare.articles.blocks import RICH_TEXT_FEATURES
from handcare.editorial.checklist import CHECK_KEYS
from handcare.people.models import Person
from tests.factories import TechniquePageFactory, UserFactory, step_block

EDITORS = "Editors"
REVIEWERS = "Reviewers"
SITE_ADMINISTRATORS = "Site administrators"


def make_user(username, group=None, *, name=None, role=None, **extra):
    """An active admin account in one of the real role groups; a reviewer gets a Person profile."""
    user = UserFactory(
        username=username,
        first_name=(name or username.title()).split()[0],
        last_name=" ".join((name or "").split()[1:]),
        **extra,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    if name is not None:
        Person.objects.create(name=name, role=role or "Reviewer", user=user)
    return user


def checklist(comment="", page=None, live=False, **overrides):
    """The approval form with every check ticked, as the browser posts it.

    Like the dialog, it names the revision shown: the page's latest (or, with ``live``, its
    live revision, as the "Reviewed, no changes needed" form does).
    """
    data = dict.fromkeys(CHECK_KEYS, "on")
    data["comment"] = comment
    if page is not None:
        page = Page.objects.get(pk=page.pk)
        data["revision"] = page.live_revision_id if live else page.latest_revision_id
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def snippet_approval(obj):
    """The approval checklist naming a snippet's latest revision, as the dialog does."""
    data = checklist()
    data["revision"] = type(obj).objects.get(pk=obj.pk).latest_revision_id
    return data


# Admin URLs.


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(model, parent):
    meta = model._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])


def workflow_action_url(page, action, task_state=None):
    page = Page.objects.get(pk=page.pk)
    task_state = task_state or page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def confirm_review_url(page):
    return reverse("editorial_confirm_review", args=[page.pk])


def login_redirect(url):
    return f"{reverse('wagtailadmin_login')}?next={url}"


# Page form data.


def rt(html):
    """Rich text as the Draftail editor posts it."""
    return rich_text(html, features=RICH_TEXT_FEATURES)


def step(name, instructions_html="<p>Glide slowly.</p>", purpose=""):
    return (
        "step",
        {
            "name": name,
            "instructions": rt(instructions_html),
            "purpose": purpose,
            "duration": "",
            "pressure": "",
            "technique": "",
        },
    )


def reference_rows(page, references):
    """The References formset: rows already on the latest draft first, then the new ones.

    A row already there but not in ``references`` is marked deleted, as the editor's bin button does.
    """
    rows = []
    kept = set()
    initial = 0
    if page is not None and page.pk:
        latest = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
        for link in latest.article_references.all():
            initial += 1
            keep = link.reference_id in {ref.pk for ref in references}
            kept.add(link.reference_id)
            rows.append(
                {
                    "reference": link.reference_id,
                    "id": link.pk or "",
                    "DELETE": "" if keep else "1",
                }
            )
    rows.extend({"reference": ref.pk, "id": ""} for ref in references if ref.pk not in kept)
    return inline_formset(rows, initial=initial)


def _title_and_slug(page, title, slug, default):
    title = title or (page.title if page is not None else default)
    slug = slug or (page.slug if page is not None else slugify(title))
    return title, slug


def _common(page, title, slug, summary, references, action):
    data = {
        "title": title,
        "slug": slug,
        "summary": summary,
        "hero_image": "",
        "hero_caption": "",
        "author": "",
        "article_references": reference_rows(page, references),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    if action:
        data[f"action-{action}"] = f"action-{action}"
    return data


def technique_data(
    page=None,
    *,
    title=None,
    slug=None,
    summary="Long gliding strokes that warm the hand.",
    steps=None,
    cautions="<p>Stop if it hurts or the skin is broken.</p>",
    preparation="<p>Warm your hands.</p>",
    faqs=(),
    references=(),
    action=None,
):
    """POST data of the TechniquePage form; ``action`` is "submit", "publish" or None (save draft)."""
    title, slug = _title_and_slug(page, title, slug, "Effleurage")
    steps = steps if steps is not None else [step("Glide", "<p>Glide slowly.</p>")]
    data = _common(page, title, slug, summary, list(references), action)
    data.update(
        {
            "preparation": rt(preparation),
            "steps": streamfield(steps),
            "cautions": rt(cautions),
            "not_suitable_for": rt(""),
            "variations": streamfield([]),
            "common_mistakes": streamfield([]),
            "faqs": streamfield(
                [("faq", {"question": q, "answer": rt(answer)}) for q, answer in faqs]
            ),
        }
    )
    return nested_form_data(data)


def guide_data(
    page=None,
    *,
    title=None,
    slug=None,
    summary="What a bedtime hand massage can and cannot do.",
    body=None,
    references=(),
    action=None,
):
    """POST data of the GuidePage form."""
    title, slug = _title_and_slug(page, title, slug, "Hand massage and sleep")
    body = body if body is not None else [("paragraph", rt("<p>A calm routine helps.</p>"))]
    data = _common(page, title, slug, summary, list(references), action)
    data["body"] = streamfield(body)
    return nested_form_data(data)


def paragraph(html):
    return ("paragraph", rt(html))


# Pages built through the ORM, as the admin would leave them.


def make_technique(section, author, *, reference=None, live=True, title="Effleurage", **fields):
    """A technique owned by ``author`` with one saved revision; published when ``live``.

    It cites ``reference`` in its first step and lists it, so it passes the evidence gates.
    """
    if reference is not None:
        fields.setdefault(
            "steps", [step_block("Glide", f"<p>Glide slowly [cite:{reference.key}]</p>")]
        )
        fields.setdefault("references", [reference])
    fields.setdefault("last_reviewed", None)
    fields.setdefault("next_review_due", None)
    page = TechniquePageFactory(
        parent=section, title=title, slug=slugify(title), owner=author, live=live, **fields
    )
    revision = page.save_revision(user=author)
    if live:
        revision.publish(user=author, skip_permission_checks=True)
    return type(page).objects.get(pk=page.pk)


def save_draft(page, user, **changes):
    """Save a new revision as ``user`` (what "Save draft" does), leaving live content alone."""
    draft = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft.save_revision(user=user)


def submit(page, user, **changes):
    """Save a revision as ``user`` and start the editorial workflow on it; returns the task state."""
    save_draft(page, user, **changes)
    page = Page.objects.get(pk=page.pk).specific
    page.get_workflow().start(page, user)
    return Page.objects.get(pk=page.pk).current_workflow_task_state


def reflexology_data(
    page=None,
    *,
    title=None,
    slug=None,
    summary="What reflexology says about the hand, and what is known.",
    body=(),
    method="<p>Press each point gently.</p>",
    evidence_summary="<p>Little research supports these links.</p>",
    points=(),
    references=(),
    action=None,
):
    """POST data of the ReflexologyPage form."""
    title, slug = _title_and_slug(page, title, slug, "Hand reflexology")
    data = _common(page, title, slug, summary, list(references), action)
    data.update(
        {
            "body": streamfield(list(body)),
            "method": rt(method),
            "evidence_summary": rt(evidence_summary),
            "point_links": inline_formset([{"point": point.pk, "id": ""} for point in points]),
        }
    )
    return nested_form_data(data)
