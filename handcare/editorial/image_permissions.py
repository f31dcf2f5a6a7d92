"""Who may delete images: only holders of the collection's "delete" permission (Site administrators)."""

from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy


class ImagePermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's image permissions, except that deleting needs the collection's "delete" permission.

    Wagtail treats "delete" as "change", so every Editor (who may change images) could delete an
    image reviewed pages show, taking a signed-off figure off them. Registered for the image
    model in EditorialConfig.ready; Site administrators hold "delete" on the root collection.
    """

    def user_has_permission(self, user, action):
        if action == "delete":
            return self._check_perm(user, ["delete"])
        return super().user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        others = [action for action in actions if action != "delete"]
        if len(others) < len(actions) and self._check_perm(
            user, ["delete"], collection=instance.collection
        ):
            return True
        return bool(others) and super().user_has_any_permission_for_instance(
            user, others, instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        others = [action for action in actions if action != "delete"]
        if len(others) == len(actions) or user.is_superuser:
            return super().instances_user_has_any_permission_for(user, actions)
        if user.is_active and user.is_authenticated:
            collections = list(self._collections_with_perm(user, ["delete"]))
        else:
            collections = []
        deletable = self.model._default_manager.filter(collection__in=collections)
        if not others:
            return deletable
        return super().instances_user_has_any_permission_for(user, others) | deletable


def register_image_permission_policy():
    """Use ImagePermissionPolicy for the image model (after wagtail.images registered its own)."""
    from wagtail.images import get_image_model
    from wagtail.permissions import register_permission_policy

    register_permission_policy(
        get_image_model(),
        ImagePermissionPolicy(
            get_image_model(),
            auth_model="wagtailimages.Image",
            owner_field_name="uploaded_by_user",
        ),
    )
