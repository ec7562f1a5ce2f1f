import pytest

from cptdesk.browser import sign_in
from cptdesk.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_scenario_from_start_to_feedback(page, bob):
    sign_in(page, "bob", PASSWORD)
    page.wait_for_url("**/codes/")

    page.goto(f"{page.base_url}/guide/training/")
    page.click("text=A caller asks what the MRI will cost")
    page.fill("#id_answer", "Don't worry, the MRI is covered.")
    page.click("form.options button[type=submit]")
    page.wait_for_selector("#feedback")

    feedback = page.locator("#feedback").inner_text()
    assert "Score 0" in feedback
    assert "Coverage promise" in feedback
    assert "Model answer" in feedback
    page.screenshot(path="/tmp/cptdesk-guide-scenario.png", full_page=True)


def test_script_editor_checks_as_you_type(page, alice):
    sign_in(page, "alice", PASSWORD)
    page.wait_for_url("**/codes/")

    page.goto(f"{page.base_url}/guide/scripts/new/")
    page.fill("#id_say", "Your plan will cover the {service}.")
    page.wait_for_selector("#findings-say .findings")

    assert "Coverage promise" in page.locator("#findings-say").inner_text()
    page.screenshot(path="/tmp/cptdesk-guide-editor.png", full_page=True)
