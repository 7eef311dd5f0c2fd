"""Every lesson block renders its content, and validates what must not be missing."""

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from courses.blocks import LessonStreamBlock

pytestmark = pytest.mark.django_db

STREAM = LessonStreamBlock()


def render(block_type: str, raw: object) -> str:
    block = STREAM.child_blocks[block_type]
    return block.render(block.to_python(raw))


@pytest.mark.parametrize(
    ("block_type", "raw", "expected"),
    [
        ("rich_text", "<p>Freedom from <b>want</b></p>", "Freedom from <b>want</b>"),
        ("heading", {"text": "Seven dimensions", "level": "h2"}, "<h2>Seven dimensions</h2>"),
        ("heading", {"text": "Food security", "level": "h3"}, "<h3>Food security</h3>"),
        (
            "key_concept",
            {"term": "Human security", "explanation": "<p>People first.</p>"},
            "Human security",
        ),
        ("quote", {"quote": "Security for people", "source": "UNDP 1994"}, "UNDP 1994"),
        (
            "case_study",
            {"title": "A safety council", "body": "<p>Monthly.</p>"},
            "A safety council",
        ),
        ("reflection", {"prompt": "What makes you feel safe?"}, "What makes you feel safe?"),
        (
            "further_reading",
            {
                "items": [
                    {
                        "title": "HDR 1994",
                        "author": "UNDP",
                        "year": "1994",
                        "publisher": "OUP",
                        "url": "https://hdr.undp.org/",
                    }
                ]
            },
            'href="https://hdr.undp.org/"',
        ),
    ],
)
def test_text_blocks_render_their_content(block_type, raw, expected):
    assert expected in render(block_type, raw)


def test_image_block_renders_sized_lazy_image_with_alt_text():
    image = wagtail_factories.ImageFactory()
    html = render(
        "image", {"image": image.pk, "alt_text": "A dialogue meeting", "caption": "Mostar"}
    )
    assert 'alt="A dialogue meeting"' in html
    assert 'loading="lazy"' in html
    assert "srcset=" in html
    assert 'width="' in html
    assert "<figcaption>Mostar</figcaption>" in html


def test_image_block_requires_alt_text():
    image = wagtail_factories.ImageFactory()
    block = STREAM.child_blocks["image"]
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))


def test_video_block_requires_a_transcript():
    block = STREAM.child_blocks["video"]
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"video": "", "title": "Talk", "transcript": ""}))


def test_video_block_renders_transcript_and_defers_the_player():
    html = render(
        "video",
        {"video": "", "title": "Freedom from fear", "transcript": "<p>Words spoken.</p>"},
    )
    assert "Words spoken." in html
    assert "<details" in html  # the player loads only when asked: saves data


def test_document_block_links_the_download_with_its_format():
    document = Document.objects.create(
        title="Toolkit", file=ContentFile(b"%PDF-1.4 toolkit", name="toolkit.pdf")
    )
    html = render("document", {"document": document.pk, "title": "Toolkit", "description": ""})
    assert document.url in html
    assert "PDF" in html


def test_every_block_declares_icon_template_and_description():
    for name, block in STREAM.child_blocks.items():
        assert block.meta.icon, name
        assert block.meta.template, name
        assert block.meta.description, name
