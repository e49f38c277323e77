import importlib
import os

import pytest
from django.contrib.auth.models import Group, Permission

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# there unless told it is safe (the live server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def editors_group() -> Group:
    """The Editors group from the data migration; recreated after a transactional test's flush."""
    group, created = Group.objects.get_or_create(name="Editors")
    if created:
        migration = importlib.import_module("claims.migrations.0002_editors_group")
        for app_label, _model, codename, _name in migration.EDITOR_PERMISSIONS:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    return group


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user(username="ed", password="pw-for-tests-1")
    user.groups.add(editors_group())
    return user


@pytest.fixture
def reader(db, django_user_model):
    """A logged-in user who is not an editor."""
    return django_user_model.objects.create_user(username="reader", password="pw-for-tests-2")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run transaction.on_commit callbacks (the eager Celery extraction) inside the test."""

    def runner():
        return django_capture_on_commit_callbacks(execute=True)

    return runner
