"""Assertions that a rendered surface holds the XSS corpus as text, never as live markup."""

import json
import re
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from .xss_payloads import TEMPLATE_RESULTS

# Elements no HandCare template writes on a public page or in the admin's content areas, and
# that a payload would bring in to run script or load a document.
FOREIGN_TAGS = {
    "iframe",
    "object",
    "embed",
    "applet",
    "base",
    "frame",
    "frameset",
    "foreignobject",
    "math",
    "mglyph",
    "marquee",
    "listing",
    "set",
    "animate",
    "video",
    "audio",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcset",
}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:text/javascript")
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def _scheme_of(value):
    """An address as a browser reads its scheme: entities decoded, controls and spaces gone."""
    value = str(value).lower()
    return re.sub(r"[\x00-\x20\x7f-\xa0`]+", "", value)


def _problems_in(soup, *, admin=False):
    # The admin loads its translations from /admin/jsi18n/ and previews pages in an iframe.
    static_prefix = ("/static/", "/admin/") if admin else ("/static/",)
    problems = []
    for tag in soup.find_all(True):
        name = tag.name.lower()
        if admin and name == "iframe" and str(tag.get("src", "/")).startswith("/"):
            pass
        elif name in FOREIGN_TAGS:
            problems.append(f"<{name}> element")
        if name == "img" and tag.get("src") == "x":
            problems.append("payload <img src=x>")
        if name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            problems.append("<meta http-equiv=refresh>")
        if name == "style" and "__xss" in tag.get_text():
            problems.append("payload <style> element")
        if name == "script":
            problems.extend(_script_problems(tag, static_prefix))
        for attribute, value in tag.attrs.items():
            attribute = attribute.lower()
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.startswith("on"):
                problems.append(f"{attribute}= on <{name}>")
            if attribute in {"srcdoc", "formaction"}:
                problems.append(f"{attribute}= on <{name}>")
            if attribute in URL_ATTRIBUTES and _scheme_of(value).startswith(DANGEROUS_SCHEMES):
                problems.append(f"{attribute}={value[:40]!r} on <{name}>")
            if attribute == "style" and re.search(r"expression|javascript|url\(", value, re.I):
                problems.append(f"style={value[:40]!r} on <{name}>")
    return problems


def _script_problems(tag, static_prefix):
    kind = str(tag.get("type", "")).lower()
    body = tag.string or ""
    if tag.get("src"):
        if not str(tag["src"]).startswith(static_prefix) or body.strip():
            return [f"script src={tag['src']!r}"]
        return []
    if kind in DATA_SCRIPT_TYPES:
        if re.search(r"</script|<!--", body, re.I):
            return [f"{kind} block holds '</script' or '<!--'"]
        try:
            json.loads(body)
        except ValueError:
            return [f"{kind} block is not JSON: {body[:60]!r}"]
        return []
    if "__xss" in body or "alert(" in body:
        return [f"payload script: {body[:60]!r}"]
    return []


def assert_no_live_payload(content, where, *, admin=False):
    """No element, attribute or script from the corpus is live in an HTML document or fragment.

    Also checks the raw text: html.parser may read a malformed tag differently from a browser,
    so every '<script' in the source must be a script element the parser found, and no
    server-side template result may appear.
    """
    if isinstance(content, bytes):
        content = content.decode()
    soup = BeautifulSoup(content, "html.parser")
    problems = _problems_in(soup, admin=admin)
    raw_scripts = len(re.findall(r"<script[\s>/]", content, re.I))
    parsed_scripts = len(soup.find_all("script"))
    if raw_scripts != parsed_scripts:
        problems.append(f"{raw_scripts} '<script' in the source, {parsed_scripts} parsed")
    if not admin:
        # The admin shows ids and numbers of its own; a public page never says 13433.
        problems.extend(
            f"template result {result!r}" for result in TEMPLATE_RESULTS if result in content
        )
    assert not problems, f"{where}: {problems}"


def assert_html_response(response, where, *, admin=False):
    """A 200 HTML page that holds no live payload."""
    assert response.status_code == 200, f"{where}: {response.status_code}"
    assert response["Content-Type"].startswith("text/html"), where
    assert_no_live_payload(response.content, where, admin=admin)


def json_strings(data):
    """Every string in decoded JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from json_strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from json_strings(item)


def assert_json_response(response, where):
    """JSON served as JSON; the rich text it carries holds no live payload.

    Plain fields (titles, summaries) are data a client must show as text; rich text is HTML a
    client will insert, recognised by the block keys the editor writes on every paragraph.
    """
    assert response.status_code == 200, f"{where}: {response.status_code}"
    assert response["Content-Type"].startswith("application/json"), where
    data = json.loads(response.content)
    rich = [value for value in json_strings(data) if "data-block-key" in value]
    for value in rich:
        assert_no_live_payload(value, f"{where} (rich text in JSON)")
    return data, rich


def _local(element):
    return element.tag.rsplit("}", 1)[-1]


def assert_xml_response(response, where, html_elements=()):
    """Well-formed XML; entry elements that carry HTML (feed descriptions) hold no live payload."""
    assert response.status_code == 200, f"{where}: {response.status_code}"
    assert "xml" in response["Content-Type"], where
    root = ElementTree.fromstring(response.content)
    for entry in root.iter():
        if _local(entry) not in {"item", "entry"}:
            continue
        for element in entry:
            if _local(element) in html_elements and element.text:
                assert_no_live_payload(element.text, f"{where} <{_local(element)}>")
    return root
