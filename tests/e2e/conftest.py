"""Browser journeys: Chromium driven by Playwright against pytest-django's live server.

Tests marked ``e2e`` need Playwright for Python, Chromium and axe-core (``make e2e-deps``).
Without them (a laptop that has not installed them) they are skipped, with the reason shown in
the summary; under CI=true a missing one is an error, never a skip.

The live server runs in another thread of this process, with the test settings (PostgreSQL
and Redis when DATABASE_URL and REDIS_URL are set) and its own database connection, so it only
sees committed data: the journeys are transactional tests. Each seeds the demo site; the
database is flushed afterwards and restored to its migrated state (``serialized_rollback``:
themes, levels, groups, the workflow, Wagtail's root page) for the tests that follow.
"""

import glob
import os

import pytest
from django.core.management import call_command

from .support import (
    ARTIFACTS,
    AXE_LOG,
    CHROMIUM,
    CHROMIUM_ARGS,
    Journey,
    missing_requirements,
)


def pytest_collection_modifyitems(config, items):
    journeys = [item for item in items if item.get_closest_marker("e2e")]
    if not journeys:
        return
    missing = missing_requirements()
    if not missing:
        return
    reason = "browser journeys need " + "; ".join(missing)
    if os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(f"CI=true but the {reason}")
    for item in journeys:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def pytest_terminal_summary(terminalreporter):
    if not AXE_LOG:
        return
    minor = sorted({rule for _url, _blocking, others in AXE_LOG for rule in others})
    blocking = sum(1 for _url, found, _others in AXE_LOG if found)
    terminalreporter.write_line(
        f"axe-core: {len(AXE_LOG)} page views checked against WCAG 2.1 A/AA, "
        f"{blocking} with serious or critical violations; "
        f"moderate or minor rules seen: {', '.join(minor) or 'none'}"
    )


@pytest.fixture
def browser(transactional_db):
    """Chromium for one test, started once the test database is ready.

    Playwright's sync API keeps an asyncio loop running in this thread while it is up. Django
    then refuses ORM calls here unless DJANGO_ALLOW_ASYNC_UNSAFE is set (the tests' queries are
    plain synchronous code, so it is), and asgiref gives this thread a separate set of database
    connections for as long as the loop runs: the browser therefore starts after
    pytest-django has set the database up, and those connections are closed before the loop
    stops, so the database can be flushed (and dropped) behind it.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
                connections.close_all()


@pytest.fixture
def demo(transactional_db):
    """The demo site as ``seed_demo`` creates it, committed, so the live server sees it."""
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)


@pytest.fixture
def journey(request, browser, live_server):
    """Pages for one journey (``journey.new_page()``), all requests recorded."""
    current = Journey(browser=browser, base_url=live_server.url, name=request.node.name)
    for stale in ARTIFACTS.glob(glob.escape(f"failed-{request.node.name}-") + "*.png"):
        stale.unlink()
    yield current
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        for number, context in enumerate(current.contexts):
            for page_number, page in enumerate(context.pages):
                name = f"failed-{request.node.name}-{number}-{page_number}.png"
                page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    current.close()


@pytest.fixture
def stub_videos(settings):
    """Video blocks resolve offline (``support.StubVideoFinder``); call with the base URL of
    the iframes the embeds should point to."""
    from wagtail.embeds.finders import get_finders

    def use(embed_base: str) -> None:
        settings.WAGTAILEMBEDS_FINDERS = [
            {"class": "tests.e2e.support.StubVideoFinder", "embed_base": embed_base}
        ]
        get_finders.cache_clear()

    yield use
    get_finders.cache_clear()
