"""Two editors on the same page: Wagtail's editing sessions tell the second, and nothing is lost.

Each editor opens the edit view (which creates their editing session), then posts to the ping
URL the view rendered, with the revision their form was loaded from, as Wagtail's w-session
controller does. After one of them saves, the other's ping names the newer revision; their
stale autosave is refused; their deliberate save still makes a revision of its own, and the
first editor's revision stays in the history with its content.
"""

import re

import pytest

from django.test import Client, override_settings
from django.urls import reverse

from wagtail.admin.models import EditingSession
from wagtail.models import Page, Revision

from handcare.people.models import Person
from handcare.references.models import Reference
from handcare.reflexology.models import ReflexologyPoint
from techniques.models import TechniquePage
from tests.factories import (
    GuidePageFactory,
    PersonFactory,
    ReferenceFactory,
    ReflexologyPageFactory,
    ReflexologyPointFactory,
)
from tests.html import parse
from tests.security.test_two_factor import code_for, enrolled, log_in_with_password

from .helpers import EDITORS, edit_url, make_technique, make_user, technique_data

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}
SAVED_OVER = "saved a newer version at"  # handcare/editorial/concurrent_edits.py


class EditorTab:
    """One editor's open edit view: their client, and what the view rendered for the session."""

    def __init__(self, user, url, client=None):
        self.user = user
        self.url = url
        if client is None:
            client = Client()
            client.force_login(user)
        self.client = client
        self.open()

    def open(self):
        soup = parse(self.client.get(self.url))
        sessions = soup.find("form", class_="w-editing-sessions")
        assert sessions is not None, "the edit view has no editing-sessions module"
        self.ping_url = sessions["data-w-swap-src-value"]
        self.release_url = sessions["data-w-action-url-value"]
        self.revision_id = sessions.find("input", attrs={"name": "revision_id"})["value"]
        self.revision_created_at = sessions.find("input", attrs={"name": "revision_created_at"})[
            "value"
        ]
        form = soup.find("form", attrs={"data-edit-form": True})
        self.loaded = {
            name: form.find("input", attrs={"name": name})["value"]
            for name in ("loaded_revision_id", "loaded_revision_created_at")
        }
        # The session controller and the autosave form are both wired up, so pings and
        # autosaves happen in the browser (not switched off by a setting).
        assert "w-session" in sessions["data-controller"]
        assert "w-autosave" in form["data-controller"]

    def ping(self, *, is_editing=False):
        data = {"revision_id": self.revision_id, "revision_created_at": self.revision_created_at}
        if is_editing:
            data["is_editing"] = "1"
        response = self.client.post(self.ping_url, data)
        assert response.status_code == 200, response.content
        return response.json()

    def post(self, data, **extra):
        return self.client.post(self.url, {**data, **self.loaded}, **extra)


def names(ping):
    return [session["user"] for session in ping["other_sessions"]]


def editor(username, full_name):
    """An Editor whose full name is what Wagtail shows in the sessions list."""
    user = make_user(username, EDITORS)
    user.first_name, user.last_name = full_name.split()
    user.save(update_fields=["first_name", "last_name"])
    return user


@pytest.fixture
def alice(db):
    return editor("alice", "Alice Archer")


@pytest.fixture
def bob(db):
    return editor("bob", "Bob Baker")


@pytest.fixture
def technique(section, reference, author):
    return make_technique(section, author, reference=reference, live=False, title="Kneading")


