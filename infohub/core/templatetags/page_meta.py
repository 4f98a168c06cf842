"""``{% capture name %}...{% endcapture %}``: render a part once, use it several times.

``base.html`` captures the title and description blocks a page fills in, so the same
text reaches ``<title>``, ``<meta name="description">`` and the Open Graph tags that
messaging apps show when a link is shared.
"""

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: Context) -> str:
        # The parts are rendered with autoescaping, so the text is already escaped;
        # tags are dropped and whitespace collapsed so it fits in an attribute.
        text = " ".join(strip_tags(self.nodelist.render(context)).split())
        context[self.name] = mark_safe(text)  # noqa: S308 - escaped when rendered above
        return ""


@register.tag
def capture(parser: Parser, token: Token) -> CaptureNode:
    bits = token.split_contents()
    if len(bits) != 2:  # the tag and the name
        raise template.TemplateSyntaxError("Usage: {% capture name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])
