"""The one sanitising helper against a corpus of XSS vectors, and as a property."""

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cms.sanitise import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitise_html, sanitise_text

XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div onmouseover="alert(1)">hover</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!--<script>alert(1)//--></script>",
    '<input autofocus onfocus="alert(1)">',
    "<details open ontoggle=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<style>@import 'javascript:alert(1)';</style>",
    '<a href="  javascript:alert(1)">x</a>',
    '<img src="x" alt="&quot; onerror=&quot;alert(1)">',
    '<p title="</p><script>alert(1)</script>">t</p>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def assert_safe_html(output: str) -> None:
    parser = TagCollector()
    parser.feed(output)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, output
        for name, value in attrs:
            assert name in {*ALLOWED_ATTRIBUTES.get(tag, []), "rel"}, output
            assert not name.startswith("on"), output
            if name == "href":
                assert (value or "").startswith(("http://", "https://", "mailto:")), output
    assert "<script" not in output.lower()


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_xss_vectors_are_neutralised_in_html(payload):
    assert_safe_html(sanitise_html(payload))


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_xss_vectors_leave_no_markup_in_plain_text(payload):
    output = sanitise_text(payload)
    parser = TagCollector()
    parser.feed(output)
    assert parser.tags == [], output


def test_simple_formatting_and_links_survive():
    html = sanitise_html(
        '<p>See <strong>this</strong> <a href="https://example.org">report</a></p><ul><li>x</li></ul>'
    )
    assert "<strong>this</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow noopener noreferrer"' in html
    assert "<ul><li>x</li></ul>" in html


def test_plain_text_keeps_ordinary_characters():
    assert sanitise_text("  Tom & Jerry: 3 < 5, Škola, Işık, Ђорђе  ") == (
        "Tom & Jerry: 3 < 5, Škola, Işık, Ђорђе"
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' ajvscriptonerrohfimg:&;#x()")), max_size=80))
def test_any_input_comes_out_safe_and_stable(text):
    once = sanitise_html(text)
    assert_safe_html(once)
    assert sanitise_text(sanitise_text(text)) == sanitise_text(text)
