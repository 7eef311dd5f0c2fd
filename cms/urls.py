"""URL configuration: accounts, the learner's own pages, the Wagtail admin, documents, and
Wagtail's page serving.

Pages a learner reads carry their language in the URL (``i18n_patterns``): English without a
prefix (``/courses/…``), every other language with one (``/sq/courses/…``). The admin, the
documents and the language switch stay outside: the admin follows each user's own setting.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("learn/", include("learners.urls")),
    path("certificates/", include("learners.certificate_urls")),
    # Wagtail serves every other path from the page tree of the URL's language; last.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
