"""Benchmark the admin report selectors on generated data in PostgreSQL (``make bench``).

Uses a dedicated database (the one named by DATABASE_URL, e.g. ``lms_bench``): creates it if
missing, migrates it, fills it once with ``generate_learning_data`` (a row in ``bench_meta``
remembers the size, so reruns reuse the data), then times ``overview_for``,
``course_report_for`` (the largest course, its question roll-ups fresh, as a worker keeps
them; the time of refreshing them is printed after the table) and
``breakdown_for(by="country")``: a warm-up and BENCH_RUNS runs each (median, p95, query
count), and in the same run a hand-written SQL statement computing the same figures, for
comparison.

Environment: DATABASE_URL (PostgreSQL, required), BENCH_LEARNERS (default 100000),
BENCH_COURSES (20), BENCH_RUNS (7), BENCH_WAIT_MINUTES (0: how long to wait for
``learners.statistics`` to appear, polling every minute).
"""

from __future__ import annotations

import datetime
import importlib
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LEARNERS = int(os.environ.get("BENCH_LEARNERS", "100000"))
COURSES = int(os.environ.get("BENCH_COURSES", "20"))
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
WAIT_MINUTES = float(os.environ.get("BENCH_WAIT_MINUTES", "0"))
SEED = 1
TARGET_MS = 1000
TARGET_RATIO = 1.5


def fail(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr)
    sys.exit(2)


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme not in ("postgres", "postgresql", "pgsql"):
        fail(
            "DATABASE_URL must point to PostgreSQL, e.g. "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench "
            f"(got {url or 'nothing'}). The benchmark never runs on SQLite."
        )
    if not urlsplit(url).path.strip("/"):
        fail("DATABASE_URL names no database.")
    return url


