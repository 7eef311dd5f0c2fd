"""Throughput of the course and lesson pages against a plain page, in one process, no server.

A quick, repeatable measure of the work one request does (SQL, Python, templates), for
profiling and for before/after comparisons. ``bench/load.py`` (gunicorn, locust, PostgreSQL,
Redis) stays the figure of record; this script needs none of them and uses one core.

Usage::

    .venv/bin/python bench/pages.py                      # 3 rounds, 200 requests per page
    .venv/bin/python bench/pages.py --requests 500 --rounds 5
    .venv/bin/python bench/pages.py --anonymous          # as an anonymous visitor
    .venv/bin/python bench/pages.py --queries            # each page's SQL, both viewers
    .venv/bin/python bench/pages.py --profile lesson     # cProfile one page (about/course/lesson)

What it does:

1. Settings ``cms.settings.dev`` on a dedicated SQLite database under ``PAGES_VAR_DIR``
   (default ``var/bench-pages/``), with the local-memory cache: ``DATABASE_URL`` and
   ``REDIS_URL`` are ignored, so the figures do not depend on the services of the machine.
   The first run migrates and seeds it with ``seed_demo`` (as ``bench/load.py`` does for its
   database); later runs reuse it. Delete the folder to start again.
2. The viewer is the demo learner (``learner@example.org``, enrolled in the demo course
   "introduction-to-human-security"), logged in with ``Client.force_login``; with
   ``--anonymous``, nobody.
3. Pages: the floor ``/about/`` (a StandardPage, no learning logic), the demo course page,
   and its lessons in turn (as the isolated lesson run of ``bench/load.py`` picks lessons of
   the course; an anonymous visitor gets the preview lessons only). Each lesson request of an
   enrolled learner also records the visit, as in production.
4. Each page gets ``--warmup`` requests (10), then ``--requests`` timed requests, each of which
   must answer 200. A round runs floor, course, lesson, floor again, and a page's ratio in
   the round is its requests per second divided by the mean of the two floor runs around
   it. ``--rounds`` rounds (3); printed: each page's median requests per second, time per
   request and ratio over the rounds, by the clock and by the CPU time of the process.

The absolute figures depend on the machine and on what else runs on it (the 1-minute load
average is printed before and after); the ratios, each measured between two floor runs,
are steadier, and those by CPU time least disturbed by other processes (but they leave
out waiting for the disk, e.g. SQLite's commit of the lesson visit). Compare runs made one
after the other.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_COURSE = "introduction-to-human-security"
DEMO_LEARNER = "learner@example.org"
HOST = "localhost"  # in the development ALLOWED_HOSTS; Wagtail's default site answers it


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    os.environ["VAR_DIR"] = os.environ.get("PAGES_VAR_DIR", str(ROOT / "var" / "bench-pages"))
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # seed_demo sends enrolment emails: keep them off the terminal.
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    Path(os.environ["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()


def prepare() -> None:
    """Migrate, and seed the demo site unless it is already there."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from courses.models import CoursePage

    if not CoursePage.objects.filter(slug=DEMO_COURSE).exists():
        print("pages: seeding the demo site (seed_demo)", flush=True)
        call_command("seed_demo", stdout=io.StringIO())


def targets(*, anonymous: bool) -> dict[str, list[str]]:
    from wagtail.models import Locale, Site

    from courses.models import CoursePage, LessonPage

    # The English course (every locale's tree has a version of it).
    course = CoursePage.objects.live().get(slug=DEMO_COURSE, locale=Locale.get_default())
    lessons = LessonPage.objects.live().descendant_of(course).order_by("path")
    if anonymous:
        lessons = lessons.filter(is_preview=True)
    about = Site.objects.get(is_default_site=True).root_page.get_children().live().get(slug="about")

    def rel(page) -> str:
        return page.get_url_parts()[2]

    return {
        "about": [rel(about)],
        "course": [rel(course)],
        "lesson": [rel(lesson) for lesson in lessons],
    }


def client_for(*, anonymous: bool):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    if not anonymous:
        client.force_login(get_user_model().objects.get(email=DEMO_LEARNER))
    return client


