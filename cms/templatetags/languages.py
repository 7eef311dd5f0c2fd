"""The language switcher: a link per language to the same page in that language.

On a Wagtail page the links go to its translations (or the aliases wagtail-localize keeps of
untranslated pages), with any sub-path of a routable page kept (``…/attempt/12/``); on the
site's other pages (``/learn/``, accounts, certificates) Django's ``translate_url`` gives the
same view under the other language's prefix. Links, not a form: they work without
JavaScript and can be bookmarked.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, override
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

register = template.Library()


def _page_links(request, page: Page) -> dict[str, str]:
    """URL of ``page`` in each interface language that has a version of it, with the
    request's sub-path. Languages sharing a content locale (Serbian in both scripts) get
    the same page under their own prefix."""
    own_url = page.get_url(request) or ""
    rest = request.path[len(own_url) :] if own_url and request.path.startswith(own_url) else ""
    versions = {
        version.locale.language_code: version
        for version in page.get_translations(inclusive=True).live().select_related("locale")
    }
    links = {}
    for code, _name in settings.LANGUAGES:
        try:
            version = versions.get(get_supported_content_language_variant(code))
        except LookupError:
            continue
        if version is not None:
            with override(code):
                url = version.get_url(request)
            if url:
                links[code] = url + rest
    return links


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    if request is None:
        return {"languages": []}
    current = get_language()
    page = context.get("page")
    versions = _page_links(request, page) if isinstance(page, Page) and page.pk else {}
    full_path = request.get_full_path()
    languages = []
    for code, name in settings.LANGUAGES:
        # A page not in that language: the other language's home page.
        url = versions.get(code) or translate_url(full_path if not versions else "/", code)
        languages.append({"code": code, "name": name, "url": url, "current": code == current})
    return {
        "languages": languages,
        "current": current,
        "current_name": dict(settings.LANGUAGES).get(current, current),
    }


@register.simple_tag
def localized_path(path: str) -> str:
    """``path`` (an English URL path) in the current language: ``/courses/`` → ``/sq/courses/``.
    No query; section pages keep their slugs in every language."""
    return translate_url(path, get_language())