def ensure_database(url: str, *, fresh: bool = False) -> None:
    """Create the benchmark database if missing (or drop and recreate it if ``fresh``)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.strip("/")
    admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    try:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists and fresh:
                print(f"Dropping database {name} to regenerate it")
                conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
                exists = None
            if not exists:
                print(f"Creating database {name}")
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        fail(f"cannot reach PostgreSQL at {parts.hostname}:{parts.port or 5432}: {error}")


def recorded_size(url: str) -> tuple[int, int] | None:
    import psycopg

    with psycopg.connect(urlunsplit(urlsplit(url)._replace(scheme="postgresql"))) as conn:
        if conn.execute("SELECT to_regclass('bench_meta')").fetchone()[0] is None:
            return None
        row = conn.execute("SELECT learners, courses FROM bench_meta").fetchone()
        return tuple(row) if row else None


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"  # DEMO_DATA_ALLOWED
    os.environ.setdefault("REDIS_URL", "")
    import django

    django.setup()


def prepare_data() -> None:
    from django.core.management import call_command
    from django.db import connection

    print("Migrating …")
    call_command("migrate", verbosity=0, interactive=False)
    print(f"Generating {LEARNERS:,} learners in {COURSES} courses (once) …")
    started = time.monotonic()
    call_command("generate_learning_data", learners=LEARNERS, courses=COURSES, seed=SEED)
    took = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_meta (learners integer, courses integer, seconds real, "
            "generated_at timestamptz DEFAULT now())"
        )
        cursor.execute("INSERT INTO bench_meta VALUES (%s, %s, %s)", [LEARNERS, COURSES, took])
        cursor.execute("VACUUM ANALYZE")
    print(f"Generated in {took:.0f} s")


def wait_for_statistics():
    deadline = time.monotonic() + WAIT_MINUTES * 60
    while True:
        try:
            module = importlib.import_module("learners.statistics")
            missing = [
                name
                for name in (
                    "reportable_courses_for",
                    "overview_for",
                    "course_report_for",
                    "breakdown_for",
                )
                if not hasattr(module, name)
            ]
            if not missing:
                return module
            reason = f"learners.statistics lacks {', '.join(missing)}"
        except ImportError as error:
            reason = f"learners.statistics cannot be imported ({error})"
        if time.monotonic() >= deadline:
            fail(f"{reason}; set BENCH_WAIT_MINUTES to wait for it.")
        print(f"{reason}; retrying in a minute …")
        time.sleep(60)
        sys.modules.pop("learners.statistics", None)


# Hand-written SQL: the same figures as the selectors, one statement each ----------------------

OVERVIEW_SQL = """
WITH e AS (
    SELECT id, learner_id, enrolled_at, completed_at, last_active_at
    FROM courses_enrolment WHERE course_id IN (SELECT page_ptr_id FROM courses_coursepage)
),
recent AS (
    SELECT DISTINCT e.learner_id, c.completed_at >= %(since7)s AS in7
    FROM courses_activitycompletion c JOIN e ON e.id = c.enrolment_id
    WHERE c.completed_at >= %(since30)s
)
SELECT
    (SELECT count(DISTINCT learner_id) FROM e WHERE enrolled_at < %(upper)s),
    (SELECT count(*) FROM learners_user
        WHERE date_joined >= %(lower)s AND date_joined < %(upper)s),
    f.enrolments, f.completed_of_enrolments, f.completions, f.median_seconds,
    (SELECT count(DISTINCT learner_id) FROM (
        SELECT learner_id FROM e WHERE last_active_at >= %(since7)s
        UNION SELECT learner_id FROM recent WHERE in7) a),
    (SELECT count(DISTINCT learner_id) FROM (
        SELECT learner_id FROM e WHERE last_active_at >= %(since30)s
        UNION SELECT learner_id FROM recent) a),
    (SELECT json_agg(m ORDER BY month) FROM (
        SELECT date_trunc('month', enrolled_at AT TIME ZONE %(tz)s) AS month, count(*) AS n
        FROM e WHERE enrolled_at >= %(lower)s AND enrolled_at < %(upper)s GROUP BY 1) m),
    (SELECT json_agg(m ORDER BY month) FROM (
        SELECT date_trunc('month', completed_at AT TIME ZONE %(tz)s) AS month, count(*) AS n
        FROM e WHERE completed_at >= %(lower)s AND completed_at < %(upper)s GROUP BY 1) m)
