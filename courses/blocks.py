"""StreamField blocks for lesson bodies.

Every block carries an icon, a template under templates/blocks/, a preview value and a
description so trainers can pick the right one in the admin.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.blocks import HeadingBlock

LESSON_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4", "blockquote"]


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", LESSON_RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text.html"
        label = _("Text")
        description = _("Paragraphs of text with links and lists.")
        preview_value = (
            "<p>Human security asks what makes <b>people</b>, not only states, safe.</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")
        description = _("An image with a caption and required alternative text.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"), help_text=_("A YouTube, Vimeo or similar link."))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("Transcript or summary"),
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_(
            "Required: for learners who cannot hear the video or cannot afford to stream it."
        ),
    )

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        label = _("Video")
        description = _("An embedded video with a required transcript or summary.")
        preview_value = {
            "title": "Freedom from fear",
            "transcript": "<p>A short talk on freedom from fear.</p>",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=500)

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"
        label = _("Download")
        description = _("A report, toolkit or handout to download, with its size shown.")


class KeyConceptBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Term"), max_length=120)
    explanation = blocks.RichTextBlock(
        label=_("Explanation"), features=["bold", "italic", "link", "ul"]
    )

    class Meta:
        icon = "pick"
        template = "blocks/key_concept.html"
        label = _("Key concept")
        description = _("A highlighted definition learners should remember.")
        preview_value = {
            "term": "Human security",
            "explanation": "<p>Security centred on people rather than states.</p>",
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quotation"), max_length=1500)
    source = blocks.CharBlock(label=_("Source"), max_length=250)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        label = _("Quotation")
        description = _("A quotation with its source.")
        preview_value = {
            "quote": "Human security is people-centred.",
            "source": "UNDP, Human Development Report 1994",
        }


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    body = blocks.RichTextBlock(label=_("Case"), features=LESSON_RICH_TEXT_FEATURES)

    class Meta:
        icon = "folder-open-inverse"
        template = "blocks/case_study.html"
        label = _("Case study")
        description = _("A worked example from the region, set apart from the lesson text.")
        preview_value = {
            "title": "A municipal safety council",
            "body": "<p>Residents, police and the municipality meet monthly.</p>",
        }


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Prompt"), max_length=1000)

    class Meta:
        icon = "help"
        template = "blocks/reflection.html"
        label = _("Reflection prompt")
        description = _("A question for learners to think about before moving on.")
        preview_value = {"prompt": "What makes you feel unsafe in your own town?"}


class ReadingItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=300)
    author = blocks.CharBlock(label=_("Author"), max_length=200, required=False)
    year = blocks.CharBlock(label=_("Year"), max_length=20, required=False)
    publisher = blocks.CharBlock(label=_("Publisher"), max_length=200, required=False)
    url = blocks.URLBlock(label=_("Link"), required=False)

    class Meta:
        icon = "link"


class FurtherReadingBlock(blocks.StructBlock):
    items = blocks.ListBlock(ReadingItemBlock(), label=_("Readings"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/further_reading.html"
        label = _("Further reading")
        description = _("A list of books, reports and articles for learners who want more.")
        preview_value = {
            "items": [
                {
                    "title": "Human Development Report 1994",
                    "author": "UNDP",
                    "year": "1994",
                    "publisher": "Oxford University Press",
                }
            ]
        }


class LessonStreamBlock(blocks.StreamBlock):
    rich_text = RichTextBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    key_concept = KeyConceptBlock()
    quote = QuoteBlock()
    case_study = CaseStudyBlock()
    reflection = ReflectionBlock()
    further_reading = FurtherReadingBlock()
