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
from wagtail.models import Page, Site

from cms.content_cache import read_through

register = template.Library()


def _page_links(request, page: Page) -> dict[str, str]:
    """URL of ``page`` in each interface language that has a version of it, with the
    request's sub-path."""
    own_url, urls = _version_urls(request, page)
    rest = request.path[len(own_url) :] if own_url and request.path.startswith(own_url) else ""
    return {code: url + rest for code, url in urls.items()}


def _version_urls(request, page: Page) -> tuple[str, dict[str, str]]:
    """(the page's own URL, its URL in each interface language that has a version of it).
    The same for every viewer of the page on this site in this language: cached under the
    content generation, which a publish, move or slug change moves on. A preview shows a
    draft (its slug may differ): never cached."""
    if getattr(request, "is_preview", False):
        return _version_urls_from_db(request, page)
    site = Site.find_for_request(request)
    # The own URL is taken in the active language (Serbian's two scripts share a page).
    key = f"cms:page-languages:{page.pk}:{site.pk if site else 0}:{get_language()}"
    return read_through(key, lambda: _version_urls_from_db(request, page))[0]


def _version_urls_from_db(request, page: Page) -> tuple[str, dict[str, str]]:
    # Languages sharing a content locale (Serbian in both scripts) get the same page under
    # their own prefix.
    versions = {
        version.locale.language_code: version
        for version in page.get_translations(inclusive=True).live().select_related("locale")
    }
    urls = {}
    for code, _name in settings.LANGUAGES:
        try:
            version = versions.get(get_supported_content_language_variant(code))
        except LookupError:
            continue
        if version is not None:
            with override(code):
                url = version.get_url(request)
            if url:
                urls[code] = url
    return page.get_url(request) or "", urls


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
