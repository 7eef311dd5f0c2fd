"""Demo content for the site pages (used by the ``seed_demo`` command, never in production)."""

from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage, StandardPage

HOME_INTRO = (
    "<p>We are a cross-border network of civil-society organisations in Bosnia and "
    "Herzegovina, Bulgaria, Kosovo, Montenegro, Serbia and Turkey, working for peace, "
    "inter-communal reconciliation and <b>human security</b>: the safety of people in their "
    "everyday lives, not only of states.</p>"
    "<p>Besides dialogue meetings, research, conferences and summer schools, we run online "
    "training for students, activists, researchers and officials across the region. Our "
    "courses are free, work on a phone and a slow connection, and can be taken under a "
    "pseudonym.</p>"
)

HOME_BODY = [
    {"type": "heading", "value": {"text": "What our training covers", "level": "h2"}},
    {
        "type": "rich_text",
        "value": (
            "<ul><li>Human security: freedom from fear, freedom from want and freedom to live "
            "in dignity</li><li>Good governance and the accountability of police and "
            "security institutions</li><li>Reconciliation and dealing with the past</li>"
            "<li>Social inclusion of marginalised communities</li><li>Organised crime, "
            "illicit economies and the everyday insecurity they create</li></ul>"
        ),
    },
]

ABOUT_BODY = [
    {
        "type": "rich_text",
        "value": (
            "<p>The network brings together organisations that have worked since the wars "
            "of the 1990s on dialogue between communities, on the oversight of security "
            "institutions, and on the rights of people whom insecurity hits first: young "
            "people without work, minorities, returnees and people living in poverty.</p>"
            "<p>This learning platform is open source. Courses are written by trainers from "
            "the member organisations and reviewed before publication.</p>"
        ),
    }
]


PRIVACY_BODY = [
    {
        "type": "rich_text",
        "value": (
            "<p>We collect only what we need to run your training: your email address, the "
            "name you choose to show (a pseudonym is fine), and, if you give them, your "
            "country and organisation. We record your enrolments, progress, quiz answers and "
            "certificates so you can continue where you left off and prove what you "
            "completed.</p>"
            "<p>Trainers of a course see the progress of its learners. Programme staff see "
            "statistics for reports to the network and its donors; those reports count "
            "people, they do not name them.</p>"
            "<p>You can download all your data as a file, and delete your account, from your "
            "profile page at any time. Deleting your account erases your personal data; "
            "anonymous records remain so that the programme's statistics stay right.</p>"
            "<p>We use no trackers and load nothing from other websites.</p>"
        ),
    }
]


@transaction.atomic
def seed_site() -> HomePage:
    """Create (once) the home page, make it the default site's root, and an About page."""
    home = HomePage.objects.first()
    root = Page.get_first_root_node()
    if home is None:
        home = HomePage(
            title="Human security for everyone",
            slug="home",
            intro=HOME_INTRO,
            body=HOME_BODY,
        )
        # Wagtail's initial migration leaves a placeholder page on the "home" slug.
        Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Human Security Academy",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Human Security Academy"
        site.save()
    for slug, title, intro, body in (
        (
            "about",
            "About the network",
            "Who we are and why we train people in human security.",
            ABOUT_BODY,
        ),
        (
            "privacy",
            "Privacy policy",
            "What we record about you, why, and your rights.",
            PRIVACY_BODY,
        ),
    ):
        if not StandardPage.objects.child_of(home).filter(slug=slug).exists():
            page = StandardPage(title=title, slug=slug, intro=intro, body=body)
            home.add_child(instance=page)
            page.save_revision().publish()
    return home


def link_catalogue(*, home: HomePage, catalogue: Page) -> None:
    """Point the home page's call to action at the catalogue (idempotent)."""
    if home.catalogue_page_id != catalogue.pk:
        home.catalogue_page = catalogue
        home.save_revision().publish()
