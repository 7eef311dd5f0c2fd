"""StreamField blocks for the site's own pages (home, standard pages)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Subheading"))], default="h2"
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("Heading")
        description = _("A section heading, shown in the page outline for screen readers.")
        preview_value = {"text": "Freedom from fear, freedom from want", "level": "h2"}


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    link_label = blocks.CharBlock(label=_("Link label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"))

    class Meta:
        icon = "link"
        template = "blocks/call_to_action.html"
        label = _("Call to action")
        description = _("A short sentence with one prominent link to a page of the site.")
        preview_value = {"text": "Start with our free introductory course.", "link_label": "Go"}


class SitePageStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        template="blocks/rich_text.html",
        icon="pilcrow",
        description=_("Paragraphs of text with links and lists."),
        preview_value="<p>Human security puts people at the centre.</p>",
    )
    call_to_action = CallToActionBlock()
