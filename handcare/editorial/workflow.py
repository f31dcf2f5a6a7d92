"""What happens when the editorial workflow finishes: the approved revision goes live."""


def publish_approved_revision(workflow_state, user=None):
    """Publish exactly the revision the reviewer signed off.

    Reviewers hold no publish permission, so they cannot publish around the review; their
    approval at the review task is the authority to publish, so the permission check is skipped.
    The approval (handcare.editorial.signoff.approve) pins the task to the revision shown.
    """
    task_state = workflow_state.current_task_state
    if task_state is None:
        return
    task_state.refresh_from_db(fields=["revision"])
    task_state.revision.publish(user=user, skip_permission_checks=True)
