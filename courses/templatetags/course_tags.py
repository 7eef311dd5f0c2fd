"""Template filters for course content."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# An <iframe ...> start tag; quoted attribute values may contain ">".
_IFRAME = re.compile(r"""<iframe\b((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.IGNORECASE)
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_LOADING = re.compile(r"(?:^|\s)loading(?=\s*=|\s|/|$)", re.IGNORECASE)


@register.filter
def lazy_iframes(html) -> str:
    """The HTML with ``loading="lazy"`` on each ``<iframe>`` that sets no ``loading`` itself.

    For a video block's embed (``{{ value.video|lazy_iframes }}``): the provider's player
    then loads only when it comes into view, which for an embed inside a closed
    ``<details>`` means when the learner opens it. Takes the embed value or its HTML; HTML
    not marked safe (not from Wagtail's embed finder) is escaped, as ``{{ }}`` would.
    """
    if html is None:
        return ""
    html = conditional_escape(getattr(html, "html", html))

    def lazy(match: re.Match) -> str:
        if _LOADING.search(_QUOTED.sub('""', match.group(1))):
            return match.group(0)
        return f'<iframe loading="lazy"{match.group(1)}>'

    return mark_safe(_IFRAME.sub(lazy, html))  # noqa: S308 - an attribute added to safe HTML
