import pytest

from cptdesk.browser import sign_in
from cptdesk.conftest import PASSWORD
from cptdesk.worklog import actions
from cptdesk.worklog.choices import ItemKind, RequestStatus
from cptdesk.worklog.models import StatusNote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_note_hints_then_request_received(page, bob):
    item = actions.create_work_item(
        bob.practice,
        kind=ItemKind.PRIOR_AUTHORIZATION,
        title="Knee MRI authorization packet",
        patient_ref="PT-3301",
        user=bob,
        service="Knee MRI",
        payer="Aetna",
    )
    sign_in(page, "bob", PASSWORD)
    page.goto(f"{page.base_url}/work/items/{item.pk}/")

    page.fill("#id_text", "called office")
    page.wait_for_selector("#note-hints [data-missing='owner']")
    hints = page.locator("#note-hints").inner_text()
    page.screenshot(path="/tmp/cptdesk-worklog-vague.png", full_page=True)

    page.fill("#id_contact_org", "Lakeside Orthopedics")
    page.fill("#id_requested", "signed order and last progress note")
    page.fill("#id_next_step", "check the fax queue")
    page.fill("#id_next_step_owner", "auth team")
    page.fill("#id_follow_up_at", "2030-03-03T10:00")
    page.wait_for_selector("#note-hints.wl-ok")
    page.click("#note-form button[type=submit]")
    page.wait_for_selector("text=Note saved.")

    page.select_option("#id_template", label="Signed order")
    page.select_option("#id_format", "fax")
    page.fill("#id_recipient", "Lakeside Orthopedics, fax 555-0100")
    page.click(".wl-request-form button[type=submit]")
    page.wait_for_url("**/work/requests/*/")
    rendered = page.locator(".wl-rendered").inner_text()
    page.click("button[value='received']")
    page.wait_for_selector("#request-state:has-text('Received')")
    page.screenshot(path="/tmp/cptdesk-worklog-request.png", full_page=True)

    assert "no next-step owner" in hints
    assert StatusNote.objects.get(item=item).verdict == "actionable"
    assert "Signed and dated order for Knee MRI" in rendered
    assert item.requests.get().status == RequestStatus.RECEIVED
