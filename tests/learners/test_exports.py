"""Report exports: CSV/XLSX writers, formula escaping, small exports at once, large ones
through a Celery task with an emailed link only the owner can open."""

import csv
import html
import io
import time
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from learners.exports import cell_value, escape_text, write_csv, write_xlsx
from learners.models import ReportExport
from learners.tables import TABLE_BUILDERS, Column, Table, register_table
from learners.tasks import report_export_build
from tests.factories.learners import UserFactory
from tests.learners.test_exports_builders import LAST_ACTIVE, NAME, people_table

EXPORT_URL = f"/learn/reports/export/{NAME}/"
ESCAPED_ORGANISATIONS = ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tHidden", "'\rHidden"]
# XML turns a carriage return into a line feed when the workbook is read back; still escaped.
ESCAPED_IN_XLSX = [*ESCAPED_ORGANISATIONS[:5], "'\nHidden"]
LABELS = [
    "Name",
    "Organisation",
    "Requested by",
    "Enrolled",
    "Last active",
    "Progress %",
    "Balance",
    "Score",
]


@pytest.fixture
def people():
    register_table(NAME)(people_table)
    yield NAME
    TABLE_BUILDERS.pop(NAME, None)


def admin_access_user(**kwargs):
    user = UserFactory(**kwargs)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


@pytest.fixture
def admin(db):
    return UserFactory(is_staff=True, is_superuser=True, email="admin-export@example.org")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


# Writers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Plain = fine", "Plain = fine"),
        ("", ""),
    ],
)
def test_escape_text(text, expected):
    assert escape_text(text) == expected


def test_numbers_stay_numbers_and_text_that_looks_like_one_is_escaped():
    assert cell_value(Column("n", "N", kind="int"), -3) == -3
    assert cell_value(Column("n", "N", kind="number"), -1.5) == -1.5
    assert cell_value(Column("n", "N", kind="percent"), 12.5) == 12.5
    assert cell_value(Column("t", "T"), -7) == -7  # a real number, even in a text column
    assert cell_value(Column("n", "N", kind="int"), "-2+3") == "'-2+3"  # text is text
    assert cell_value(Column("t", "T"), None) == ""


def test_write_csv_and_xlsx_to_files(tmp_path):
    user = UserFactory.build(email="x@example.org")
    table = people_table(user, {})
    stream = io.StringIO(newline="")
    assert write_csv(table, stream) == 7
    rows = list(csv.reader(io.StringIO(stream.getvalue().removeprefix("\ufeff"))))
    assert rows[0] == LABELS
    assert len(rows) == 8

    path = tmp_path / "t.xlsx"
    assert write_xlsx(people_table(user, {}), path) == 7
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "People  test"  # brackets are not allowed in sheet titles
    assert sheet.max_row == 8


# Small exports: at once ------------------------------------------------------------------


@pytest.mark.django_db
def test_csv_export_matches_the_table_and_escapes_formulas(admin_client, admin, people):
    response = admin_client.get(EXPORT_URL, {"format": "csv"})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="{NAME}-{today}.csv"'
    rows = csv_rows(body_of(response))
    assert rows[0] == LABELS
    body = rows[1:]
    assert len(body) == 7
    assert [row[1] for row in body[:6]] == ESCAPED_ORGANISATIONS
    assert body[6][1] == "Women in Black – Beograd"
    # Cyrillic and Turkish round-trip; the builder received the requesting user (scope).
    assert [row[0] for row in body[:3]] == ["Ана Јовановић", "Şule Öztürk", "İlker Ağaoğlu"]
    assert {row[2] for row in body} == {admin.email}
    # Dates ISO; numbers (negative ones too) unescaped.
    assert body[0][3] == "2025-03-01"
    assert body[0][4] == timezone.localtime(LAST_ACTIVE).isoformat(sep=" ")
    assert [row[5] for row in body[:3]] == ["75.5", "100", "0"]
    assert [row[6] for row in body[:3]] == ["-3", "0", "-42"]
    assert [row[7] for row in body[:4]] == ["8.25", "10.0", "-1.5", ""]
    assert body[3][3] == ""  # no date


@pytest.mark.django_db
def test_xlsx_export_matches_the_table_and_writes_no_formulas(admin_client, admin, people):
    response = admin_client.get(EXPORT_URL, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    today = timezone.localdate().isoformat()
    assert f'filename="{NAME}-{today}.xlsx"' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(body_of(response)))
    sheet = workbook.active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == LABELS
    body = rows[1:]
    assert len(body) == 7
    organisations = [row[1] for row in body[:6]]
    assert [cell.value for cell in organisations] == ESCAPED_IN_XLSX
    assert all(cell.data_type == "s" for cell in organisations)
    assert not any(cell.data_type == "f" for row in rows for cell in row)
    assert [row[0].value for row in body[:3]] == ["Ана Јовановић", "Şule Öztürk", "İlker Ağaoğlu"]
    assert body[0][2].value == admin.email
    assert body[0][3].is_date
    assert body[0][3].value.date().isoformat() == "2025-03-01"
    assert body[0][4].value == timezone.localtime(LAST_ACTIVE).replace(tzinfo=None)
    assert [row[6].value for row in body[:3]] == [-3, 0, -42]
    assert all(row[6].data_type == "n" for row in body)
    assert [row[7].value for row in body[:3]] == [8.25, 10.0, -1.5]
    assert body[0][5].value == 75.5


