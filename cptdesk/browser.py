"""Headless Chromium for the browser tests, from Debian's chromium package.

Playwright drives the system browser through its executable path; the suite never asks
Playwright to download a browser of its own.
"""

import os
import shutil

import pytest

CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path():
    for path in CHROMIUM_PATHS:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("chromium")


@pytest.fixture
def reference_data(transactional_db):
    """Load the bundled reference data when an earlier browser test's flush removed it.

    Browser tests commit their data so the live server thread sees it, and the database
    is emptied after each of them.
    """
    from cptdesk.codes.bundled import load_bundled
    from cptdesk.codes.models import DataRelease

    if not DataRelease.objects.exists():
        with open(os.devnull, "w") as out:
            load_bundled(out)


@pytest.fixture
def page(reference_data, live_server):
    """Yield a Playwright page in headless Chromium, with the live server's address."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(
                "Chromium is missing in CI; tools/ensure-browser.sh installs it"
            )
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # test itself are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        page = browser.new_page()
        page.set_default_timeout(10_000)
        page.base_url = live_server.url
        yield page
        browser.close()


def sign_in(page, username, password):
    page.goto(f"{page.base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