FROM (
    SELECT
        count(*) FILTER (WHERE enrolled_at >= %(lower)s AND enrolled_at < %(upper)s)
            AS enrolments,
        count(*) FILTER (WHERE enrolled_at >= %(lower)s AND enrolled_at < %(upper)s
            AND completed_at IS NOT NULL) AS completed_of_enrolments,
        count(*) FILTER (WHERE completed_at >= %(lower)s AND completed_at < %(upper)s)
            AS completions,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - enrolled_at))
            FILTER (WHERE completed_at >= %(lower)s AND completed_at < %(upper)s
                AND enrolled_at IS NOT NULL) AS median_seconds
    FROM e
) f
"""

COURSE_SQL = """
WITH acts AS (
    SELECT p.translation_key AS k,
           (l.page_ptr_id IS NOT NULL OR coalesce(q.required_for_completion, false)) AS required
    FROM wagtailcore_page p
    LEFT JOIN courses_lessonpage l ON l.page_ptr_id = p.id
    LEFT JOIN quizzes_quizpage q ON q.page_ptr_id = p.id
    WHERE p.path LIKE %(path)s AND p.depth = %(depth)s AND p.live
      AND (l.page_ptr_id IS NOT NULL OR q.page_ptr_id IS NOT NULL)
),
per AS (
    SELECT e.id, e.enrolled_at, e.completed_at, count(c.id) AS any_done,
           count(c.id) FILTER (WHERE c.activity_key IN (SELECT k FROM acts WHERE required))
               AS done
    FROM courses_enrolment e LEFT JOIN courses_activitycompletion c ON c.enrolment_id = e.id
    WHERE e.course_id = %(course)s GROUP BY e.id
)
SELECT
    (SELECT json_build_object(
        'enrolled', count(*) FILTER (WHERE enrolled_at IS NOT NULL),
        'started', count(*) FILTER (WHERE enrolled_at IS NOT NULL AND any_done >= 1),
        'halfway', count(*) FILTER (WHERE enrolled_at IS NOT NULL
            AND done >= ceil((SELECT count(*) FROM acts WHERE required) / 2.0)),
        'completed', count(*) FILTER (WHERE enrolled_at IS NOT NULL AND completed_at IS NOT NULL))
     FROM per),
    (SELECT json_build_object(
        'accepted', count(*) FILTER (WHERE decided_at IS NOT NULL AND enrolled_at IS NOT NULL),
        'declined', count(*) FILTER (WHERE status = 'declined'),
        'waitlisted', count(*) FILTER (WHERE status = 'waitlisted'),
        'pending', count(*) FILTER (WHERE status = 'pending'),
        'withdrawn', count(*) FILTER (WHERE status = 'withdrawn'))
     FROM courses_enrolment WHERE course_id = %(course)s),
    (SELECT json_object_agg(activity_key, n) FROM (
        SELECT c.activity_key, count(*) AS n
        FROM courses_activitycompletion c JOIN courses_enrolment e ON e.id = c.enrolment_id
        WHERE e.course_id = %(course)s AND e.enrolled_at IS NOT NULL GROUP BY 1) a),
    (SELECT json_agg(q) FROM (
        SELECT a.quiz_key, count(DISTINCT a.learner_id) AS learners, count(*) AS attempts,
               count(DISTINCT a.learner_id) FILTER (WHERE a.passed) AS passed,
               avg(a.percent) AS average
        FROM quizzes_quizattempt a
        WHERE a.quiz_key IN (SELECT p.translation_key FROM wagtailcore_page p
            JOIN quizzes_quizpage qp ON qp.page_ptr_id = p.id
            WHERE p.path LIKE %(path)s AND p.live)
          AND a.status <> 'open' GROUP BY a.quiz_key) q),
    (SELECT json_agg(l) FROM (
        SELECT c.language, count(DISTINCT c.enrolment_id) AS learners, count(*) AS n
        FROM courses_activitycompletion c JOIN courses_enrolment e ON e.id = c.enrolment_id
        WHERE e.course_id = %(course)s GROUP BY 1) l),
    (SELECT json_agg(r.summaries) FROM quizzes_questionrollup r
     WHERE r.quiz_key IN (SELECT p.translation_key FROM wagtailcore_page p
        JOIN quizzes_quizpage qp ON qp.page_ptr_id = p.id
        WHERE p.path LIKE %(path)s AND p.live))
"""

BREAKDOWN_SQL = """
SELECT co.name, count(DISTINCT e.learner_id), count(*),
       count(*) FILTER (WHERE e.completed_at IS NOT NULL)
FROM courses_enrolment e
JOIN learners_user u ON u.id = e.learner_id
LEFT JOIN courses_country co ON co.id = u.country_id
WHERE e.course_id IN (SELECT page_ptr_id FROM courses_coursepage)
  AND e.enrolled_at >= %(lower)s AND e.enrolled_at < %(upper)s
