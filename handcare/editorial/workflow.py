"""What happens when the editorial workflow finishes: the approved revision goes live."""


def publish_approved_revision(workflow_state, user=None):
    """Publish exactly the revision the reviewer signed off.

    Reviewers hold no publish permission, so they cannot publish around the review; their
    approval at the review task is the authority to publish, so the permission check is skipped.
    """
    task_state = workflow_state.current_task_state
    if task_state is not None:
        # The approval may have moved the task to the latest revision (see reviews.approve_review).
        task_state.refresh_from_db(fields=["revision"])
    revision = task_state.revision if task_state else None
    revision = revision or workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
