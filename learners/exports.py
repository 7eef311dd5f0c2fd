"""Report exports: CSV and XLSX writers for report tables, and building large exports.

Every report table (``learners.tables``) downloads as CSV or XLSX with the filters applied.
Small tables stream at once (``learners.export_views``); larger ones are written to storage by
``learners.tasks.report_export_build``, which calls ``export_build`` here and emails the owner
a link only they can open.

Cells a spreadsheet would read as a formula (text starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) are prefixed with a single quote in both formats, so a learner's
organisation name such as ``=HYPERLINK(...)`` stays inert text (CSV injection). Numbers in
numeric columns are written as numbers, so negative figures are not touched.

Files live in default storage under ``exports/<uuid4>/``: the path cannot be guessed and the
only way to the file is the owner-checked download view. In production the web server must
not publish ``MEDIA_ROOT/exports/`` (keep it out of any ``/media/`` alias or bucket policy).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import logging
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from cms.tasks import email_send, enqueue_on_commit

from .models import ReportExport
from .tables import TABLE_BUILDERS, Column, ReportError, Table

logger = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NUMERIC_KINDS = ("int", "number", "percent")
BOM = "\ufeff"
CSV_ROWS_PER_CHUNK = 200


def sync_max_rows() -> int:
    """Exports up to this many rows stream at once; larger (or uncounted) ones go to a task."""
    return getattr(settings, "REPORT_EXPORT_SYNC_MAX_ROWS", 10_000)


def export_filename(table_name: str, fmt: str) -> str:
    return f"{table_name}-{timezone.localdate().isoformat()}.{fmt}"


def escape_text(text: str) -> str:
    """Make text that a spreadsheet would evaluate as a formula inert."""
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def cell_value(column: Column, value: Any) -> Any:
    """A value as it goes into a file: numbers stay numbers, dates become ISO text (or a
    date for XLSX, see ``_xlsx_cell``), everything else is escaped text."""
    if value is None:
        return ""
    if column.kind in NUMERIC_KINDS and _is_number(value):
        return value
    if isinstance(value, datetime.datetime):
        return _local(value).replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if _is_number(value):
        # A number in a text column (a count, an id): still a number, never a formula.
        return value
    return escape_text(str(value))


# CSV ------------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(table: Table) -> Iterator[str]:
    """The table as CSV text chunks (UTF-8 BOM first, so Excel reads Cyrillic and Turkish
    right), for a StreamingHttpResponse or a file."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([escape_text(str(column.label)) for column in table.columns])
    columns = table.columns
    chunk: list[str] = []
    for row in table.rows:
        chunk.append(
            writer.writerow([cell_value(c, v) for c, v in zip(columns, row, strict=False)])
        )
        if len(chunk) >= CSV_ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def write_csv(table: Table, stream: IO[str]) -> int:
    """Write the table as CSV to a text stream (open it with ``newline=""``); returns the
    number of data rows written."""
    counted = _Counting(table.rows)
    for chunk in csv_chunks(dataclasses.replace(table, rows=counted)):
        stream.write(chunk)
    return counted.count


class _Counting:
    def __init__(self, rows: Iterable):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


# XLSX -----------------------------------------------------------------------------------

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip().strip("'")
    return (cleaned or "Report")[:31]


def _xlsx_cell(sheet, column: Column, value: Any) -> WriteOnlyCell:
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=_local(value).replace(tzinfo=None, microsecond=0))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    value = cell_value(column, value)
    if isinstance(value, str):
        # Characters XML cannot hold would make openpyxl refuse the whole file.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # never "f": escaped text is a string, not a formula
        return cell
    return WriteOnlyCell(sheet, value=value)


def write_xlsx(table: Table, file: IO[bytes] | str) -> int:
    """Write the table as an XLSX workbook (openpyxl write-only mode, so memory stays flat
    whatever the row count) to a binary file or path; returns the number of data rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(str(table.title or table.name)))
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=escape_text(str(column.label)))
        cell.data_type = "s"
        header.append(cell)
    sheet.append(header)
    rows = 0
    columns = table.columns
    for row in table.rows:
        sheet.append([_xlsx_cell(sheet, c, v) for c, v in zip(columns, row, strict=False)])
        rows += 1
    workbook.save(file)
    return rows


# Large exports ----------------------------------------------------------------------------


def params_from_querydict(query: QueryDict) -> dict[str, list[str]]:
    """The filters of an export request, without the export's own ``format``."""
    return {key: values for key, values in query.lists() if key != "format"}


