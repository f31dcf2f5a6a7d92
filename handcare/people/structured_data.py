"""schema.org Person JSON-LD for a profile page, from the live profile readers see."""

from handcare.performance.images import fallback_format, filter_specs


def credentials(text):
    """Credentials as typed ('BSc Physiotherapy; HCPC registered'), one credential each."""
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def photo_url(person, request):
    """The full URL of the photo's largest fallback rendition (JPEG or PNG), or ""."""
    photo = person.photo
    if photo is None:
        return ""
    fallback = [
        spec
        for spec in filter_specs(photo, "portrait")
        if spec.endswith(f"format-{fallback_format(photo)}")
    ]
    url = photo.get_rendition(fallback[-1]).url
    return request.build_absolute_uri(url) if request is not None else url


def person_data(person, request):
    """The Person node of a profile page."""
    url = person.get_absolute_url()
    if request is not None:
        url = request.build_absolute_uri(url)
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": f"{url}#person",
        "name": person.name,
        "url": url,
    }
    if person.role:
        data["jobTitle"] = person.role
    if person.bio:
        data["description"] = person.bio
    image = photo_url(person, request)
    if image:
        data["image"] = image
    held = credentials(person.credentials)
    if held:
        # hasCredential takes EducationalOccupationalCredential items; each is named as typed.
        data["hasCredential"] = [
            {"@type": "EducationalOccupationalCredential", "name": name} for name in held
        ]
    return data
