"""The load test's publisher: approved changes to live articles, through the editorial workflow.

Run by handcare.benchmark.loadtest as ``python -m handcare.benchmark.publisher`` under the
production settings, on the load test's database, Redis and Varnish. Each change is what an
editor and a reviewer do in the admin: the editor saves a revision with a new summary (holding
a unique marker) and submits it; the reviewer approves it with the checklist through the
review task (`ReviewTask.on_action`, which the admin's workflow action calls with the same
form), which publishes it and purges the page cache and Varnish before it returns.

Protocol on stdout, one JSON object a line: {"ready": ...} once Django is up; then, after the
parent writes "go <monotonic time>" on stdin, one {"seq", "page_id", "path", "started",
"returned"} per publish, at the offsets given (seconds after that time), and {"done": true}.
"""

import argparse
import json
import os
import re
import sys
import time


def publish_change(page_id, text_marker, editor, reviewer):
    """Submit a new summary as `editor`, approve it as `reviewer`; returns the page."""
    from wagtail.models import Page

    from handcare.editorial.checklist import CHECK_KEYS

    page = Page.objects.get(pk=page_id).specific
    draft = page.get_latest_revision_as_object()
    base = re.sub(r"\s*\(load test lt-[^)]*\)$", "", draft.summary)
    draft.summary = f"{base} (load test {text_marker})"
    draft.save_revision(user=editor)
    page = Page.objects.get(pk=page_id).specific
    page.get_workflow().start(page, editor)
    task_state = Page.objects.get(pk=page_id).current_workflow_task_state
    task = task_state.task.specific
    form = task.get_form_for_action("approve")(
        {
            **dict.fromkeys(CHECK_KEYS, "on"),
            "comment": "Load test: summary checked.",
            "revision": Page.objects.get(pk=page_id).latest_revision_id,
        }
    )
    if not form.is_valid():
        raise RuntimeError(f"the approval form refused: {form.errors.as_text()}")
    task.on_action(task_state, reviewer, "approve", **form.cleaned_data)
    page = Page.objects.get(pk=page_id).specific
    if text_marker not in page.summary or page.has_unpublished_changes:
        raise RuntimeError(f"page {page_id} was not published with {text_marker}")
    return page


def accounts(editor_name, reviewer_name):
    """The load test's editor and reviewer, in the real role groups, with no password.

    The production settings create no demo logins, so the run brings its own.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from handcare.editorial.roles import EDITORS, REVIEWERS

    users = []
    for username, group, first, last in [
        (editor_name, EDITORS, "Load", "Editor"),
        (reviewer_name, REVIEWERS, "Load", "Reviewer"),
    ]:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@handcare.invalid",
            },
        )
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get(name=group))
        users.append(user)
    return users


def emit(**data):
    print(json.dumps(data), flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", required=True, help="Run id put in every marker.")
    parser.add_argument("--pages", required=True, help="Page ids, comma-separated, in turn.")
    parser.add_argument("--offsets", required=True, help="Seconds after 'go', comma-separated.")
    parser.add_argument("--editor", default="loadtest-editor")
    parser.add_argument("--reviewer", default="loadtest-reviewer")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handcare.settings.production")
    import django

    django.setup()
    from .loadstats import marker

    editor, reviewer = accounts(args.editor, args.reviewer)
    pages = [int(pk) for pk in args.pages.split(",")]
    offsets = [float(seconds) for seconds in args.offsets.split(",")]
    emit(ready=True)
    line = sys.stdin.readline().split()
    if len(line) != 2 or line[0] != "go":
        return
    start = float(line[1])
    for seq, offset in enumerate(offsets, start=1):
        time.sleep(max(0.0, start + offset - time.monotonic()))
        page_id = pages[(seq - 1) % len(pages)]
        started = time.monotonic()
        page = publish_change(page_id, marker(args.run, page_id, seq), editor, reviewer)
        returned = time.monotonic()
        emit(seq=seq, page_id=page_id, path=page.url, started=started, returned=returned)
    emit(done=True)


if __name__ == "__main__":
    main()