def test_second_editor_is_told_and_neither_edit_is_lost(technique, reference, alice, bob):
    """A saves while B has the page open: B's ping names A's revision; both revisions survive."""
    original = technique.latest_revision_id
    a = EditorTab(alice, edit_url(technique))
    b = EditorTab(bob, edit_url(technique))
    assert EditingSession.objects.filter(object_id=str(technique.pk)).count() == 2
    assert a.revision_id == b.revision_id == str(original)

    # Each sees the other, viewing; nobody has saved anything newer.
    seen_by_a = a.ping()
    assert names(seen_by_a) == ["Bob Baker"]
    assert seen_by_a["other_sessions"][0]["revision_id"] is None
    b_pinged = b.ping(is_editing=True)
    assert names(b_pinged) == ["Alice Archer"]
    assert b_pinged["other_sessions"][0]["revision_id"] is None
    assert a.ping()["other_sessions"][0]["is_editing"] is True  # B has unsaved changes

    # A saves a draft with a new title; nobody else saved since A opened it, so no warning.
    saved = a.post(technique_data(technique, title="Kneading, slowly", references=[reference]))
    assert saved.status_code == 302
    assert SAVED_OVER not in a.client.get(saved["Location"]).content.decode()
    technique.refresh_from_db()
    a_revision = technique.latest_revision
    assert a_revision.pk != original
    assert a_revision.user == alice

    # B's next ping reports A's newer revision, first in the list, with Wagtail's notice.
    told = b.ping(is_editing=True)
    newest = told["other_sessions"][0]
    assert newest["user"] == "Alice Archer"
    assert newest["revision_id"] == a_revision.pk
    assert "Alice Archer saved a new version" in told["html"]
    # ... and fills the save confirmation dialog with the warning.
    assert "Proceeding will overwrite the changes made by Alice Archer" in told["html"]
    # A, whose form is now the latest, is not warned about their own save.
    a.open()
    assert [s["revision_id"] for s in a.ping()["other_sessions"]] == [None]

    # B's autosave of the stale form is refused: it would overwrite a newer version.
    b_data = technique_data(technique, title="Kneading", summary="Bob's summary.")
    refused = b.post(b_data, **AUTOSAVE)
    assert refused.status_code == 400
    assert refused.json()["error_code"] == "invalid_revision"
    technique.refresh_from_db()
    assert technique.latest_revision_id == a_revision.pk

    # B saves anyway (in the browser, after confirming Wagtail's dialog): a revision of B's own.
    overwritten = b.post(b_data)
    assert overwritten.status_code == 302
    technique.refresh_from_db()
    b_revision = technique.latest_revision
    assert b_revision.pk not in (original, a_revision.pk)
    assert b_revision.user == bob
    assert technique.get_latest_revision_as_object().summary == "Bob's summary."
    # The server says so too, for a save no dialog preceded (no ping since A saved, no script).
    told_after = b.client.get(overwritten["Location"]).content.decode()
    assert f"Alice Archer {SAVED_OVER}" in told_after
    assert reverse("wagtailadmin_pages:history", args=[technique.pk]) in told_after

    # Nothing silently lost: A's revision and its content are still in the history.
    history = Revision.page_revisions.filter(object_id=str(technique.pk)).order_by("created_at")
    assert [r.pk for r in history] == [original, a_revision.pk, b_revision.pk]
    assert Revision.objects.get(pk=a_revision.pk).as_object().title == "Kneading, slowly"
    revisions_page = a.client.get(
        reverse("wagtailadmin_pages:history", args=[technique.pk])
    ).content.decode()
    assert "Alice Archer" in revisions_page


def test_autosave_never_overwrites_another_editors_revision(technique, reference, alice, bob):
    """B's autosave (its own revision to overwrite) cannot overwrite the revision A saved."""
    a = EditorTab(alice, edit_url(technique))
    b = EditorTab(bob, edit_url(technique))
    first = b.post(technique_data(technique, summary="Bob, first autosave."), **AUTOSAVE)
    assert first.status_code == 200, first.content
    b_revision = first.json()["revision_id"]

    # A's form was loaded before B's autosave, so A's autosave is refused too.
    refused = a.post(technique_data(technique, summary="Alice's autosave."), **AUTOSAVE)
    assert refused.json()["error_code"] == "invalid_revision"
    # A saves deliberately; then B's next autosave names B's own, now older, revision.
    assert a.post(technique_data(technique, title="Alice's title")).status_code == 302
    a_revision = TechniquePage.objects.get(pk=technique.pk).latest_revision_id
    second = b.post(
        {**technique_data(technique, summary="Bob, second."), "overwrite_revision_id": b_revision},
        **AUTOSAVE,
    )
    assert second.status_code == 400
    assert second.json()["error_code"] == "invalid_revision"
    assert Revision.objects.get(pk=a_revision).as_object().title == "Alice's title"
    assert Revision.objects.get(pk=b_revision).as_object().summary == "Bob, first autosave."


def test_saving_after_ones_own_autosave_is_not_a_conflict(technique, alice):
    """Only another user's newer revision is reported: one's own autosaves are not."""
    a = EditorTab(alice, edit_url(technique))
    autosaved = a.post(technique_data(technique, summary="Alice, autosaved."), **AUTOSAVE)
    assert autosaved.status_code == 200, autosaved.content
    saved = a.post(technique_data(technique, summary="Alice, saved."))
    assert saved.status_code == 302
    assert SAVED_OVER not in a.client.get(saved["Location"]).content.decode()
    technique.refresh_from_db()
    assert technique.get_latest_revision_as_object().summary == "Alice, saved."


