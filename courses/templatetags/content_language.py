from django import template

from courses.languages import content_language as language_of

register = template.Library()


@register.simple_tag
def content_language(page, course=None) -> str:
    """``{% content_language page course as lang %}``: see ``courses.languages``."""
    return language_of(page, course) if page is not None else ""
