from django import template

from wagtail.models import Site

from ..models import shows_demo_notice

register = template.Library()


@register.inclusion_tag("demo/notice.html", takes_context=True)
def demo_notice(context):
    """The site-wide "this is demo content" line, when the site's demo setting is on."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return {"show": shows_demo_notice(site)}