def fetch(client, urls, count: int) -> None:
    for url in itertools.islice(itertools.cycle(urls), count):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"pages: {url} answered {response.status_code}")


def rate(client, urls, *, requests: int, warmup: int) -> tuple[float, float]:
    """(requests per second, by the clock; requests per second of this process's CPU time)."""
    fetch(client, urls, warmup)
    started, cpu_started = time.perf_counter(), time.process_time()
    fetch(client, urls, requests)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return requests / wall, requests / cpu


def measure(args) -> None:
    client = client_for(anonymous=args.anonymous)
    pages = targets(anonymous=args.anonymous)
    if not pages["lesson"]:
        raise SystemExit("pages: the demo course has no lesson this viewer may open")
    viewer = "anonymous visitor" if args.anonymous else f"enrolled learner {DEMO_LEARNER}"
    print(
        f"pages: {args.rounds} rounds of {args.requests} requests per page (after "
        f"{args.warmup}), as {viewer}; load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    rates: dict[str, list[tuple[float, float]]] = {"about": [], "course": [], "lesson": []}
    ratios: dict[str, list[tuple[float, float]]] = {"about": [], "course": [], "lesson": []}
    for _round in range(args.rounds):
        found = {}
        for name in ("about", "course", "lesson", "about again"):
            page = name.split()[0]
            found[name] = rate(client, pages[page], requests=args.requests, warmup=args.warmup)
            rates[page].append(found[name])
        floor = [(a + b) / 2 for a, b in zip(found["about"], found["about again"], strict=True)]
        for page in ("course", "lesson"):
            ratios[page].append(tuple(v / f for v, f in zip(found[page], floor, strict=True)))
    print(f"{'':8} {'by the clock':>29}   {'by CPU time':>29}")
    columns = f"{'req/s':>9} {'ms/req':>9} {'ratio':>9}"
    print(f"{'page':<8} {columns}   {columns}")
    for page in ("about", "course", "lesson"):
        cells = []
        for which in (0, 1):
            per_second = statistics.median(sample[which] for sample in rates[page])
            ratio = statistics.median(r[which] for r in ratios[page]) if ratios[page] else 1.0
            cells.append(f"{per_second:9.1f} {1000 / per_second:9.2f} {ratio:9.2f}")
        print(f"{page:<8} {cells[0]}   {cells[1]}")
    print("(medians over the rounds; a ratio is the page's req/s over the floor's, about = 1)")
    print(f"pages: load average {os.getloadavg()[0]:.2f}")


def queries(args) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for anonymous in (True, False):
        client = client_for(anonymous=anonymous)
        pages = targets(anonymous=anonymous)
        for name in ("about", "course", "lesson"):
            url = pages[name][-1] if name == "lesson" else pages[name][0]
            fetch(client, [url], 1)  # warm per-process caches
            with CaptureQueriesContext(connection) as captured:
                fetch(client, [url], 1)
            viewer = "anonymous" if anonymous else "learner"
            print(f"== {name} as {viewer}: {url}: {len(captured)} queries")
            if args.verbose:
                for query in captured:
                    print(f"   {query['sql'][:300]}")


def profile(args) -> None:
    client = client_for(anonymous=args.anonymous)
    urls = targets(anonymous=args.anonymous)[args.profile]
    fetch(client, urls, args.warmup)
    profiler = cProfile.Profile()
    profiler.runcall(fetch, client, urls, args.requests)
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests first")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of floor/course/lesson")
    parser.add_argument("--anonymous", action="store_true", help="as an anonymous visitor")
    parser.add_argument("--queries", action="store_true", help="count each page's queries")
    parser.add_argument("-v", "--verbose", action="store_true", help="with --queries: the SQL")
    parser.add_argument("--profile", choices=["about", "course", "lesson"], help="cProfile it")
    parser.add_argument("--top", type=int, default=40, help="with --profile: rows shown")
    args = parser.parse_args()

    setup_django()
    prepare()
    if args.queries:
        queries(args)
    elif args.profile:
        profile(args)
    else:
        measure(args)


if __name__ == "__main__":
    main()
