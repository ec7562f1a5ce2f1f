import pytest

from cptdesk.browser import sign_in
from cptdesk.catalog import actions
from cptdesk.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_filter_services_then_open_with_keyboard(page, bob, knee_mri):
    sign_in(page, "bob", PASSWORD)
    page.goto(f"{page.base_url}/catalog/")

    page.fill("#q", "mri kn")
    page.wait_for_selector("#results a[data-result]")
    page.press("#q", "ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/catalog/services/{knee_mri.pk}/")

    assert page.locator("h1").inner_text() == "Knee MRI without contrast"
    page.screenshot(path="/tmp/catalog-service.png", full_page=True)


def test_add_service_with_keyboard_only(page, alice):
    sign_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/catalog/services/new/")

    page.focus("#id_name")
    page.keyboard.type("Lumbar MRI")
    page.focus("#id_codes-0-code")
    page.keyboard.type("72148")
    page.screenshot(path="/tmp/catalog-form.png", full_page=True)
    page.focus(".catalog-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:text('Lumbar MRI')")

    assert "72148" in page.content()


def test_rules_page_shows_source_and_confirmation(page, alice, maple, write_file):
    # The live server's database lacks the bundled CMS lists, so the rules come from
    # a pack file here; the Medicare pack has its own tests.
    rows = (
        "code,result,paired_codes,source_title,source_confirmed\n"
        "64612,prior_auth,J0585 J0586,CMS outpatient list,yes\n"
        "67904,prior_auth,,CMS outpatient list,no\n"
    )
    actions.import_rule_pack(maple, write_file("pack.csv", rows), "CMS sample")
    sign_in(page, "alice", PASSWORD)

    page.goto(f"{page.base_url}/catalog/rules/")

    table = page.locator("table.rules").inner_text()
    assert "Unconfirmed: check the source" in table
    assert "Only with J0585, J0586 on the same visit" in table
    page.screenshot(path="/tmp/catalog-rules.png", full_page=True)