def params_to_querydict(params: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, values if isinstance(values, list) else [values])
    query._mutable = False
    return query


def export_request(*, owner, table: Table, params: dict[str, list[str]], fmt: str) -> ReportExport:
    """Record a large export and queue its build once the transaction commits."""
    from .tasks import report_export_build  # tasks import this module

    with transaction.atomic():
        export = ReportExport.objects.create(
            owner=owner,
            table_name=table.name,
            title=str(table.title)[:200],
            params=params,
            format=fmt,
            row_count=table.row_count,
        )
        enqueue_on_commit(report_export_build, kwargs={"export_id": export.pk})
    return export


def export_download_url(export: ReportExport) -> str:
    path = reverse("learners:report_export_download", args=[export.uuid])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _can_export(user) -> bool:
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


def _fail(export: ReportExport, error: str) -> None:
    with transaction.atomic():
        failed = (
            ReportExport.objects.filter(pk=export.pk)
            .exclude(status__in=[ReportExport.Status.DONE, ReportExport.Status.FAILED])
            .update(
                status=ReportExport.Status.FAILED, error=error[:2000], finished_at=timezone.now()
            )
        )
        if failed:
            title = export.title or export.table_name
            email_send(
                subject=_("Your export “%(title)s” could not be built") % {"title": title},
                body=_("Hello,\n\nThe export you asked for could not be built: %(error)s\n")
                % {"error": error},
                to=[export.owner.email],
            )


def export_build(*, export_id: int) -> bool:
    """Build one export's file and email its owner the link; returns whether it was built.

    Safe to run twice (tasks are acked late): an export already done is skipped, and only the
    run that marks it done sends the email (a losing concurrent run deletes its own file).
    """
    export = ReportExport.objects.select_related("owner").filter(pk=export_id).first()
    if export is None or export.status == ReportExport.Status.DONE:
        return False
    ReportExport.objects.filter(pk=export.pk).update(status=ReportExport.Status.RUNNING)
    owner = export.owner
    builder = TABLE_BUILDERS.get(export.table_name)
    if builder is None:
        _fail(export, _("This report no longer exists."))
        return False
    if not _can_export(owner):
        _fail(export, _("You no longer have access to the reports."))
        return False

    with translation.override(owner.preferred_language or settings.LANGUAGE_CODE):
        try:
            table = builder(owner, params_to_querydict(export.params))
            rows, stored_name = _write_to_storage(export, table)
        except ReportError as error:
            _fail(export, str(error))
            return False
        except Exception:
            logger.exception("Report export %s failed", export.pk)
            _fail(export, _("The export could not be built. Please try again or contact us."))
            return False

        with transaction.atomic():
            done = (
                ReportExport.objects.filter(pk=export.pk)
                .exclude(status=ReportExport.Status.DONE)
                .update(
                    status=ReportExport.Status.DONE,
                    file=stored_name,
                    row_count=rows,
                    error="",
                    finished_at=timezone.now(),
                )
            )
            if not done:
                export.file.storage.delete(stored_name)
                return False
            _email_owner(export, owner, rows)
    return True


def _write_to_storage(export: ReportExport, table: Table) -> tuple[int, str]:
    filename = export_filename(export.table_name, export.format)
    with tempfile.TemporaryFile() as handle:
        if export.format == ReportExport.Format.XLSX:
            rows = write_xlsx(table, handle)
        else:
            text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
            rows = write_csv(table, text)
            text.detach()
        handle.seek(0)
        field = export.file
        name = field.field.generate_filename(export, filename)
        stored_name = field.storage.save(name, File(handle), max_length=field.field.max_length)
    return rows, stored_name


def _email_owner(export: ReportExport, owner, rows: int) -> None:
    url = export_download_url(export)
    title = export.title or export.table_name
    subject = _("Your export “%(title)s” is ready") % {"title": title}
    body = _(
        "Hello,\n\nThe export you asked for is ready (%(rows)s rows, %(format)s):\n\n%(url)s\n\n"
        "Only you can open this link, after logging in to the admin. Your exports are listed "
        "at %(list_url)s\n"
    ) % {
        "rows": rows,
        "format": export.format.upper(),
        "url": url,
        "list_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("learners:report_exports"),
    }
    email_send(subject=subject, body=body, to=[owner.email])
