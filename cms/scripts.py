"""Serbian in the script of the interface.

Serbian content exists once (the "sr" locale), written in either script; the interface has
a Cyrillic (``sr``) and a Latin (``sr-latn``) Serbian. This middleware writes every Serbian
page in the script its reader chose: text of elements in Serbian is transliterated
(``cms.transliteration``), while parts marked in another language (``lang="en"`` on an
untranslated lesson, the language switcher's names), code, form values and attributes other
than alt/title/aria-label/placeholder are left as they are.
"""

import re

from django.utils.translation import get_language

from .transliteration import transliterate_html

SCRIPTS = {"sr": "cyrl", "sr-latn": "latn"}
# A fragment marked as Serbian in the other script is now in this one.
_SERBIAN_LANG = re.compile(r'\blang="sr(?:-(?:latn|cyrl))?"', re.IGNORECASE)


class SerbianScriptMiddleware:
    """Transliterate Serbian HTML pages into the interface's script. Must sit inside GZip
    (after it in MIDDLEWARE): it reads and rewrites the uncompressed body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        script = SCRIPTS.get(get_language() or "")
        if (
            script is None
            or request.path.startswith("/admin/")
            or response.streaming
            or response.has_header("Content-Encoding")
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        charset = response.charset or "utf-8"
        html = transliterate_html(response.content.decode(charset), to=script)
        html = _SERBIAN_LANG.sub(f'lang="{get_language()}"', html)
        response.content = html.encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
