"""A MEDIA_ROOT of a test class's own: other test runs write to the shared one at the same time."""

import shutil
import tempfile

from django.test import override_settings


class PrivateMediaRootMixin:
    """For a TestCase: uploads go to a temporary folder, removed after the class's tests."""

    @classmethod
    def setUpClass(cls):
        cls.media_root = tempfile.mkdtemp(prefix="handcare-test-media-")
        cls._media = override_settings(MEDIA_ROOT=cls.media_root)
        cls._media.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._media.disable()
        shutil.rmtree(cls.media_root, ignore_errors=True)
