"""Factories for the whole suite, one module per app."""