def form_values(soup):
    """What the browser would post from the edit form as it was rendered."""
    form = soup.find("form", attrs={"data-edit-form": True})
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        else:
            data[name] = field.get("value", "")
    return data


def test_a_snippet_saved_over_a_newer_version_says_so(alice, bob):
    """The same warning on a reviewed snippet's edit view (Reference)."""
    source = ReferenceFactory(key="moyle-2014", title="Hand massage in care homes")
    source.save_revision(user=alice)
    url = snippet_edit_url(source)
    a = EditorTab(alice, url)
    b = EditorTab(bob, url)
    alices_form = form_values(parse(a.client.get(url)))
    bobs_form = form_values(parse(b.client.get(url)))
    assert a.client.post(url, {**alices_form, "title": "Alice's title"}).status_code == 302
    told = b.ping()["other_sessions"][0]
    assert told["user"] == "Alice Archer"
    saved = b.client.post(url, {**bobs_form, "publisher": "Bob's publisher"})
    assert saved.status_code == 302, saved.content
    page = b.client.get(saved["Location"]).content.decode()
    assert f"Alice Archer {SAVED_OVER}" in page
    titles = [r.as_object().title for r in Revision.objects.for_instance(source).order_by("pk")]
    assert "Alice's title" in titles


def snippet_edit_url(obj):
    meta = obj._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[obj.pk])


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda s: GuidePageFactory(parent=s, title="Sore hands"), id="guide"),
        pytest.param(
            lambda s: ReflexologyPageFactory(parent=s, title="Hand points"), id="reflexology"
        ),
        pytest.param(lambda s: ReferenceFactory(key="moyle-2014"), id="reference"),
        pytest.param(lambda s: ReflexologyPointFactory(), id="reflexology-point"),
        pytest.param(lambda s: PersonFactory(name="Paula Person"), id="person"),
    ],
)
def test_every_reviewed_editor_has_editing_sessions(make, section, alice, bob):
    """Article pages and the reviewed snippets all show who else is editing, and newer saves."""
    obj = make(section)
    obj.save_revision(user=alice)
    if isinstance(obj, Page):
        url = edit_url(obj)
    else:
        assert isinstance(obj, Reference | ReflexologyPoint | Person)
        url = snippet_edit_url(obj)
    a = EditorTab(alice, url)
    b = EditorTab(bob, url)
    assert names(a.ping()) == ["Bob Baker"]
    newer = type(obj).objects.get(pk=obj.pk).save_revision(user=alice)
    told = b.ping()["other_sessions"][0]
    assert (told["user"], told["revision_id"]) == ("Alice Archer", newer.pk)
    # Leaving the editor (the beacon Wagtail sends on pagehide) ends the session.
    assert b.client.post(b.release_url).status_code == 200
    a.open()
    assert names(a.ping()) == []


def test_ping_is_refused_to_someone_who_cannot_edit(technique, alice):
    """The ping reveals who is editing only to those who may edit the page themselves."""
    a = EditorTab(alice, edit_url(technique))
    outsider = Client()
    outsider.force_login(make_user("olga"))
    assert outsider.post(a.ping_url, {"revision_id": a.revision_id}).status_code in (302, 403, 404)
    assert re.search(r"/admin/editing-sessions/ping/", a.ping_url)


@override_settings(HANDCARE_2FA_REQUIRED=True)
def test_pings_pass_the_two_factor_gate_once_verified(technique, alice):
    """With two-factor required, a verified editor's pings work; a password-only session's do not."""
    device, _codes = enrolled(alice)
    a = Client()
    log_in_with_password(a, alice)
    ping_url = reverse(
        "wagtailadmin_editing_sessions:ping",
        args=["techniques", "techniquepage", technique.pk, 0],
    )
    half = a.post(ping_url, {"revision_id": technique.latest_revision_id})
    assert half.status_code == 302
    assert half["Location"].startswith(reverse("twofactor_verify"))
    a.post(reverse("twofactor_verify"), {"code": code_for(device), "next": "/admin/"})
    assert EditorTab(alice, edit_url(technique), client=a).ping()["other_sessions"] == []
