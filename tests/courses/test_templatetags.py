"""The ``lazy_iframes`` filter: provider embeds load only when the learner asks for them."""

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeString
from wagtail.embeds.blocks import EmbedValue

from courses.templatetags.course_tags import lazy_iframes

PLAYER = (
    '<div class="responsive-object"><iframe width="480" height="270" '
    'src="https://video.example/embed/talk" title="A > B" allowfullscreen></iframe></div>'
)


def test_adds_loading_lazy_to_each_iframe_and_keeps_the_rest():
    html = lazy_iframes(SafeString(PLAYER + PLAYER.replace("talk", "other")))
    assert html.count('<iframe loading="lazy" width="480"') == 2
    assert 'title="A > B" allowfullscreen></iframe></div>' in html
    assert html.replace(' loading="lazy"', "") == PLAYER + PLAYER.replace("talk", "other")


@pytest.mark.parametrize(
    "tag",
    [
        '<iframe loading="lazy" src="https://video.example/embed/1">',
        "<iframe src='https://video.example/embed/1' loading='eager'>",
        '<IFRAME SRC="https://video.example/embed/1" LOADING=lazy>',
        '<iframe src="https://video.example/embed/1" loading>',
    ],
)
def test_leaves_an_iframe_that_sets_loading_alone(tag):
    assert lazy_iframes(SafeString(tag)) == tag


def test_an_attribute_value_mentioning_loading_does_not_count():
    tag = '<iframe title="Slow loading=yes" data-loading="1" src="https://video.example/1">'
    assert lazy_iframes(SafeString(tag)).startswith('<iframe loading="lazy" title=')


def test_html_not_marked_safe_is_escaped_not_trusted():
    html = lazy_iframes('<iframe src="https://evil.example/"></iframe>')
    assert "<iframe" not in html
    assert "&lt;iframe" in html


def test_takes_the_embed_value_of_a_video_block(monkeypatch):
    value = EmbedValue("https://video.example/watch?v=talk")
    monkeypatch.setattr(EmbedValue, "html", SafeString(PLAYER))
    rendered = Template("{% load course_tags %}{{ value|lazy_iframes }}").render(
        Context({"value": value})
    )
    assert '<iframe loading="lazy" width="480"' in rendered
    assert lazy_iframes(None) == ""


@pytest.mark.django_db
def test_a_video_block_embeds_the_player_lazily(settings):
    """The whole way: Wagtail's embed finder (an offline stub answering like YouTube's
    oEmbed), the embed template, the video block's template."""
    from wagtail.embeds.finders import get_finders

    from courses.blocks import VideoBlock

    settings.WAGTAILEMBEDS_FINDERS = [
        {"class": "tests.e2e.support.StubVideoFinder", "embed_base": "https://video.invalid/e/"}
    ]
    get_finders.cache_clear()
    try:
        block = VideoBlock()
        html = block.render(
            block.to_python(
                {
                    "video": "https://video.invalid/watch?v=talk",
                    "title": "Freedom from fear",
                    "transcript": "<p>Words spoken.</p>",
                }
            )
        )
    finally:
        get_finders.cache_clear()
    assert '<iframe loading="lazy" width="480" height="270" src="https://video.invalid/e/talk"' in (
        html
    )
    assert html.count("loading=") == 1
