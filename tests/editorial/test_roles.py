"""The roles and the workflow that migration editorial/0002 creates on every database."""

from django.contrib.auth.models import Group, Permission
from django.test import TestCase

from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)

from handcare.editorial import roles
from handcare.editorial.models import ReviewTask


def page_permissions(group):
    """{(page depth, codename)} granted to the group."""
    return {
        (grant.page.depth, grant.permission.codename)
        for grant in GroupPagePermission.objects.filter(group=group).select_related(
            "page", "permission"
        )
    }


def collection_permissions(group):
    return set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )


def model_permissions(group):
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


SNIPPETS = ["people.person", "references.reference", "reflexology.reflexologypoint"]


class RoleGroupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editors = Group.objects.get(name="Editors")
        cls.reviewers = Group.objects.get(name="Reviewers")
        cls.admins = Group.objects.get(name="Site administrators")

    def test_the_three_roles_exist_and_may_use_the_admin(self):
        for group in (self.editors, self.reviewers, self.admins):
            with self.subTest(group=group.name):
                self.assertIn("wagtailadmin.access_admin", model_permissions(group))

    def test_wagtails_default_moderators_group_is_gone(self):
        # Moderators may publish directly, which would bypass review.
        self.assertFalse(Group.objects.filter(name="Moderators").exists())

    def test_page_permissions_are_granted_on_the_root_exactly_as_documented(self):
        for group, name in (
            (self.editors, roles.EDITORS),
            (self.reviewers, roles.REVIEWERS),
            (self.admins, roles.SITE_ADMINISTRATORS),
        ):
            with self.subTest(group=name):
                self.assertEqual(
                    page_permissions(group),
                    {(1, codename) for codename in roles.PAGE_PERMISSIONS[name]},
                )

    def test_editors_draft_and_submit_but_cannot_publish(self):
        self.assertEqual(
            {codename for _, codename in page_permissions(self.editors)},
            {"add_page", "change_page", "lock_page"},
        )

    def test_reviewers_publish_only_through_approval(self):
        codenames = {codename for _, codename in page_permissions(self.reviewers)}
        self.assertNotIn("publish_page", codenames)
        self.assertNotIn("bulk_delete_page", codenames)
        self.assertIn("change_page", codenames)

    def test_site_administrators_may_publish_and_delete(self):
        codenames = {codename for _, codename in page_permissions(self.admins)}
        self.assertTrue({"publish_page", "bulk_delete_page", "unlock_page"} <= codenames)

    def test_editors_add_and_change_images_and_snippets_but_not_delete_snippets(self):
        self.assertTrue(
            {"add_image", "change_image", "choose_image"} <= collection_permissions(self.editors)
        )
        perms = model_permissions(self.editors)
        for snippet in SNIPPETS:
            app, model = snippet.split(".")
            with self.subTest(snippet=snippet):
                self.assertIn(f"{app}.add_{model}", perms)
                self.assertIn(f"{app}.change_{model}", perms)
                self.assertNotIn(f"{app}.delete_{model}", perms)

    def test_reviewers_change_snippets_and_choose_images(self):
        perms = model_permissions(self.reviewers)
        for snippet in SNIPPETS:
            app, model = snippet.split(".")
            with self.subTest(snippet=snippet):
                self.assertIn(f"{app}.change_{model}", perms)
                self.assertNotIn(f"{app}.delete_{model}", perms)
        self.assertIn("choose_image", collection_permissions(self.reviewers))
        self.assertNotIn("add_image", collection_permissions(self.reviewers))

    def test_site_administrators_manage_snippets_images_and_publication_settings(self):
        perms = model_permissions(self.admins)
        for snippet in SNIPPETS:
            app, model = snippet.split(".")
            with self.subTest(snippet=snippet):
                self.assertIn(f"{app}.delete_{model}", perms)
        self.assertIn("articles.change_publicationsettings", perms)
        self.assertIn("delete_image", collection_permissions(self.admins))

    def test_documented_snippet_permissions_all_exist_and_are_granted(self):
        for name, group in (
            (roles.EDITORS, self.editors),
            (roles.REVIEWERS, self.reviewers),
            (roles.SITE_ADMINISTRATORS, self.admins),
        ):
            granted = model_permissions(group)
            for app, codename in roles.snippet_permissions(name):
                with self.subTest(group=name, permission=codename):
                    self.assertTrue(
                        Permission.objects.filter(
                            content_type__app_label=app, codename=codename
                        ).exists()
                    )
                    self.assertIn(f"{app}.{codename}", granted)


class EditorialWorkflowTests(TestCase):
    def test_one_active_workflow_covers_the_whole_site(self):
        workflow = Workflow.objects.get(name="Editorial review")
        self.assertTrue(workflow.active)
        root = Page.get_first_root_node()
        self.assertEqual(WorkflowPage.objects.get(page=root).workflow, workflow)
        # Every page inherits it, wherever it sits.
        self.assertEqual(Page.objects.get(depth=2).get_workflow(), workflow)
        # Wagtail's default moderation workflow no longer applies anywhere.
        self.assertFalse(Workflow.objects.exclude(pk=workflow.pk).filter(active=True).exists())

    def test_its_single_task_is_a_review_task_for_reviewers(self):
        workflow = Workflow.objects.get(name="Editorial review")
        tasks = [task.specific for task in workflow.tasks.all()]
        self.assertEqual(len(tasks), 1)
        task = tasks[0]
        self.assertIsInstance(task, ReviewTask)
        self.assertTrue(task.active)
        self.assertEqual(list(task.groups.values_list("name", flat=True)), ["Reviewers"])
