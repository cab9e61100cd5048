from django.apps import AppConfig
from django.db.models.signals import post_migrate

# What the editors group may do: add and correct articles and their place tags, look up
# places and article history. Deleting articles stays with administrators (editors
# unpublish instead).
EDITOR_PERMISSIONS = [
    ("archive", "article", ["add", "change", "view"]),
    ("archive", "historicalarticle", ["view"]),
    ("archive", "articleplace", ["add", "change", "delete", "view"]),
    ("archive", "place", ["view"]),
]


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Archive"

    def ready(self) -> None:
        post_migrate.connect(ensure_editors_group, sender=self)


def ensure_editors_group(**kwargs) -> None:
    """Create the `editors` group with exactly its permissions, after every migrate."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="editors")
    wanted = []
    for app_label, model, actions in EDITOR_PERMISSIONS:
        for action in actions:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            ).first()
            if permission:
                wanted.append(permission)
    group.permissions.set(wanted)
