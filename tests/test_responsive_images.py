"""Images are served as <picture> with modern formats, sizes, and lazy loading below the fold."""

from django.test import TestCase

from handcare.performance.images import modern_formats

from .factories import SectionPageFactory, TechniquePageFactory, home_page
from .html import parse
from .perf_content import build_articles, image


def sources(picture):
    return [source["type"] for source in picture.find_all("source")]


class ResponsiveImageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section, cls.pages = build_articles(home_page(), 2)

    def assert_modern(self, picture):
        expected = ["image/avif", "image/webp"] if "avif" in modern_formats() else ["image/webp"]
        self.assertEqual(sources(picture), expected)
        for source in picture.find_all("source"):
            self.assertTrue(source["srcset"])
            self.assertTrue(source.get("sizes"))
        img = picture.find("img")
        self.assertTrue(img["width"].isdigit() and img["height"].isdigit())
        self.assertEqual(img["decoding"], "async")
        return img

    def test_article_hero_is_eager_and_figures_are_lazy(self):
        soup = parse(self.client.get(self.pages["guide"].url))
        hero = soup.select_one(".article-hero picture")
        img = self.assert_modern(hero)
        self.assertEqual(img["fetchpriority"], "high")
        self.assertNotIn("loading", img.attrs)
        self.assertEqual(img["alt"], "Top: two hands")  # the image's description
        figures = soup.select(".block-figure picture")
        self.assertEqual(len(figures), 2)
        for figure in figures:
            img = self.assert_modern(figure)
            self.assertEqual(img["loading"], "lazy")
            self.assertNotIn("fetchpriority", img.attrs)
        self.assertEqual([f.find("img")["alt"] for f in figures], ["Figure 0", "Figure 1"])
        # Related articles below the article carry their own lazy card images.
        cards = soup.select(".related .card picture")
        self.assertTrue(cards)
        for card in cards:
            self.assertEqual(self.assert_modern(card)["loading"], "lazy")

    def test_listing_cards_have_pictures_and_only_the_first_is_eager(self):
        soup = parse(self.client.get(self.section.url))
        pictures = soup.select(".card picture")
        self.assertGreaterEqual(len(pictures), 3)
        imgs = [self.assert_modern(picture) for picture in pictures]
        self.assertEqual(imgs[0]["fetchpriority"], "high")
        self.assertTrue(all(img["loading"] == "lazy" for img in imgs[1:]))

    def test_a_transparent_png_keeps_a_png_fallback(self):
        # get_test_image_file makes PNGs: the <img> fallback must not flatten them to JPEG.
        soup = parse(self.client.get(self.pages["technique"].url))
        self.assertRegex(soup.select_one(".article-hero img")["src"], r"\.png$")

    def test_an_article_without_images_renders_none(self):
        section = SectionPageFactory(parent=home_page(), slug="plain")
        page = TechniquePageFactory(parent=section)
        soup = parse(self.client.get(page.url))
        self.assertIsNone(soup.select_one(".article-hero"))
        self.assertEqual(soup.select(".card picture"), [])


class ImageFormatTests(TestCase):
    def test_avif_is_offered_exactly_when_pillow_can_write_it(self):
        from PIL import features

        self.assertEqual("avif" in modern_formats(), bool(features.check("avif")))
        self.assertIn("webp", modern_formats())

    def test_no_width_above_the_original_is_asked_for(self):
        from handcare.performance.images import filter_specs

        small = image("Small")  # 640 px wide
        self.assertNotIn("width-900", " ".join(filter_specs(small, "hero")))
        self.assertIn("width-600|format-webp", filter_specs(small, "hero"))
