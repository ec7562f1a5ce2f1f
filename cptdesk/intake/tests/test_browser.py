import pytest

from cptdesk.browser import sign_in
from cptdesk.conftest import PASSWORD
from cptdesk.intake.models import RedFlag

from .conftest import DEMO_SCHEDULE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_import_then_override_flag_with_reason(
    page, alice, catalog, demo_authorizations, settings
):
    # The data is committed, so the import can run in its own thread as on a server.
    settings.IMPORT_JOBS_INLINE = False
    sign_in(page, "alice", PASSWORD)

    page.goto(f"{page.base_url}/intake/import/")
    page.set_input_files("#id_file", str(DEMO_SCHEDULE))
    page.click("button:has-text('Import and check')")
    page.wait_for_url("**/intake/import/jobs/*/")
    page.wait_for_selector("text=11 appointment(s) added")
    page.screenshot(path="/tmp/cptdesk-intake-import-job.png", full_page=True)
    page.click("text=Open the pre-scrub worklist")
    page.wait_for_url("**/intake/?date_from=*")
    flag = RedFlag.objects.get(kind="ncci_pair")
    card = page.locator(f"#flag-{flag.pk}")
    card.locator("textarea").fill("Coder reviewed; documentation supports both")
    card.locator("button:has-text('Override')").click()
    page.wait_for_selector("text=Flag overridden.")
    page.screenshot(path="/tmp/cptdesk-intake-worklist.png", full_page=True)

    flag.refresh_from_db()
    assert flag.state == "overridden"
    assert flag.reason == "Coder reviewed; documentation supports both"
    assert flag.decided_by == alice
