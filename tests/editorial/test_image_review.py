"""An image that live pages show cannot have its file or alt text changed outside review."""

import io

from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from tests.factories import PersonFactory, ReferenceFactory, SectionPageFactory, home_page

from .helpers import EDITORS, make_technique, make_user

Image = get_image_model()


def png(colour):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return SimpleUploadedFile("replacement.png", buffer.getvalue(), content_type="image/png")


class ImageInUseTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.editor = make_user("edith", EDITORS)
        cls.image = Image.objects.create(
            title="Hands on a towel",
            description="Two hands resting on a towel",
            file=get_test_image_file(),
        )
        cls.unused = Image.objects.create(title="Spare picture", file=get_test_image_file())
        cls.page = make_technique(
            section, cls.editor, reference=ReferenceFactory(), hero_image=cls.image
        )

    def post(self, image, **changes):
        self.client.force_login(self.editor)
        data = {
            "title": image.title,
            "description": image.description,
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        }
        data.update(changes)
        return self.client.post(reverse("wagtailimages:edit", args=[image.pk]), data)

    def test_replacing_the_file_of_an_image_in_use_is_refused(self):
        original = Image.objects.get(pk=self.image.pk).file.name
        response = self.post(self.image, file=png("red"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "so its file and alt text cannot be changed here")
        self.assertEqual(Image.objects.get(pk=self.image.pk).file.name, original)

    def test_rewording_the_alt_text_of_an_image_in_use_is_refused(self):
        response = self.post(self.image, description="A miracle cure for arthritis")
        self.assertContains(response, self.page.title)
        self.assertEqual(
            Image.objects.get(pk=self.image.pk).description, "Two hands resting on a towel"
        )
        public = self.client.get(self.page.get_url())
        self.assertNotContains(public, "miracle cure")

    def test_an_image_no_live_page_shows_can_be_edited(self):
        response = self.post(self.unused, title="Spare picture, renamed", file=png("blue"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Image.objects.get(pk=self.unused.pk).title, "Spare picture, renamed")

    def test_tags_and_collection_can_still_be_changed(self):
        response = self.post(self.image, tags="towel")
        self.assertEqual(response.status_code, 302)


class ImageOnAReviewedSnippetTests(TestCase):
    """A live, reviewed profile's photo is reviewed text too: the profile page and bylines show it."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("edith", EDITORS)
        cls.photo = Image.objects.create(
            title="Rita at the clinic", description="Rita smiling", file=get_test_image_file()
        )
        cls.person = PersonFactory(name="Rita Reviewer", photo=cls.photo)

    def post(self, **changes):
        self.client.force_login(self.editor)
        data = {
            "title": self.photo.title,
            "description": self.photo.description,
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
            **changes,
        }
        return self.client.post(reverse("wagtailimages:edit", args=[self.photo.pk]), data)

    def test_replacing_a_live_profiles_photo_is_refused(self):
        original = Image.objects.get(pk=self.photo.pk).file.name
        response = self.post(file=png("red"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Rita Reviewer")
        self.assertContains(response, "so its file and alt text cannot be changed here")
        self.assertEqual(Image.objects.get(pk=self.photo.pk).file.name, original)

    def test_rewording_its_alt_text_is_refused(self):
        response = self.post(description="Someone else")
        self.assertContains(response, "so its file and alt text cannot be changed here")
        self.assertEqual(Image.objects.get(pk=self.photo.pk).description, "Rita smiling")
