"""The stored-XSS corpus: hostile text an editor or a reader could save, one Payload each.

Every payload that ran would call ``alert(N)`` and, where the context allows, set
``window.__xss = N`` (N is its number), so the browser test can tell that something executed
and which payload it was. The static tests (tests/security/test_stored_xss.py) look for what a
payload would leave behind as live markup instead: an element, an ``on*`` attribute, a
``javascript:`` address, a script that is not the site's own.

To add a payload, append a ``Payload`` with the next free number and a short note on what it
tries; it then goes through every field and surface the tests cover.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Payload:
    """One hostile string and what it tries."""

    number: int
    text: str
    note: str
    # An address payload also goes into link and URL fields (rich text links, URL blocks).
    url: bool = False


def _js(n):
    """What every payload runs: a flag for the browser test and a dialog it can catch."""
    return f"window.__xss={n};alert({n})"


_CORPUS = [
    # Script elements.
    ("<script>{js}</script>", "plain script element"),
    ("<ScRiPt>{js}</sCrIpT>", "mixed-case script element"),
    ("<script src=data:text/javascript,{js}></script>", "script from a data: URL"),
    ("<script>/*</script><script>{js}//*/</script>", "comment split over two script tags"),
    ("<scr<script>ipt>{js}</scr</script>ipt>", "nested tag that survives one pass of stripping"),
    # Event handlers.
    ("<img src=x onerror={js}>", "img onerror"),
    ('<img src="x" onerror="{js}">', "img onerror, quoted"),
    ("<svg onload={js}>", "svg onload"),
    ("<body onload={js}>", "body onload"),
    ("<input autofocus onfocus={js}>", "autofocus onfocus"),
    ("<details open ontoggle={js}>", "details ontoggle"),
    ("<video><source onerror={js}></video>", "media source onerror"),
    ("<iframe srcdoc='<script>parent.{js}</script>'></iframe>", "iframe srcdoc"),
    ("<marquee onstart={js}>x</marquee>", "marquee onstart"),
    ("<a onmouseover={js}>hover</a>", "link onmouseover"),
    ("<img/src=x/onerror={js}>", "slashes instead of spaces"),
    ("<img src=x onerror\n={js}>", "newline before the equals sign"),
    # Addresses (also put into link and URL fields).
    ("javascript:{js}", "javascript: URL", True),
    ("JaVaScRiPt:{js}", "mixed-case javascript: URL", True),
    (" javascript:{js}", "javascript: URL with a leading space", True),
    ("java\tscript:{js}", "javascript: URL split by a tab", True),
    ("&#106;avascript:{js}", "javascript: URL with an entity", True),
    ("javascript&colon;{js}", "javascript: URL with a named entity colon", True),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data: HTML URL", True),
    ("data:text/html,<script>{js}</script>", "data: HTML URL, plain", True),
    ("vbscript:msgbox(1)", "vbscript: URL", True),
    ('https://example.com/?"><svg/onload={js}>', "a valid http URL that breaks out of href", True),
    ("https://example.com/#'onmouseover='{js}", "a valid URL breaking out of single quotes", True),
    ("<a href=javascript:{js}>link</a>", "link to a javascript: URL"),
    ('<a href="jav&#x09;ascript:{js}">link</a>', "link with an encoded tab"),
    ("<form action=javascript:{js}><button>go</button></form>", "form action"),
    ("<button formaction=javascript:{js}>go</button>", "button formaction"),
    ("<object data=javascript:{js}></object>", "object data"),
    ("<embed src=javascript:{js}>", "embed src"),
    ("<meta http-equiv=refresh content='0;url=javascript:{js}'>", "meta refresh"),
    ("<base href=javascript:{js}//>", "base href"),
    # SVG.
    ("<svg><script>{js}</script></svg>", "script inside SVG"),
    ("<svg><a xlink:href=javascript:{js}><text y=20>x</text></a></svg>", "SVG xlink:href"),
    (
        "<svg><foreignObject><img src=x onerror={js}></foreignObject></svg>",
        "SVG foreignObject holding HTML",
    ),
    ("<svg><animate onbegin={js} attributeName=x dur=1s>", "SVG animate onbegin"),
    ("<svg><set attributeName=onload to={js}>", "SVG set writing an onload"),
    # Broken and unclosed markup.
    ("<img src=x onerror={js}", "unclosed tag"),
    ("<img src='x' onerror='{js}' ", "unclosed tag with quoted attributes"),
    ("<<script>{js}//<</script>", "doubled angle bracket"),
    ("<!--<img src=x onerror={js}>-->", "inside a comment"),
    ("<p title='</p><img src=x onerror={js}>'>", "tag inside an attribute value"),
    # Attribute breakouts.
    ('"><img src=x onerror={js}>', "double-quote attribute breakout"),
    ("'><img src=x onerror={js}>", "single-quote attribute breakout"),
    ('" onmouseover="{js}" x="', "new attribute in a double-quoted value"),
    ("' onfocus='{js}' autofocus x='", "new attribute in a single-quoted value"),
    ("` onerror=`{js}` x=`", "backtick-quoted attribute"),
    ("x onerror={js} ", "new attribute in an unquoted value"),
    # Breaking out of script, title and other raw-text elements.
    ("</script><script>{js}</script>", "closing the JSON-LD script element"),
    ("</SCRIPT ><svg onload={js}>", "closing a script element, upper case with a space"),
    ('"}}</script><img src=x onerror={js}>', "closing a JSON string and the script element"),
    ("</title><img src=x onerror={js}>", "closing the title element"),
    ("</textarea><img src=x onerror={js}>", "closing a textarea"),
    ("</style><img src=x onerror={js}>", "closing a style element"),
    ("<!--</script><img src=x onerror={js}>-->", "script-data escape state"),
    # Template syntax (server-side injection would evaluate it).
    ("{{{{ 7*1919 }}}}", "Django/Jinja expression: 13433 if evaluated"),
    ("{{% debug %}}", "Django debug tag: dumps the context if evaluated"),
    ("{{{{ request.META }}}}", "template variable lookup"),
    ("${{7*1919}}", "template literal syntax"),
    ("{{{{constructor.constructor('{js}')()}}}}", "client-side template sandbox escape"),
    # CSS.
    ("<div style=\"background:url('javascript:{js}')\">x</div>", "CSS url() with javascript:"),
    ('<div style="width:expression({js})">x</div>', "IE CSS expression"),
    ("<style>@import 'javascript:{js}';</style>", "style element with @import"),
    ("<link rel=stylesheet href=javascript:{js}>", "stylesheet link"),
    # Unicode tricks.
    (
        "\uff1cscript\uff1e{js}\uff1c/script\uff1e",
        "full-width angle brackets (NFKC turns them into <>)",
    ),
    ("\uff1cimg src=x onerror={js}\uff1e", "full-width img"),
    ("\u202e>tpircs/<{js}>tpircs<", "right-to-left override"),
    ("<scr\u200dipt>{js}</scr\u200dipt>", "zero-width joiner inside the tag name"),
    ("<img src=x one\u200brror={js}>", "zero-width space inside the handler name"),
    ("j\u0430vascript:{js}", "homoglyph: Cyrillic a in javascript:", True),
    ("\u2028<img src=x onerror={js}>\u2029", "line and paragraph separators (break JS strings)"),
    ("<img src=x onerror=\u0061lert(1)>", "escaped name in the handler"),
    # Entities and double encoding.
    ("&lt;script&gt;{js}&lt;/script&gt;", "already-escaped script (must stay text)"),
    ("&amp;lt;img src=x onerror={js}&amp;gt;", "double-escaped img"),
    ("%3Cscript%3E{js}%3C%2Fscript%3E", "URL-encoded script"),
    ("%253Cscript%253E{js}%253C%252Fscript%253E", "double URL-encoded script"),
    ("&#60;img src=x onerror={js}&#62;", "decimal entities for the brackets"),
    ("\\u003cimg src=x onerror={js}\\u003e", "JSON escapes for the brackets"),
    # Mutation XSS: harmless as parsed once, live after a serialise/parse round trip.
    (
        '<noscript><p title="</noscript><img src=x onerror={js}>">',
        "noscript parsing differential",
    ),
    (
        '<svg></p><style><a id="</style><img src=x onerror={js}>">',
        "SVG/HTML namespace confusion",
    ),
    (
        "<math><mtext><table><mglyph><style><img src=x onerror={js}>",
        "MathML namespace confusion",
    ),
    ("<listing>&lt;img src=x onerror={js}&gt;</listing>", "listing element re-parse"),
    (
        "<form><math><mtext></form><form><mglyph><style></math><img src=x onerror={js}>",
        "nested form mutation",
    ),
]

PAYLOADS = [
    Payload(number, text.format(js=_js(number)), note, *extra)
    for number, (text, note, *extra) in enumerate(_CORPUS, start=1)
]

# Address payloads only: for link and URL fields.
URL_PAYLOADS = [payload for payload in PAYLOADS if payload.url]

# What a server-side template would make of the template payloads.
TEMPLATE_RESULTS = ["13433", "'DEBUG'", "HTTP_HOST", "wsgi.input"]


def joined(payloads=None, separator=" | "):
    """Many payloads in one string, for a field that takes text of any length."""
    return separator.join(payload.text for payload in (payloads or PAYLOADS))


def fitting(max_length, payloads=None):
    """The payloads no longer than a field's max_length, one per object."""
    return [payload for payload in (payloads or PAYLOADS) if len(payload.text) <= max_length]