@pytest.mark.django_db
def test_unknown_report_is_404(admin_client, people):
    assert admin_client.get("/learn/reports/export/no_such_report/").status_code == 404


@pytest.mark.django_db
def test_report_error_is_a_message_with_a_redirect_back(admin_client, people):
    back = "/admin/reports/people/?start=2025-02-01&end=2025-01-01"
    response = admin_client.get(
        EXPORT_URL, {"format": "csv", "fail": "1"}, HTTP_REFERER=f"http://testserver{back}"
    )
    assert response.status_code == 302
    assert response.url == f"http://testserver{back}"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["The end date is before the start date."]
    assert not ReportExport.objects.exists()


@pytest.mark.django_db
def test_report_error_without_a_page_to_go_back_to_is_a_400_page(admin_client, people):
    response = admin_client.get(EXPORT_URL, {"n": "many"}, HTTP_REFERER="https://evil.example.com/")
    assert response.status_code == 400
    assert "n must be a whole number." in response.content.decode()
    assert admin_client.get(EXPORT_URL, {"format": "pdf"}).status_code == 400


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_admin_login(client, people):
    response = client.get(EXPORT_URL, {"format": "csv"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login") + "?next=")
    response = client.get(reverse("learners:report_exports"))
    assert response.url.startswith(reverse("wagtailadmin_login"))


@pytest.mark.django_db
def test_a_learner_cannot_export(client, people):
    client.force_login(UserFactory())
    assert client.get(EXPORT_URL, {"format": "csv"}).status_code == 403
    assert client.get(EXPORT_URL, {"format": "xlsx", "n": "50"}).status_code == 403
    assert client.get(reverse("learners:report_exports")).status_code == 403
    assert not ReportExport.objects.exists()


@pytest.mark.django_db
def test_staff_with_admin_access_can_export(client, people):
    staff = admin_access_user()
    client.force_login(staff)
    response = client.get(EXPORT_URL, {"format": "csv", "n": "2"})
    assert response.status_code == 200
    rows = csv_rows(body_of(response))
    assert len(rows) == 3
    assert rows[1][2] == staff.email


# Large exports: a task, an email, a private download ---------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_large_export_is_built_by_a_task_and_emailed(
    admin_client, admin, people, settings, django_capture_on_commit_callbacks, fmt
):
    settings.REPORT_EXPORT_SYNC_MAX_ROWS = 5
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.get(EXPORT_URL, {"format": fmt, "n": "9", "x": ["a", "b"]})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Your export is being prepared; we'll email you a link." in page

    export = ReportExport.objects.get()
    assert export.owner == admin
    assert export.table_name == NAME
    assert export.format == fmt
    assert export.params == {"n": ["9"], "x": ["a", "b"]}
    assert export.status == ReportExport.Status.DONE
    assert export.row_count == 9
    assert export.finished_at
    assert export.file.name.startswith(f"exports/{export.uuid}/{NAME}-")
    assert export.file.name.endswith(f".{fmt}")

    link = f"http://testserver/learn/reports/exports/{export.uuid}/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [admin.email]
    assert link in mail.outbox[0].body

    response = admin_client.get(link)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "private" in response["Cache-Control"]
    content = body_of(response)
    if fmt == "csv":
        rows = csv_rows(content)
        assert rows[0] == LABELS
        assert len(rows) == 10
        assert [row[1] for row in rows[1:7]] == ESCAPED_ORGANISATIONS
        assert rows[1][0] == "Ана Јовановић"
        assert rows[1][6] == "-3"
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        values = list(sheet.iter_rows(values_only=True))
        assert len(values) == 10
        assert [row[1] for row in values[1:7]] == ESCAPED_IN_XLSX
        assert values[1][6] == -3


@pytest.mark.django_db
def test_only_the_owner_can_download(
    client, admin, people, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_EXPORT_SYNC_MAX_ROWS = 5
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(EXPORT_URL, {"format": "csv", "n": "6"})
    export = ReportExport.objects.get(status=ReportExport.Status.DONE)
    url = reverse("learners:report_export_download", args=[export.uuid])

    client.force_login(admin_access_user())  # another member of staff
    assert client.get(url).status_code == 404
    assert export.title not in client.get(reverse("learners:report_exports")).content.decode()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))  # even another admin
    assert client.get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))

    client.force_login(admin)
    listing = client.get(reverse("learners:report_exports")).content.decode()
    assert url in listing
    assert "People [test]" in listing


