"""A Wagtail locale for every content language, each kept in sync with English by
wagtail-localize: pages not yet translated appear in every language's tree as aliases of
the English page (shown in English, in that language's interface) until translated.
Serbian has one locale ("sr") for both scripts."""

from django.db import migrations

DEFAULT = "en"
OTHERS = ["sq", "bs", "bg", "hr", "mk", "cnr", "sr", "tr"]


def locales_create(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    default, _ = Locale.objects.get_or_create(language_code=DEFAULT)
    for code in OTHERS:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": default})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_home_and_standard_pages"),
        ("wagtailcore", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(locales_create, migrations.RunPython.noop)]