GROUP BY co.name ORDER BY co.name
"""


def timed(fn, runs: int) -> list[float]:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    url = database_url()
    ensure_database(url)
    size = recorded_size(url)
    if size is not None and size != (LEARNERS, COURSES):
        ensure_database(url, fresh=True)
        size = None
    setup_django()
    if size is None:
        prepare_data()
    else:
        print(f"Reusing generated data ({size[0]:,} learners, {size[1]} courses)")
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)  # new indexes and tables

    from django.conf import settings
    from django.db import connection, reset_queries
    from django.db.models import Count, Q
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from courses.models import ActivityCompletion, CoursePage, Enrolment
    from learners.models import User

    settings.DEBUG = False  # no query log while timing; CaptureQueriesContext counts its own
    stats = wait_for_statistics()
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        email="bench-admin@example.org", password=None
    )
    courses = stats.reportable_courses_for(admin)
    end = timezone.localdate()
    start = (
        stats.default_range(end)[0]
        if hasattr(stats, "default_range")
        else end.replace(year=end.year - 1)
    )
    largest = (
        CoursePage.objects.annotate(
            n=Count("enrolments", filter=Q(enrolments__enrolled_at__isnull=False))
        )
        .order_by("-n")
        .first()
    )
    tz = timezone.get_current_timezone()
    lower = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    upper = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    now = timezone.now()
    window = {
        "lower": lower,
        "upper": upper,
        "since7": now - datetime.timedelta(days=7),
        "since30": now - datetime.timedelta(days=30),
        "tz": settings.TIME_ZONE,
    }

    def run_sql(statement: str, params: dict):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                return cursor.fetchall()

        return run

    cases = [
        (
            "overview (all courses, 12 months)",
            lambda: stats.overview_for(courses=courses, start=start, end=end, everyone=True),
            run_sql(OVERVIEW_SQL, window),
        ),
        (
            f"course report ({largest.title})",
            lambda: stats.course_report_for(course=largest),
            run_sql(
                COURSE_SQL,
                {"course": largest.pk, "path": f"{largest.path}%", "depth": largest.depth + 2},
            ),
        ),
        (
            "breakdown by country",
            lambda: stats.breakdown_for(courses=courses, start=start, end=end, by="country"),
            run_sql(BREAKDOWN_SQL, window),
        ),
    ]

    totals = {
        "learners": User.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "completions": ActivityCompletion.objects.count(),
    }
    print(
        f"\nData: {totals['learners']:,} users, {totals['enrolments']:,} enrolments, "
        f"{totals['completions']:,} activity completions; range {start} to {end}; "
        f"{RUNS} runs after a warm-up; PostgreSQL "
        f"{connection.cursor().connection.info.server_version}\n"
    )
    header = (
        f"{'report':<44} {'median ms':>10} {'p95 ms':>8} {'queries':>8} "
        f"{'SQL ms':>8} {'ratio':>6}  verdict"
    )
    print(header)
    print("-" * len(header))
    failures = []
    for name, selector, hand_written in cases:
        times = timed(selector, RUNS)  # the warm-up also brings roll-ups up to date
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            selector()
        sql_median = statistics.median(timed(hand_written, RUNS))
        median = statistics.median(times)
        ratio = median / sql_median if sql_median else float("inf")
        ok = median < TARGET_MS and ratio <= TARGET_RATIO
        if not ok:
            failures.append(name)
        print(
            f"{name[:44]:<44} {median:>10.1f} {p95(times):>8.1f} {len(queries):>8} "
            f"{sql_median:>8.1f} {ratio:>5.2f}x  {'ok' if ok else 'MISSES TARGET'}"
        )
    # The per-question figures of the course report are read from roll-ups that a worker
    # recomputes (every 5 minutes, for quizzes with new attempts): time that work too.
    from quizzes.models import QuizPage
    from quizzes.rollups import question_rollup_refresh

    keys = list(
        QuizPage.objects.live().descendant_of(largest).values_list("translation_key", flat=True)
    )
    refresh = timed(lambda: [question_rollup_refresh(quiz_key=key) for key in keys], RUNS)
    print(
        f"\nQuestion roll-up refresh of the course's {len(keys)} quizzes (a worker's job, "
        f"not part of the page): median {statistics.median(refresh):.0f} ms, "
        f"p95 {p95(refresh):.0f} ms."
    )
    print(
        f"\nTargets: median under {TARGET_MS} ms and within {TARGET_RATIO}x of the hand-written "
        "SQL (same figures, one statement)."
    )
    if failures:
        print("Missed: " + "; ".join(failures))


if __name__ == "__main__":
    main()
