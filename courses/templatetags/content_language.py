from django import template
from django.conf import settings

from courses.languages import content_language as language_of

register = template.Library()
NAMES = dict(settings.LANGUAGES)


@register.simple_tag
def content_language(page, course=None) -> str:
    """``{% content_language page course as lang %}``: see ``courses.languages``."""
    return language_of(page, course) if page is not None else ""


@register.filter
def languages_of(course, available: dict) -> list[tuple[str, str]]:
    """``course|languages_of:course_languages``: (code, name in that language) it is in."""
    codes = (available or {}).get(course.translation_key, [])
    return [(code, NAMES.get(code, code)) for code in codes]
