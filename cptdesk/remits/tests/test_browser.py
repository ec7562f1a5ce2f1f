import datetime
from decimal import Decimal

import pytest

from cptdesk.accounts.actions import create_user
from cptdesk.accounts.choices import Role
from cptdesk.browser import sign_in
from cptdesk.conftest import PASSWORD
from cptdesk.remits.synthetic import SyntheticClaim, synthetic_835

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_835_then_dashboard_shows_denial(page, maple, tmp_path):
    create_user(maple, "erin", [Role.BILLER], password=PASSWORD)
    today = datetime.date.today()
    claims = [
        SyntheticClaim("ACCT-1", today, "71046", Decimal("300.00"), ("CO", "197")),
        SyntheticClaim("ACCT-2", today, "99213", Decimal("120.00"), ("CO", "27")),
    ]
    path = tmp_path / "era.835"
    path.write_text(
        synthetic_835("BROWSER TEST PLAN", "1512345678", "T1", today, claims)
    )
    sign_in(page, "erin", PASSWORD)
    page.goto(f"{page.base_url}/remits/")
    before = page.locator("#totals tbody tr").first.inner_text()

    page.goto(f"{page.base_url}/remits/imports/")
    page.set_input_files("input[type=file]", str(path))
    page.click("button[type=submit]:has-text('Import')")
    page.wait_for_url("**/remits/imports/*/")
    page.goto(f"{page.base_url}/remits/?days=30")
    page.wait_for_function("document.body.dataset.chartsDrawn === '4'")

    after = page.locator("#totals tbody tr").first.inner_text()
    assert "\t0\t" in before
    assert after.split("\t")[1] == "2"
    assert "BROWSER TEST PLAN" in page.locator("#by-payer").inner_text()
    page.screenshot(path="/tmp/cptdesk-remits-dashboard.png", full_page=True)
