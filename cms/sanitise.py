"""The one place where free text written by people is made safe to show back.

Everything a learner writes (motivation statements, essay answers, profile fields) passes
through ``sanitise_html`` (a little formatting allowed) or ``sanitise_text`` (none) before it
is stored. Never call bleach anywhere else: one allow-list is one thing to review.
"""

import html

import bleach

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "blockquote", "code", "pre", "a"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


def _link_attributes(attrs, new=False):
    """Links written by learners never pass on referrers or ranking to their targets."""
    href_key = (None, "href")
    if href_key in attrs:
        attrs[(None, "rel")] = "nofollow noopener noreferrer"
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[],
)


def sanitise_html(value: str) -> str:
    """Keep simple formatting (paragraphs, emphasis, lists, links); drop everything else."""
    cleaned = _cleaner.clean(value or "")
    return bleach.linkify(cleaned, callbacks=[_link_attributes], skip_tags={"pre", "code"})


def sanitise_text(value: str) -> str:
    """Plain text: every tag removed (also tags smuggled in as entities), space trimmed.

    The result is stored unescaped ("a < b" stays readable) because templates escape on
    output; what matters is that no markup survives, however it was encoded.
    """
    text = value or ""
    for _ in range(5):  # "&lt;script&gt;" is a tag once unescaped: strip until stable
        stripped = html.unescape(bleach.clean(text, tags=set(), attributes={}, strip=True))
        if stripped == text:
            break
        text = stripped
    return text.strip()
