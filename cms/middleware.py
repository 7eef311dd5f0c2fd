"""Let browsers and shared caches keep public pages for anonymous visitors briefly.

Learners on slow, metered connections benefit most: a catalogue or course page seen a minute
ago is served from the cache. A response is marked public only when it is a successful GET
for an anonymous visitor that sets no cookie (no session, no CSRF token, no message) and has
no Cache-Control of its own; ``Vary: Cookie`` keeps logged-in visitors out of shared caches.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

PRIVATE_PREFIXES = ("/admin/", "/accounts/", "/documents/")


class AnonymousCacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.max_age = getattr(settings, "ANONYMOUS_PAGE_MAX_AGE", 60)

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.cookies
            and not response.has_header("Cache-Control")
            and not (user and user.is_authenticated)
            and not request.path.startswith(PRIVATE_PREFIXES)
        ):
            patch_cache_control(response, public=True, max_age=self.max_age)
            patch_vary_headers(response, ("Cookie",))
        return response
