"""Load benchmark: learner pages under locust against gunicorn, PostgreSQL and Redis.

``make bench`` runs it after ``bench/reports.py``; alone: ``.venv/bin/python bench/load.py``.

1. A dedicated PostgreSQL database (``lms_load``; created if missing, never dropped) is
   migrated, seeded with ``seed_demo`` (the demo course, its quizzes, the ``/about/`` page)
   and, once, filled with ``generate_learning_data --learners LOAD_LEARNERS --courses
   LOAD_COURSES --seed 1``. ``LOAD_ACCOUNTS`` load-test learners (``load-learner-N@bench.
   example.org``, one known password) are created, email verified, enrolled in the demo course.
   ``BENCH_DB=lms_bench`` uses the reports benchmark's database instead (it then also gets the
   demo course and the load-test learners).
2. ``collectstatic``, then gunicorn (``-w 3 -k gthread --threads 2``, 127.0.0.1:8099) with
   ``bench.settings_bench`` (production settings, but cookies and no HTTPS redirect over
   plain HTTP), Redis as cache and Celery broker (a dedicated Redis database, flushed before
   and after; no worker: the emails wait in the queue). Three workers: on 2 cores shared
   with locust, 3 x 2 gave the mix a p95 half that of 4 x 2 or 2 x 4 (docs/performance.md).
3. A warm-up run, then (after waiting for the machine to be quiet: 1-minute load average
   under LOAD_MAX_LOADAVG, for up to LOAD_QUIET_MINUTES) locust headless runs, each with
   LOAD_USERS users for about LOAD_DURATION seconds, counted from the moment the last user
   has logged in:
   - isolated runs, users without think time, each requesting one page only as a logged-in
     enrolled learner: the floor ``/about/`` (a StandardPage, no learning logic), the course
     page, the lesson page, the floor again (the floor figure is the mean of both);
   - the learner mix (bench/locustfile.py ``LearnerMix``): catalogue search and facets, course
     page, lesson page, mark complete, quiz start and submit, dashboard, with 1-3 s of think
     time (LOAD_WAIT), for LOAD_MIX_DURATION seconds.
4. Prints the tables and checks the targets (issue 7): zero errors; course and lesson page
   throughput at least 0.7 of the floor's, where the throughput ratio is the page's req/s in
   its isolated run divided by the floor's req/s in its isolated runs (same users, same
   duration, same server); quiz submit p95 under 300 ms in the mix with 50 users. A missed
   target prints MISSED; the exit status is non-zero only when the harness itself failed.

Environment: LOAD_DATABASE_URL (postgres://postgres@127.0.0.1:5432/lms_load), BENCH_DB,
LOAD_LEARNERS (5000), LOAD_COURSES (10), LOAD_ACCOUNTS (60), LOAD_USERS (50),
LOAD_SPAWN_RATE (10), LOAD_DURATION (60), LOAD_MIX_DURATION (120), LOAD_WARMUP (15),
LOAD_WAIT ("1-3"), LOAD_PORT (8099), LOAD_WORKERS (3), LOAD_THREADS (2), LOAD_REDIS_URL
(redis://127.0.0.1:6379/12), LOAD_MAX_LOADAVG (1.0), LOAD_QUIET_MINUTES (15), LOAD_RUNS
("floor,course,lesson,floor,mix").
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OUT = ROOT / "var" / "load"

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/lms_load"
LEARNERS = int(os.environ.get("LOAD_LEARNERS", "5000"))
COURSES = int(os.environ.get("LOAD_COURSES", "10"))
ACCOUNTS = int(os.environ.get("LOAD_ACCOUNTS", "60"))
USERS = int(os.environ.get("LOAD_USERS", "50"))
SPAWN_RATE = int(os.environ.get("LOAD_SPAWN_RATE", "10"))
DURATION = int(os.environ.get("LOAD_DURATION", "60"))
# The mix runs longer: its quiz submits are a few per second, and a p95 needs a few hundred.
MIX_DURATION = int(os.environ.get("LOAD_MIX_DURATION", "120"))
WARMUP = int(os.environ.get("LOAD_WARMUP", "15"))
PORT = int(os.environ.get("LOAD_PORT", "8099"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "3"))
THREADS = int(os.environ.get("LOAD_THREADS", "2"))
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/12")
MAX_LOADAVG = float(os.environ.get("LOAD_MAX_LOADAVG", "1.0"))
QUIET_MINUTES = float(os.environ.get("LOAD_QUIET_MINUTES", "15"))
RUNS = [r.strip() for r in os.environ.get("LOAD_RUNS", "floor,course,lesson,floor,mix").split(",")]
HOST = f"http://127.0.0.1:{PORT}"
DEMO_COURSE = "introduction-to-human-security"
PASSWORD = "load-test-Learner-2026"  # noqa: S105 - throw-away accounts in a bench database

TARGET_RATIO = 0.7
TARGET_SUBMIT_P95_MS = 300
ISOLATED = {"floor": "about", "course": "course", "lesson": "lesson"}


class HarnessError(Exception):
    pass


def say(message: str) -> None:
    print(f"load: {message}", flush=True)


# Database and data -----------------------------------------------------------------------------


def database_url() -> str:
    url = os.environ.get("LOAD_DATABASE_URL", DEFAULT_DB)
    if os.environ.get("BENCH_DB"):
        url = urlunsplit(urlsplit(url)._replace(path="/" + os.environ["BENCH_DB"]))
    if urlsplit(url).scheme not in ("postgres", "postgresql", "pgsql"):
        raise HarnessError(f"LOAD_DATABASE_URL must point to PostgreSQL (got {url}).")
    return url


def ensure_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.strip("/")
    admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            say(f"creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def base_env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        VAR_DIR=str(OUT / "var"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    env.pop("REDIS_URL", None)
    return env


def prepare(url: str) -> dict:
    """Migrate, seed, generate and create the load-test learners in a child process (with the
    development settings: seed_demo and the generator refuse production)."""
    targets = OUT / "targets.json"
    env = base_env(url) | {"DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    run([str(BIN / "python"), __file__, "--prepare", str(targets)], env=env)
    return json.loads(targets.read_text())


def prepare_in_django(targets_path: str) -> None:
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command, get_commands

    from courses.models import CoursePage, LessonPage
    from courses.services import enrolment_request
    from quizzes.models import QuizPage

    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", verbosity=0)
    generated = CoursePage.objects.filter(slug__startswith="load-course-").count()
    if generated:
        say(f"reusing the generated data ({generated} generated courses)")
    elif "generate_learning_data" in get_commands() and LEARNERS > 0:
        say(f"generate_learning_data --learners {LEARNERS} --courses {COURSES} --seed 1")
        call_command("generate_learning_data", learners=LEARNERS, courses=COURSES, seed=1)
    else:
        say("no generate_learning_data command: only the demo data")

    # The English original: its translations and aliases share the slug.
    course = CoursePage.objects.live().get(slug=DEMO_COURSE, locale__language_code="en")
    password = make_password(PASSWORD)  # one hash for all: logging in costs what it costs
    users = get_user_model().objects
    emails = []
    for number in range(1, ACCOUNTS + 1):
        email = f"load-learner-{number}@bench.example.org"
        user = users.filter(email=email).first()
        if user is None:
            user = users.create_user(email=email, display_name=f"Load learner {number}")
        user.password = password
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        enrolment_request(learner=user, course=course)
        emails.append(email)

    def rel(page):
        return page.get_url_parts()[2]

    lessons = LessonPage.objects.live().descendant_of(course).order_by("path")
    quizzes = QuizPage.objects.live().descendant_of(course).order_by("path")
    about = next(p for p in course.get_site().root_page.get_children().live() if p.slug == "about")
    catalogue = course.get_parent().specific
    english = CoursePage.objects.live().filter(locale__language_code="en")
    originals = {"locale__language_code": "en", "alias_of__isnull": True}
    themes = sorted({t.slug for c in english for t in c.themes.all()})
    levels = sorted({c.level.slug for c in english.select_related("level")})
    data = {
        "password": PASSWORD,
        "learners": emails,
        "about": rel(about),
        "catalogue": rel(catalogue),
        "course": rel(course),
        "lessons": [rel(p) for p in lessons],
        "quizzes": [rel(p) for p in quizzes],
        "themes": themes,
        "levels": levels,
        "terms": ["security", "human security", "reconciliation", "police", "governance"],
        "counts": {
            "learners": users.count(),
            "courses": CoursePage.objects.filter(**originals).count(),
            "lessons": LessonPage.objects.filter(**originals).count(),
        },
    }
    Path(targets_path).write_text(json.dumps(data, indent=2))


# Processes ------------------------------------------------------------------------------------


def run(args: list[str], *, env: dict, timeout: float | None = None) -> None:
    result = subprocess.run(args, env=env, cwd=ROOT, timeout=timeout, check=False)  # noqa: S603
    if result.returncode != 0:
        raise HarnessError(f"{' '.join(args[:3])}... exited with {result.returncode}")


def server_env(url: str) -> dict[str, str]:
    return base_env(url) | {
        "DJANGO_SETTINGS_MODULE": "bench.settings_bench",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "BEHIND_TLS_PROXY": "false",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "lmsload",
    }


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def start_server(env: dict) -> subprocess.Popen:
    log = open(OUT / "gunicorn.log", "w")  # noqa: SIM115 - closed with the process
    args = [
        str(BIN / "gunicorn"),
        "cms.wsgi",
        "-w", str(WORKERS),
        "-k", "gthread",
        "--threads", str(THREADS),
        "-b", f"127.0.0.1:{PORT}",
        "--timeout", "60",
    ]  # fmt: skip
    say(" ".join(["gunicorn", *args[1:]]))
    server = subprocess.Popen(  # noqa: S603
        args, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise HarnessError(f"gunicorn exited with {server.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(f"{HOST}/", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    raise HarnessError("gunicorn did not answer within 60 s")


def stop(process: subprocess.Popen | None, name: str) -> None:
    if process is None or process.poll() is not None:
        return
    say(f"stopping {name} (pid {process.pid})")
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def wait_until_quiet() -> None:
    deadline = time.monotonic() + QUIET_MINUTES * 60
    while os.getloadavg()[0] > MAX_LOADAVG and time.monotonic() < deadline:
        say(f"load average {loadavg()} above {MAX_LOADAVG}: waiting for a quieter machine")
        time.sleep(30)
    say(f"load average before measuring: {loadavg()}")


def number(text: str) -> float:
    try:
        return float(text)
    except ValueError:  # "N/A": no request
        return 0.0


def locust(
    name: str, user_class: str, *, env: dict, users: int, seconds: int, endpoint: str = ""
) -> dict[str, dict]:
    prefix = OUT / name
    # Statistics start when the last user has logged in (see locustfile.py): the run lasts
    # the spawning time and a margin for the logins longer, so about ``seconds`` are measured.
    ramp = int(users / SPAWN_RATE) + 10
    args = [
        str(BIN / "locust"),
        "-f", str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "-u", str(users),
        "-r", str(SPAWN_RATE),
        "-t", f"{seconds + ramp}s",
        "--host", HOST,
        "--csv", str(prefix),
        "--only-summary",
        "--stop-timeout", "5",
        "--loglevel", "WARNING",
        user_class,
    ]  # fmt: skip
    child_env = env | {"LOAD_ENDPOINT": endpoint, "LOAD_USERS": str(users)}
    process = subprocess.Popen(args, env=child_env, cwd=ROOT, start_new_session=True)  # noqa: S603
    try:
        process.wait(timeout=seconds + ramp + 120)
    except subprocess.TimeoutExpired as error:
        raise HarnessError(f"locust run {name} did not finish") from error
    finally:
        stop(process, f"locust {name}")
    stats_file = Path(f"{prefix}_stats.csv")
    if not stats_file.exists():
        raise HarnessError(f"locust run {name} wrote no statistics")
    rows = {}
    with stats_file.open() as f:
        for row in csv.DictReader(f):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "median": number(row["50%"]),
                "p95": number(row["95%"]),
            }
    failures_file = Path(f"{prefix}_failures.csv")
    if failures_file.exists():
        with failures_file.open() as f:
            for row in csv.DictReader(f):
                say(f"  failure in {name}: {row}")
    return rows


# Report ---------------------------------------------------------------------------------------


def report(results: dict[str, dict], loads: dict[str, str], targets: dict) -> list[str]:
    floors = [results[run]["about"]["rps"] for run in results if run.startswith("floor")]
    floor = sum(floors) / len(floors) if floors else 0.0
    ratios = {}
    lines = [
        f"Data: {targets['counts']['learners']:,} learners, {targets['counts']['courses']} "
        f"courses, {targets['counts']['lessons']} lessons (originals; each also in the other "
        f"content languages); {USERS} users, {DURATION} s per isolated run, {MIX_DURATION} s "
        "for the mix, "
        f"gunicorn {WORKERS} workers x {THREADS} threads, {os.cpu_count()} CPUs.",
        "",
        "Isolated runs (no think time, one page per run, logged-in enrolled learners):",
        "",
        "| Run | Endpoint | Requests | Req/s | Median ms | p95 ms | Errors | Ratio to floor "
        "| Load avg before |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for run, rows in results.items():
        if run == "mix":
            continue
        endpoint = ISOLATED[run.split("#")[0]]
        row = rows.get(endpoint, {"requests": 0, "failures": 0, "rps": 0, "median": 0, "p95": 0})
        ratio = row["rps"] / floor if floor else 0.0
        if run.startswith(("course", "lesson")):
            ratios[endpoint] = ratio
        lines.append(
            f"| {run} | {endpoint} | {row['requests']:,} | {row['rps']:.1f} | "
            f"{row['median']:.0f} | {row['p95']:.0f} | {row['failures']} | {ratio:.2f} | "
            f"{loads.get(run, '')} |"
        )
    if "mix" in results:
        lines += [
            "",
            f"Learner mix ({USERS} users, think time {os.environ.get('LOAD_WAIT', '1-3')} s; "
            f"load avg before: {loads.get('mix', '')}):",
            "",
            "| Endpoint | Requests | Req/s | Median ms | p95 ms | Errors "
            "| Isolated ratio to floor |",
            "|---|---|---|---|---|---|---|",
        ]
        for endpoint, row in results["mix"].items():
            if not row["requests"]:
                continue  # the logins, before measuring started
            ratio = f"{ratios[endpoint]:.2f}" if endpoint in ratios else "-"
            lines.append(
                f"| {endpoint} | {row['requests']:,} | {row['rps']:.1f} | {row['median']:.0f} | "
                f"{row['p95']:.0f} | {row['failures']} | {ratio} |"
            )
    errors = sum(rows.get("Aggregated", {}).get("failures", 0) for rows in results.values())
    checks = [("zero errors", errors == 0, f"{errors} errors in all runs")]
    for endpoint in ("course", "lesson"):
        if endpoint in ratios:
            checks.append(
                (
                    f"{endpoint} page throughput >= {TARGET_RATIO} of the floor",
                    ratios[endpoint] >= TARGET_RATIO,
                    f"{ratios[endpoint]:.2f}",
                )
            )
    submit = results.get("mix", {}).get("quiz submit")
    if submit:
        checks.append(
            (
                f"quiz submit p95 < {TARGET_SUBMIT_P95_MS} ms with {USERS} users",
                submit["p95"] < TARGET_SUBMIT_P95_MS,
                f"{submit['p95']:.0f} ms",
            )
        )
    lines += ["", "Targets:", ""]
    for label, met, figure in checks:
        lines.append(f"- {label}: {figure} -> {'met' if met else 'MISSED'}")
    return lines


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    url = database_url()
    say(f"database {urlsplit(url).path.strip('/')}")
    ensure_database(url)
    targets = prepare(url)
    env = server_env(url)
    run([str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], env=env)
    flush_redis()
    server = None
    results: dict[str, dict] = {}
    loads: dict[str, str] = {}
    locust_env = env | {"LOAD_TARGETS": str(OUT / "targets.json")}
    try:
        server = start_server(env)
        say(f"warm-up: {WARMUP} s of the learner mix")
        locust("warmup", "LearnerMix", env=locust_env | {"LOAD_WAIT": "0-1"}, users=10,
               seconds=WARMUP)  # fmt: skip
        wait_until_quiet()
        for index, run_name in enumerate(RUNS):
            key = run_name if run_name not in results else f"{run_name}#{index}"
            loads[key] = loadavg()
            say(f"run {key} (load average {loads[key]})")
            if run_name == "mix":
                results[key] = locust(key, "LearnerMix", env=locust_env, users=USERS,
                                      seconds=MIX_DURATION)  # fmt: skip
            elif run_name in ISOLATED:
                results[key] = locust(key.replace("#", "-"), "Isolated", env=locust_env,
                                      users=USERS, seconds=DURATION,
                                      endpoint=ISOLATED[run_name])  # fmt: skip
            else:
                raise HarnessError(f"unknown run {run_name!r} in LOAD_RUNS")
    finally:
        stop(server, "gunicorn")
        try:
            flush_redis()
        except Exception as error:  # cleaning up: report and go on
            say(f"could not flush {REDIS_URL}: {error}")
    lines = report(results, loads, targets)
    text = "\n".join(lines)
    print("\n" + text, flush=True)
    (OUT / "last-report.md").write_text(text + "\n")
    say(f"load average after: {loadavg()}; report in {OUT / 'last-report.md'}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--prepare":
        sys.path.insert(0, str(ROOT))
        prepare_in_django(sys.argv[2])
        sys.exit(0)
    try:
        sys.exit(main())
    except (HarnessError, OSError) as error:
        print(f"load: error: {error}", file=sys.stderr)
        sys.exit(2)
