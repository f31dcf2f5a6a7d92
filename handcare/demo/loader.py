"""Load the demo site: sources, people, images and published pages, changing only what differs."""

import datetime
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.admin.utils import get_admin_base_url
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site

from handcare.articles.models import (
    ArticleReference,
    Audience,
    GuidePage,
    PublicationSettings,
    article_models,
)
from handcare.articles.models.settings import DEFAULT_DISCLAIMER
from handcare.articles.reading_time import fill_reading_times
from handcare.contact.models import ContactFormField, ContactPage
from handcare.editorial.checklist import CHECK_KEYS
from handcare.editorial.models import ReviewRecord
from handcare.editorial.signoff import record_review
from handcare.people.models import Person
from handcare.references.citations import citation_keys, remove_citations
from handcare.references.models import Reference
from handcare.reflexology.models import ReflexologyPage, ReflexologyPagePoint, ReflexologyPoint
from home.models import ConcernIndexPage, ConcernPage, SectionPage
from techniques.models import TechniquePage

from . import images
from .content import (
    audiences,
    concerns,
    contact,
    guides,
    massage_kinds,
    people,
    reflexology,
    routines,
    sections,
    sleep,
    techniques,
)
from .content import references as reference_content
from .content.build import AudienceRef, HeroImage, ImageRef, PageRef, PointRef
from .info_pages import load_info_pages
from .models import DemoSettings

PAGE_MODELS = {"technique": TechniquePage, "guide": GuidePage, "reflexology": ReflexologyPage}
PAGE_LINK = re.compile(r'(<a linktype="page") slug="([^"]+)"')


def site_urls():
    """(public site, admin) where this server runs: WAGTAILADMIN_BASE_URL, which `make run` sets
    from its HOST and PORT, so the printed links are the ones that work."""
    base = (get_admin_base_url() or "http://127.0.0.1:8000").rstrip("/")
    return f"{base}/", f"{base}/admin/"


class DemoContentError(Exception):
    """The demo content refers to something that does not exist or fails validation."""


def all_pages():
    """Every demo article, in the order the content modules list them."""
    return [
        *techniques.PAGES,
        *massage_kinds.PAGES,
        reflexology.PAGE,
        *guides.PAGES,
        guides.FULL_GUIDE,
        sleep.PAGE,
    ]


def strip_citations(text):
    """Text without its [cite:KEY] markers, for plain-text uses such as meta descriptions."""
    return " ".join(remove_citations(text).split())


