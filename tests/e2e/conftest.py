"""Fixtures for the end-to-end tests: headless Chromium, as the report's browser tests find
it (skipped when absent, unless ``SIXPARTY_REQUIRE_CHROMIUM=1``)."""

from tests.report.test_chromium import chromium  # noqa: F401  (the fixture, shared)
