import pytest

from cptdesk.browser import sign_in
from cptdesk.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_as_you_type_then_open_code(page, bob):
    sign_in(page, "bob", PASSWORD)

    page.fill("#q", "J058")
    page.wait_for_selector("#results a[href='/codes/J0585/']")
    page.fill("#q", "lightweight wheelchair")
    page.wait_for_selector("#results a[href='/codes/K0003/']")
    page.press("#q", "ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/codes/K0003/")

    assert page.locator("h1").inner_text().startswith("K0003")
    assert "HCPCS 2026 January" in page.content()
    page.screenshot(path="/tmp/cptdesk-code-page.png", full_page=True)


def test_enter_opens_result_of_what_was_typed(page, bob):
    sign_in(page, "bob", PASSWORD)
    page.fill("#q", "wheelchair")
    page.wait_for_selector("#results a[href='/codes/K0001/']")

    page.fill("#q", "J0585")
    page.press("#q", "Enter")

    page.wait_for_url("**/codes/J0585/")
    assert page.locator("h1").inner_text().startswith("J0585")


def test_back_after_opening_result_restores_search_page(page, bob):
    sign_in(page, "bob", PASSWORD)
    page.fill("#q", "K000")
    page.wait_for_selector("#results a[href='/codes/K0001/']")
    page.press("#q", "ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/codes/K0001/")

    page.go_back()

    page.wait_for_selector("#q")
    assert page.locator("header.topbar").count() == 1
