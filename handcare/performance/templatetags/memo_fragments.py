"""{% memo_fragment key %}…{% endmemo_fragment %}: HTML remembered under a memo key.

The key comes from the view (see ArticlePage.memo_key), built with shared_cache.memo_key, so
it already changes with the content version; a key of None (previews, anything not served
from the live page) always renders afresh.
"""

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe

from ..shared_cache import MEMO_TIMEOUT

register = template.Library()


class MemoFragmentNode(template.Node):
    def __init__(self, key, nodelist):
        self.key = key
        self.nodelist = nodelist

    def render(self, context):
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, str(html), MEMO_TIMEOUT)
        return mark_safe(html)  # noqa: S308 (our own template output, escaped when rendered)


@register.tag
def memo_fragment(parser, token):
    try:
        _, key = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("memo_fragment takes one argument: the key") from None
    nodelist = parser.parse(("endmemo_fragment",))
    parser.delete_first_token()
    return MemoFragmentNode(parser.compile_filter(key), nodelist)
