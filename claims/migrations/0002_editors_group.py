from django.db import migrations

EDITOR_PERMISSIONS = [
    ("claims", "claim", "review_claim", "Can review claims (set status, notes, evidence)"),
    ("claims", "claim", "view_claim", "Can view claim"),
    ("claims", "speaker", "view_speaker", "Can view speaker"),
    ("claims", "speaker", "change_speaker", "Can change speaker"),
    ("claims", "evidence", "add_evidence", "Can add evidence"),
    ("articles", "article", "add_article", "Can add article"),
    ("articles", "article", "view_article", "Can view article"),
]


def create_editors_group(apps, schema_editor):
    """The Editors group may review claims; permissions are created here because Django only
    creates them after all migrations have run."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name="Editors")
    for app_label, model, codename, name in EDITOR_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
