"""Headless-Chromium tests of the dashboard and the small workspace they (and unit tests) use."""
