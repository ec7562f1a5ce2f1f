import pytest

from cptdesk.browser import sign_in
from cptdesk.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lockout_then_unlock_through_pages(page, alice, bob):
    for _ in range(5):
        sign_in(page, "bob", "wrong-guess")
        page.wait_for_selector("p.error")
    assert page.locator("h1").inner_text() == "Sign-in locked"
    sign_in(page, "bob", PASSWORD)
    page.wait_for_selector("text=Sign-in locked")

    sign_in(page, "alice", PASSWORD)
    page.click("nav >> text=Users")
    page.click("text=Unlock bob")
    page.wait_for_selector("text=Unlocked bob")
    page.click("button:has-text('Sign out')")
    page.wait_for_url("**/login/")
    sign_in(page, "bob", PASSWORD)

    page.wait_for_url("**/codes/")
    assert page.locator(".signout span").inner_text().startswith("bob")
