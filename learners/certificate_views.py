"""Public certificate pages and the owner's PDF, mounted at /certificates/ by cms.urls.

* ``verify/`` — a form to type a code; ``verify/<code>/`` — valid or revoked, with the name,
  course, date and hours and nothing else. Codes are checked against ``CODE_PATTERN`` before
  any query, unknown codes are a 404 that says so, and lookups are rate-limited per IP, so
  the page cannot be used to enumerate certificates (codes carry 128 random bits anyway).
* ``<code>/pdf/`` — the stored PDF, for the certificate's owner only (anyone else: 404).
* Open Badges 2.0 hosted verification: ``<code>/badge.json`` (Assertion),
  ``badges/<course translation key>.json`` (BadgeClass), ``issuer.json`` (Issuer profile).

Verification responses are ``never_cache``: a revocation shows at once.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cms.ratelimit import rate_limit_exceeded
from courses.models import CoursePage

from .certificates import (
    badge_assertion,
    badge_class,
    code_is_well_formed,
    issuer_name,
    issuer_profile,
    pdf_filename,
)
from .models import Certificate

VERIFY_LIMIT_PER_MINUTE = 30
JSON_LD = "application/ld+json"


def _limited(request):
    if rate_limit_exceeded(
        request, scope="certificate-verify", limit=VERIFY_LIMIT_PER_MINUTE, period=60
    ):
        response = render(request, "learners/certificates/rate_limited.html", status=429)
        response["Retry-After"] = "60"
        return response
    return None


def _not_found(request, code: str = ""):
    return render(
        request,
        "learners/certificates/not_found.html",
        {"code": code if code_is_well_formed(code) else ""},
        status=404,
    )


def _certificate_or_none(code: str) -> Certificate | None:
    if not code_is_well_formed(code):
        return None
    return Certificate.objects.filter(code=code).select_related("course").first()


@never_cache
@require_http_methods(["GET", "POST"])
def verify_form(request):
    """The form; a submitted code (GET ?code= or POST) redirects to its page."""
    source = request.POST if request.method == "POST" else request.GET
    if "code" not in source:
        return render(request, "learners/certificates/verify_form.html", {"issuer": issuer_name()})
    code = "".join(str(source.get("code", ""))[:200].split())
    if not code_is_well_formed(code):
        if limited := _limited(request):
            return limited
        return _not_found(request)
    return redirect("certificates:verify_code", code=code)


@never_cache
@require_GET
def verify_code(request, code: str):
    if limited := _limited(request):
        return limited
    certificate = _certificate_or_none(code)
    if certificate is None:
        return _not_found(request, code)
    return render(request, "learners/certificates/verify.html", {"certificate": certificate})


@never_cache
@login_required
@require_GET
def certificate_pdf(request, code: str):
    """The stored PDF, for its owner only."""
    certificate = _certificate_or_none(code)
    if certificate is None or certificate.learner_id != request.user.pk or not certificate.pdf:
        raise Http404(_("No certificate with this code"))
    try:
        handle = certificate.pdf.open("rb")
    except FileNotFoundError:
        raise Http404(_("No certificate with this code")) from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=pdf_filename(certificate),
        content_type="application/pdf",
    )


def _json_ld(data: dict, *, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type=f"{JSON_LD}; charset=utf-8",
        status=status,
    )
    # Badge backpacks fetch these from other origins.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@never_cache
@require_GET
def assertion_json(request, code: str):
    if limited := _limited(request):
        return limited
    certificate = _certificate_or_none(code)
    if certificate is None:
        return _json_ld({"error": "No certificate with this code"}, status=404)
    return _json_ld(badge_assertion(certificate))


@cache_control(public=True, max_age=3600)
@require_GET
def badge_class_json(request, key):
    course = CoursePage.objects.filter(translation_key=key).order_by("pk").first()
    if course is None or not (
        course.certificate_offered or Certificate.objects.filter(course=course).exists()
    ):
        return _json_ld({"error": "No such badge"}, status=404)
    return _json_ld(badge_class(course))


@cache_control(public=True, max_age=3600)
@require_GET
def issuer_json(request):
    return _json_ld(issuer_profile())
