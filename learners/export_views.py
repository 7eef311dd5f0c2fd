"""Report downloads under /learn/reports/: export a report table, and the owner's exports.

Only people with Wagtail admin access reach these views (anonymous visitors go to the admin
login, others get a 403). Which rows a person may export is decided by the table builder,
which applies their scope (all courses for admins, their own for trainers) and the filters.

Small exports stream at once; larger ones are built by a Celery task, and the file is served
only by ``report_export_download`` to its owner (anyone else gets a 404).
"""

import tempfile
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .exports import (
    CONTENT_TYPES,
    FORMATS,
    csv_chunks,
    export_filename,
    export_request,
    params_from_querydict,
    sync_max_rows,
    write_xlsx,
)
from .models import ReportExport
from .tables import TABLE_BUILDERS, ReportError


def admin_access_required(view):
    """Anonymous → the admin login (with ``next``); logged in without admin access → 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if not user.has_perm("wagtailadmin.access_admin"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _refuse(request, message: str):
    """A filter the report cannot use: say so on the page the person came from, or on a 400
    page when there is none (a link typed or pasted)."""
    messages.error(request, message)
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(referer)
    return render(request, "learners/exports/error.html", {"message": message}, status=400)


@never_cache
@admin_access_required
@require_GET
def report_export(request, name: str):
    builder = TABLE_BUILDERS.get(name)
    if builder is None:
        raise Http404("No such report")
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        return _refuse(request, _("Exports are available as CSV or XLSX."))
    try:
        table = builder(request.user, request.GET)
    except ReportError as error:
        return _refuse(request, str(error))

    if table.row_count is not None and table.row_count <= sync_max_rows():
        filename = export_filename(name, fmt)
        if fmt == "csv":
            response = StreamingHttpResponse(csv_chunks(table), content_type=CONTENT_TYPES["csv"])
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, which deletes it)
        write_xlsx(table, handle)
        handle.seek(0)
        return FileResponse(
            handle, as_attachment=True, filename=filename, content_type=CONTENT_TYPES["xlsx"]
        )

    export = export_request(
        owner=request.user, table=table, params=params_from_querydict(request.GET), fmt=fmt
    )
    return render(request, "learners/exports/queued.html", {"export": export, "table": table})


@never_cache
@admin_access_required
@require_GET
def report_export_list(request):
    exports = ReportExport.objects.filter(owner=request.user).order_by("-created_at", "-id")[:100]
    return render(request, "learners/exports/list.html", {"exports": exports})


@never_cache
@admin_access_required
@require_GET
def report_export_download(request, export_uuid):
    export = get_object_or_404(ReportExport, uuid=export_uuid, owner=request.user)
    if export.status != ReportExport.Status.DONE or not export.file:
        return render(request, "learners/exports/status.html", {"export": export})
    try:
        handle = export.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is gone") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=export.filename,
        content_type=CONTENT_TYPES.get(export.format, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response