def page_dependencies(data):
    """Slugs of the demo pages this page links to, which must exist before it."""
    found = set()

    def walk(value):
        if isinstance(value, PageRef):
            found.add(value.slug)
        elif isinstance(value, str):
            found.update(slug for _, slug in PAGE_LINK.findall(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(data.get("fields", {}))
    found.discard(data["slug"])
    return found


def in_dependency_order(pages):
    """Pages ordered so that every page comes after the pages it links to."""
    slugs = {page["slug"] for page in pages}
    ordered, done, visiting = [], set(), set()

    def visit(page):
        slug = page["slug"]
        if slug in done:
            return
        if slug in visiting:
            raise DemoContentError(f"Demo pages link to each other in a cycle through {slug!r}.")
        visiting.add(slug)
        for dependency in sorted(page_dependencies(page)):
            if dependency not in slugs:
                raise DemoContentError(
                    f"{slug!r} links to {dependency!r}, which is not a demo page."
                )
            visit(by_slug[dependency])
        visiting.discard(slug)
        done.add(slug)
        ordered.append(page)

    by_slug = {page["slug"]: page for page in pages}
    if len(by_slug) != len(pages):
        raise DemoContentError("Two demo pages share a slug; demo slugs must be unique.")
    for page in pages:
        visit(page)
    return ordered


def _strip_block_ids(value):
    """Drop generated block ids, so two streams with the same content compare equal."""
    if isinstance(value, dict):
        is_block = "type" in value and "value" in value
        return {
            key: _strip_block_ids(item)
            for key, item in value.items()
            if not (is_block and key == "id")
        }
    if isinstance(value, list):
        return [_strip_block_ids(item) for item in value]
    return value


def field_state(instance, name):
    """A comparable form of one field's value."""
    model_field = instance._meta.get_field(name)
    if isinstance(model_field, StreamField):
        value = getattr(instance, name)
        if not isinstance(value, StreamValue):
            value = model_field.to_python(value)
        return _strip_block_ids(
            [
                {"type": child.block_type, "value": child.block.get_prep_value(child.value)}
                for child in value
            ]
        )
    if model_field.is_relation:
        return getattr(instance, model_field.attname)
    return getattr(instance, name)


@dataclass
class Report:
    """What a run created, changed and left alone, by kind of object."""

    counts: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    users_loaded: bool = False

    def count(self, kind, outcome):
        self.counts.setdefault(kind, Counter())[outcome] += 1

    def lines(self):
        for kind, counter in self.counts.items():
            parts = [
                f"{counter[o]} {o}" for o in ("created", "updated", "unchanged") if counter[o]
            ]
            yield f"{kind}: {', '.join(parts)}"


class DemoLoader:
    """Creates or updates every demo object, looking each one up by its natural key."""

    def __init__(self, log=None):
        self.log = log or (lambda message: None)
        self.report = Report()
        self.today = timezone.localdate()
        self.references = {}
        self.audiences = {}
        self.points = {}
        self.people = {}
        self.images = {}
        self.pages = {}
        self.sections = {}
        self.concerns = {}
        self.accounts = {}

    def run(self):
        """Load everything in one transaction, so a failed run leaves the database as it was."""
        with transaction.atomic():
            self.load_references()
            self.load_audiences()
            self.load_points()
            self.load_images()
            self.load_people()
            self.load_users()
            self.load_site_settings()
            self.load_sections()
            self.load_concerns()
            self.load_articles()
            self.load_contact_page()
            # After the contact page, which the About and Corrections pages link to: loaded
            # before it, a second run would change their text (and the loader must not).
            load_info_pages(self)
            self.load_demo_notice()
            # Articles loaded before reading_minutes existed are unchanged, so never saved.
            fill_reading_times(article_models(), only_missing=True)
        return self.report

    # Snippets -------------------------------------------------------------------------

    def _upsert(self, kind, model, lookup, values):
        """Find an object by its natural key; create it, or save only the fields that differ."""
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            outcome = "created"
        else:
            changed = [
                name
                for name, value in values.items()
                if field_state(instance, name) != (value.pk if hasattr(value, "pk") else value)
            ]
            if not changed:
                self.report.count(kind, "unchanged")
                return instance
            for name in changed:
                setattr(instance, name, values[name])
            outcome = "updated"
        try:
            instance.full_clean()
        except ValidationError as error:
            raise DemoContentError(f"{kind} {lookup}: {error}") from error
        instance.save()
        if hasattr(instance, "save_revision"):
            # Reviewed snippets keep their live text in a revision, as the admin would.
            instance.save_revision(log_action=False).publish(log_action=False)
        self.report.count(kind, outcome)
        self.log(f"{outcome.capitalize()} {model._meta.verbose_name}: {instance}")
        return instance

    def load_references(self):
        for data in reference_content.REFERENCES:
            values = {key: value for key, value in data.items() if key != "key"}
            reference = self._upsert("References", Reference, {"key": data["key"]}, values)
            problems = reference.publication_problems()
            if problems:
                raise DemoContentError(f"Reference {reference.key} cannot be cited: {problems}")
            self.references[reference.key] = reference

    def load_audiences(self):
        for data in audiences.AUDIENCES:
            values = {"name": data["name"], "description": data["description"]}
            self.audiences[data["slug"]] = self._upsert(
                "Audiences", Audience, {"slug": data["slug"]}, values
            )

    def load_points(self):
        for data in reflexology.POINTS:
            values = {key: value for key, value in data.items() if key != "name"}
            self.points[data["name"]] = self._upsert(
                "Reflexology points", ReflexologyPoint, {"name": data["name"]}, values
            )

    # Images ---------------------------------------------------------------------------

    def _image(self, title, description, draw):
        """The demo image with this title, drawn and stored only if it does not exist yet."""
        image_model = get_image_model()
        image = image_model.objects.filter(title=title).order_by("pk").first()
        if image is not None:
            if image.description != description:
                image.description = description
                image.save(update_fields=["description"])
                self.report.count("Images", "updated")
            else:
                self.report.count("Images", "unchanged")
            return image
        data = draw()
        image = image_model(title=title, description=description)
        image.file = ImageFile(io.BytesIO(data), name=f"{slugify(title)}.jpg")
        image.file_size = len(data)
        image.file_hash = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's duplicate check
        image.save()
        self.report.count("Images", "created")
        self.log(f"Created image: {title}")
        return image

    def load_images(self):
        specs = {page["hero"].title: page["hero"] for page in all_pages()}
        for spec in specs.values():
            self.images[spec.title] = self._image(
                spec.title,
                spec.description,
                lambda spec=spec: images.draw_hero(spec.motif, spec.palette),
            )

    # People and users -----------------------------------------------------------------

    def load_people(self):
        for data in people.PEOPLE:
            initials = "".join(part[0] for part in data["name"].split()[:2])
            portrait = self._image(
                f"Portrait of {data['name']}",
                f"The initials {initials} on a coloured circle, standing in for a photo of "
                f"{data['name']}.",
                lambda data=data, initials=initials: images.draw_portrait(
                    initials, data["portrait_colour"]
                ),
            )
            values = {
                "slug": data["slug"],
                "role": data["role"],
                "credentials": data["credentials"],
                "bio": data["bio"],
                "photo": portrait,
            }
            self.people[data["name"]] = self._upsert(
                "People", Person, {"name": data["name"]}, values
            )

    def load_users(self):
        if not getattr(settings, "HANDCARE_DEMO_USERS_ALLOWED", False):
            self.report.notes.append(
                "Demo users were not created: HANDCARE_DEMO_USERS_ALLOWED is off in these settings."
            )
            return
        user_model = get_user_model()
        for username, (first_name, last_name, superuser, group_name) in people.USERS.items():
            user = user_model.objects.filter(username=username).first()
            outcome = "unchanged"
            if user is None:
                user = user_model(username=username)
                user.set_password(people.DEMO_PASSWORD)
                outcome = "created"
            wanted = {
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@handcare.invalid",
                "is_active": True,
                "is_staff": superuser,
                "is_superuser": superuser,
            }
            for name, value in wanted.items():
                if getattr(user, name) != value:
                    setattr(user, name, value)
                    outcome = "updated" if outcome == "unchanged" else outcome
            # The printed logins must work, so a changed demo password is put back.
            if outcome != "created" and not user.check_password(people.DEMO_PASSWORD):
                user.set_password(people.DEMO_PASSWORD)
                outcome = "updated"
            if outcome != "unchanged":
                user.save()
                self.log(f"{outcome.capitalize()} user: {username}")
            self.report.count("Users", outcome)
            if group_name:
                group, _ = Group.objects.get_or_create(name=group_name)
                if not user.groups.filter(pk=group.pk).exists():
                    user.groups.add(group)
            self.accounts[username] = user
        for data in people.PEOPLE:
            user = self.accounts.get(data["user"])
            person = self.people[data["name"]]
            if user is None or person.user_id == user.pk:
                continue
            other = Person.objects.filter(user=user).exclude(pk=person.pk).first()
            if other is not None:
                self.report.notes.append(
                    f"{person.name} was not linked to the {user.username} login: "
                    f"{other.name} is already linked to it."
                )
                continue
            person.user = user
            person.save(update_fields=["user"])
            self.log(f"Linked {person.name} to the {user.username} login")
        self.report.users_loaded = True

    # Site, sections and articles ------------------------------------------------------

    def load_site_settings(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise DemoContentError("There is no default site; run `manage.py migrate` first.")
        existed = PublicationSettings.objects.filter(site=site).exists()
        publication = PublicationSettings.for_site(site)
        if not (publication.medical_disclaimer or "").strip():
            publication.medical_disclaimer = DEFAULT_DISCLAIMER
            publication.save()
            self.report.count("Publication settings", "updated")
        else:
            self.report.count("Publication settings", "unchanged" if existed else "created")
        self.home = site.root_page.specific
        if hasattr(self.home, "introduction") and not self.home.introduction:
            self.home.introduction = sections.HOME_INTRODUCTION
            self.home.save_revision().publish()
            self.log("Added an introduction to the home page")

    def load_demo_notice(self):
        """Every page says the people and reviews are fictional (Settings -> Demo content)."""
        demo_settings = DemoSettings.for_site(Site.objects.get(is_default_site=True))
        if demo_settings.show_demo_notice:
            self.report.count("Demo notice", "unchanged")
            return
        demo_settings.show_demo_notice = True
        demo_settings.save()
        self.report.count("Demo notice", "updated")

    def load_contact_page(self):
        """The contact page at /contact/ with its form fields (handcare/contact)."""
        page = self.home.get_children().filter(slug=contact.SLUG).first()
        if page is not None:
            if not isinstance(page.specific, ContactPage):
                raise DemoContentError(
                    f"/{contact.SLUG}/ exists but is a {type(page.specific).__name__}, "
                    "not a contact page."
                )
            self.report.count("Contact page", "unchanged")
            return
        page = ContactPage(
            slug=contact.SLUG,
            title=contact.TITLE,
            intro=contact.INTRO,
            thank_you_text=contact.THANK_YOU,
            subject=contact.SUBJECT,
            to_address=contact.TO_ADDRESS,
            from_address=settings.DEFAULT_FROM_EMAIL.rpartition("<")[2].rstrip(">"),
        )
        for order, (label, field_type, required, help_text) in enumerate(contact.FIELDS):
            page.form_fields.add(
                ContactFormField(
                    sort_order=order,
                    label=label,
                    field_type=field_type,
                    required=required,
                    help_text=help_text,
                )
            )
        self.home.add_child(instance=page)
        self._publish(page)
        self.report.count("Contact page", "created")
        self.log(f"Created the contact page: {page.url_path}")

    def _publish(self, page, editor=None, approver=None):
        """Save a revision as the editor and publish it as the approving reviewer."""
        revision = page.save_revision(user=editor)
        # The loader stands in for the review workflow, whose approval is the authority to publish.
        revision.publish(user=approver, skip_permission_checks=True)
        return revision

    def load_sections(self):
        for data in sections.SECTIONS:
            values = {
                "title": data["title"],
                "topic": data["topic"],
                "introduction": data["introduction"],
            }
            existing = self.home.get_children().filter(slug=data["slug"]).first()
            if existing is None:
                page = SectionPage(slug=data["slug"], **values)
                self.home.add_child(instance=page)
                self._publish(page)
                self.report.count("Sections", "created")
                self.log(f"Created section: {page.url_path}")
            else:
                page = existing.specific
                if not isinstance(page, SectionPage):
                    raise DemoContentError(
                        f"/{data['slug']}/ exists but is a {type(page).__name__}, not a section."
                    )
                changed = [name for name, value in values.items() if getattr(page, name) != value]
                if changed or not page.live:
                    for name in changed:
                        setattr(page, name, values[name])
                    self._publish(page)
                    self.report.count("Sections", "updated")
                    self.log(f"Updated section: {page.url_path}")
                else:
                    self.report.count("Sections", "unchanged")
            self.sections[data["slug"]] = page

    def _load_page(self, kind, parent, model, slug, values, publish):
        """Create or update a child page of `parent` by slug; publish(page) when it changed."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None and not isinstance(existing.specific, model):
            raise DemoContentError(
                f"{existing.url_path} exists but is a {type(existing.specific).__name__}, "
                f"not a {model.__name__}."
            )
        page = existing.specific if existing is not None else model(slug=slug, **values)
        changed = [name for name, value in values.items() if getattr(page, name) != value]
        if existing is None:
            parent.add_child(instance=page)
        elif not changed and page.live:
            self.report.count(kind, "unchanged")
            return page, False
        for name in changed:
            setattr(page, name, values[name])
        publish(page)
        self.report.count(kind, "created" if existing is None else "updated")
        self.log(f"{'Created' if existing is None else 'Updated'} {kind.lower()}: {page.url_path}")
        return page, True

    def load_concerns(self):
        """The /concerns/ index and the concern pages, reviewed as every page with health text."""
        index, _ = self._load_page(
            "Concern pages", self.home, ConcernIndexPage, "concerns", concerns.INDEX, self._publish
        )
        reviewer = self.people[concerns.REVIEWER]
        editor = self._account(self.people[concerns.EDITOR]) or self.accounts.get("editor")
        for data in concerns.CONCERNS:
            values = {key: data[key] for key in ("title", "summary", "introduction")}
            page, changed = self._load_page(
                "Concern pages",
                index,
                ConcernPage,
                data["slug"],
                values,
                lambda page: self._publish(page, editor, self._account(reviewer)),
            )
            if changed or not ReviewRecord.objects.for_object(page).exists():
                page.refresh_from_db()
                self._record_review(page, reviewer, timezone.now())
            self.concerns[data["slug"]] = page

    def _resolve(self, value):
        """Turn the content modules' markers into what the database stores."""
        if isinstance(value, PageRef):
            if value.slug not in self.pages:
                raise DemoContentError(f"Page {value.slug!r} is used before it is loaded.")
            return self.pages[value.slug].pk
        if isinstance(value, AudienceRef):
            return self.audiences[value.slug].pk
        if isinstance(value, PointRef):
            return self.points[value.name].pk
        if isinstance(value, ImageRef | HeroImage):
            return self.images[value.title].pk
        if isinstance(value, str):
            return PAGE_LINK.sub(
                lambda m: f'{m.group(1)} id="{self._resolve(PageRef(m.group(2)))}"', value
            )
        if isinstance(value, dict):
            return {key: self._resolve(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self._resolve(item) for item in value]
        return value

    def _article_values(self, model, data):
        values = {
            "title": data["title"],
            "summary": data["summary"],
            "search_description": strip_citations(data["summary"]),
            "hero_image": self.images[data["hero"].title],
            "hero_caption": data.get("hero_caption", ""),
            "author": self.people[data["author"]],
        }
        for name, raw in data["fields"].items():
            resolved = self._resolve(raw)
            model_field = model._meta.get_field(name)
            if isinstance(model_field, StreamField):
                resolved = model_field.to_python(resolved)
            values[name] = resolved
        return values

    def _validate_streams(self, page, model):
        for model_field in model._meta.get_fields():
            if isinstance(model_field, StreamField):
                try:
                    model_field.stream_block.clean(getattr(page, model_field.name))
                except ValidationError as error:
                    raise DemoContentError(
                        f"{page.slug}: {model_field.name} is invalid: {error}"
                    ) from error

    def _cited_references(self, page, data):
        """The sources the page cites, in order of first citation, plus any listed extras."""
        keys = []
        for text in page.citable_texts():
            for key in citation_keys(text):
                if key not in keys:
                    keys.append(key)
        keys.extend(key for key in data.get("extra_references", []) if key not in keys)
        missing = [key for key in keys if key not in self.references]
        if missing:
            raise DemoContentError(f"{data['slug']} cites unknown sources: {missing}")
        return [self.references[key] for key in keys]

    def _set_orderables(self, page, relation, model, attname, targets):
        existing = {getattr(link, attname): link for link in getattr(page, relation).all()}
        links = []
        for index, target in enumerate(targets):
            link = existing.get(target.pk) or model(**{attname: target.pk})
            link.sort_order = index
            links.append(link)
        setattr(page, relation, links)

    def _relation_state(self, page):
        state = {
            "audiences": sorted(audience.pk for audience in page.audiences.all()),
            "concerns": sorted(concern.pk for concern in page.concerns.all()),
            "references": [link.reference_id for link in page.article_references.all()],
        }
        if isinstance(page, ReflexologyPage):
            state["points"] = [link.point_id for link in page.point_links.all()]
        if isinstance(page, TechniquePage):
            state["avoid_audiences"] = sorted(a.pk for a in page.avoid_for_audiences.all())
            state["avoid_concerns"] = sorted(c.pk for c in page.avoid_for_concerns.all())
        return state

    def _check_evidence(self, page, section):
        """Apply the platform's own publication gates, so the demo never shows what they forbid."""
        problems = page.evidence_problems(topic=section.topic)
        if problems:
            messages = "; ".join(problem.message for problem in problems)
            raise DemoContentError(f"{page.slug} fails the evidence checks: {messages}")

    def _account(self, person):
        """The demo login linked to a person, if demo users exist."""
        return person.user if person.user_id else None

    def _backdate(self, page, revision, when):
        """Date a newly created article's first revision and publication to its review."""
        written = when - datetime.timedelta(hours=3)
        Revision.objects.filter(pk=revision.pk).update(created_at=written)
        Page.objects.filter(pk=page.pk).update(
            first_published_at=when, last_published_at=when, latest_revision_created_at=written
        )
        PageLogEntry.objects.filter(page=page, revision=revision).update(timestamp=when)

    def _record_review(self, page, reviewer, when):
        """Sign off the live revision as the reviewer would, through the workflow's own code."""
        record_review(
            page,
            self._account(reviewer),
            page.live_revision,
            ReviewRecord.Kind.APPROVAL,
            note="Checked against the cited sources for the demo site.",
            checklist=dict.fromkeys(CHECK_KEYS, True),
            when=when,
            reviewer=reviewer,
        )
        self.report.count("Review records", "created")

    def _review_time(self, data):
        """When a new demo article was reviewed: some days ago, in office hours."""
        day = self.today - datetime.timedelta(days=data["reviewed_days_ago"])
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(11, 0)))

    def load_article(self, data):
        model = PAGE_MODELS[data["model"]]
        parent = self.sections[data["section"]]
        existing = parent.get_children().filter(slug=data["slug"]).first()
        if existing is not None:
            existing = existing.specific
            if not isinstance(existing, model):
                raise DemoContentError(
                    f"{existing.url_path} exists but is a {type(existing).__name__}, "
                    f"not a {model.__name__}."
                )
        values = self._article_values(model, data)
        if model is TechniquePage:
            values["routine_role"] = routines.ROLES.get(data["slug"], "")
        page = existing if existing is not None else model(slug=data["slug"])
        before = None
        if existing is not None:
            before = {name: field_state(existing, name) for name in values}
            before.update(self._relation_state(existing))
        for name, value in values.items():
            setattr(page, name, value)
        if model is ReflexologyPage:
            points = [self.points[name] for name in data["points"]]
            self._set_orderables(page, "point_links", ReflexologyPagePoint, "point_id", points)
        page.audiences = [self.audiences[slug] for slug in data.get("audiences", [])]
        page.concerns = [
            self.concerns[slug] for slug in concerns.ARTICLE_CONCERNS.get(data["slug"], [])
        ]
        if model is TechniquePage:
            avoid = routines.AVOID.get(data["slug"], {})
            page.avoid_for_audiences = [self.audiences[s] for s in avoid.get("audiences", [])]
            page.avoid_for_concerns = [self.concerns[s] for s in avoid.get("concerns", [])]
        references = self._cited_references(page, data)
        self._set_orderables(
            page, "article_references", ArticleReference, "reference_id", references
        )
        self._validate_streams(page, model)
        self._check_evidence(page, parent)

        author, reviewer = self.people[data["author"]], self.people[data["reviewer"]]
        # Editors enter the text; the reviewer's approval is what publishes it.
        editor = self._account(author) or self.accounts.get("editor")
        approver = self._account(reviewer)
        if existing is None:
            page.owner = editor
            parent.add_child(instance=page)
            revision = self._publish(page, editor, approver)
            when = self._review_time(data)
            self._backdate(page, revision, when)
            page.refresh_from_db()
            self._record_review(page, reviewer, when)
            self.report.count("Articles", "created")
            self.log(f"Created {model._meta.verbose_name}: {page.url_path}")
        else:
            after = {name: field_state(page, name) for name in values}
            after.update(self._relation_state(page))
            if after != before or not page.live:
                self._publish(page, editor, approver)
                page.refresh_from_db()
                # Changed text is new text: it is signed off again, today.
                self._record_review(page, reviewer, timezone.now())
                self.report.count("Articles", "updated")
                changed = sorted(name for name in after if after[name] != before.get(name))
                self.log(f"Updated {page.url_path}: {', '.join(changed) or 'published'}")
            else:
                if not ReviewRecord.objects.for_object(page).exists():
                    reviewed = page.last_reviewed
                    when = self._review_time(data)
                    if reviewed and (self.today - reviewed).days < 365:
                        when = when.replace(
                            year=reviewed.year, month=reviewed.month, day=reviewed.day
                        )
                    self._record_review(page, reviewer, when)
                self.report.count("Articles", "unchanged")
        self.pages[data["slug"]] = page
        return page

    def load_articles(self):
        for data in in_dependency_order(all_pages()):
            self.load_article(data)
