from django.apps import AppConfig
from django.db.models.signals import post_save


def _locale_sync_trees(sender, instance, raw=False, **kwargs):
    # Loading fixtures or a test database snapshot (raw) must not build page trees: the
    # locales it points at may not be loaded yet.
    if not raw:
        instance.sync_trees()


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Site"

    def ready(self):
        # wagtail-localize syncs a locale's page tree whenever its synchronisation is saved,
        # raw saves included; the same, minus those.
        from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

        post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
        post_save.connect(_locale_sync_trees, sender=LocaleSynchronization)
