"""A throwaway report table for the export tests (no tests here).

The tests register it with ``register_table`` in a fixture and remove it afterwards, so they do
not depend on the real reports. A real Celery worker started by a test imports this module with
``--include`` and ``LMS_TEST_EXPORT_BUILDERS=1``, which registers it there too and points the
worker's storage at the test's media folder.
"""

import datetime
import os
from decimal import Decimal

from django.test import override_settings

from learners.tables import TABLE_BUILDERS, Column, ReportError, Table

NAME = "test_people"

COLUMNS = [
    Column("name", "Name"),
    Column("organisation", "Organisation"),
    Column("requested_by", "Requested by"),
    Column("enrolled", "Enrolled", kind="date"),
    Column("last_active", "Last active", kind="datetime"),
    Column("progress", "Progress %", kind="percent"),
    Column("balance", "Balance", kind="int"),
    Column("score", "Score", kind="number"),
]

BASE_ROWS = [
    ["Ана Јовановић", "=1+1", datetime.date(2025, 3, 1), 75.5, -3, Decimal("8.25")],
    ["Şule Öztürk", "+SUM(A1)", datetime.date(2025, 4, 2), 100, 0, 10.0],
    ["İlker Ağaoğlu", "-2+3", datetime.date(2025, 5, 3), 0, -42, -1.5],
    ["Mira", "@cmd", None, 12.5, 7, None],
    ["Tab", "\tHidden", datetime.date(2025, 6, 4), 50, 1, 2],
    ["CR", "\rHidden", datetime.date(2025, 6, 5), 50, 1, 2],
    ["Plain", "Women in Black – Beograd", datetime.date(2025, 6, 6), 33.3, 5, 4.5],
]
LAST_ACTIVE = datetime.datetime(2025, 7, 1, 10, 30, tzinfo=datetime.UTC)


def rows_for(user, count: int):
    """Rows in column order; lazy, as real builders may stream a queryset."""
    for index in range(count):
        name, organisation, enrolled, progress, balance, score = BASE_ROWS[index % len(BASE_ROWS)]
        yield [name, organisation, user.email, enrolled, LAST_ACTIVE, progress, balance, score]


def people_table(user, params):
    """``?n=<rows>`` (default 7), ``?fail=1`` raises ReportError; scoped by the user."""
    if params.get("fail"):
        raise ReportError("The end date is before the start date.")
    try:
        count = int(params.get("n", len(BASE_ROWS)))
    except ValueError:
        raise ReportError("n must be a whole number.") from None
    counted = params.get("uncounted") is None
    return Table(
        name=NAME,
        title="People [test]",
        columns=COLUMNS,
        rows=rows_for(user, count),
        row_count=count if counted else None,
        params={key: params.get(key) for key in params},
    )


if os.environ.get("LMS_TEST_EXPORT_BUILDERS") == "1":  # inside a worker started by a test
    TABLE_BUILDERS[NAME] = people_table
    if os.environ.get("LMS_TEST_MEDIA_ROOT"):
        override_settings(MEDIA_ROOT=os.environ["LMS_TEST_MEDIA_ROOT"]).enable()
