"""Montenegrin dates and numbers: Django ships no formats for it; Montenegro writes them as
Serbian in Latin script does."""

from django.conf.locale.sr_Latn.formats import *  # noqa: F403