@pytest.mark.django_db
def test_a_table_without_a_row_count_goes_to_a_task(
    admin_client, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client.get(EXPORT_URL, {"format": "csv", "n": "3", "uncounted": "1"})
    assert response.status_code == 200
    export = ReportExport.objects.get()
    assert export.status == ReportExport.Status.PENDING
    assert len(callbacks) == 1  # queued on commit, not before
    url = reverse("learners:report_export_download", args=[export.uuid])
    assert "being prepared" in admin_client.get(url).content.decode()


@pytest.mark.django_db
def test_the_task_is_idempotent(admin, people, django_capture_on_commit_callbacks):
    export = ReportExport.objects.create(
        owner=admin, table_name=NAME, params={"n": ["8"]}, format="csv"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert report_export_build(export.pk) is True
        assert report_export_build(export.pk) is False
    export.refresh_from_db()
    assert export.status == ReportExport.Status.DONE
    assert export.row_count == 8
    assert len(mail.outbox) == 1
    assert report_export_build(export.pk + 1000) is False  # gone: nothing to do


@pytest.mark.django_db
def test_a_failing_build_is_recorded_and_the_owner_told(
    admin, people, django_capture_on_commit_callbacks
):
    export = ReportExport.objects.create(
        owner=admin, table_name=NAME, params={"fail": ["1"]}, format="xlsx"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert report_export_build(export.pk) is False
    export.refresh_from_db()
    assert export.status == ReportExport.Status.FAILED
    assert export.error == "The end date is before the start date."
    assert not export.file
    assert len(mail.outbox) == 1
    assert "could not be built" in mail.outbox[0].subject


@pytest.mark.django_db
def test_an_owner_who_lost_admin_access_gets_no_file(people, django_capture_on_commit_callbacks):
    owner = UserFactory()  # no admin access (any more)
    export = ReportExport.objects.create(owner=owner, table_name=NAME, format="csv")
    with django_capture_on_commit_callbacks(execute=True):
        assert report_export_build(export.pk) is False
    export.refresh_from_db()
    assert export.status == ReportExport.Status.FAILED
    assert not export.file


@pytest.mark.django_db
def test_deleting_an_export_deletes_its_file(admin, people, django_capture_on_commit_callbacks):
    export = ReportExport.objects.create(owner=admin, table_name=NAME, format="csv")
    with django_capture_on_commit_callbacks(execute=True):
        report_export_build(export.pk)
    export.refresh_from_db()
    path = Path(export.file.path)
    assert path.exists()
    assert str(path).startswith(str(settings.MEDIA_ROOT))
    admin.delete()  # the owner's exports go with them
    assert not path.exists()


def test_table_rows_may_be_a_one_shot_iterator():
    table = Table("t", "T", [Column("a", "A", kind="int")], iter([[1], [-2]]), row_count=2)
    stream = io.StringIO(newline="")
    assert write_csv(table, stream) == 2
    assert stream.getvalue() == "\ufeffA\r\n1\r\n-2\r\n"


# A real worker over Redis --------------------------------------------------------------------


def _worker_database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] or ""
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{db['NAME']}"


@pytest.fixture
def export_worker(people):
    from tests.conftest import real_worker

    env = {
        "DATABASE_URL": _worker_database_url(),  # the test database, not the configured one
        "DATABASE_CONN_MAX_AGE": "0",
        "LMS_TEST_EXPORT_BUILDERS": "1",
        "LMS_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    with real_worker(env=env, include=("tests.learners.test_exports_builders",)) as process:
        yield process


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_export_is_built_by_a_real_worker_over_redis(client, export_worker, settings):
    settings.REPORT_EXPORT_SYNC_MAX_ROWS = 5
    owner = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(owner)
    response = client.get(EXPORT_URL, {"format": "xlsx", "n": "12"})
    assert response.status_code == 200
    export = ReportExport.objects.get(owner=owner)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        export.refresh_from_db()
        if export.status in (ReportExport.Status.DONE, ReportExport.Status.FAILED):
            break
        if export_worker.poll() is not None:
            pytest.fail(f"worker exited: {export_worker.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    assert export.status == ReportExport.Status.DONE, (export.status, export.error)
    assert export.row_count == 12

    response = client.get(reverse("learners:report_export_download", args=[export.uuid]))
    assert response.status_code == 200
    values = list(openpyxl.load_workbook(io.BytesIO(body_of(response))).active.values)
    assert len(values) == 13
    assert values[1][1] == "'=1+1"
    assert values[1][2] == owner.email
