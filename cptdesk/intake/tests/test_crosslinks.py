"""A real red flag becomes a work item, and each flag offers its scripts."""

import datetime

import pytest
from django.urls import reverse

from cptdesk.browser import sign_in as browser_sign_in
from cptdesk.conftest import PASSWORD
from cptdesk.intake import actions
from cptdesk.intake.choices import FlagKind
from cptdesk.intake.models import RedFlag
from cptdesk.lib import clock
from cptdesk.worklog import escalation
from cptdesk.worklog.models import WorkItem

from .conftest import DEMO_SCHEDULE, make_appointment

MATRIX_SCENARIOS = {rule.scenario for rule in escalation.STARTER_RULES}


@pytest.fixture
def before_visits():
    """Set the work log's clock to Monday 2 March 2026, before the test visits."""
    moment = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    clock.use(clock.FixedClock(moment))
    yield moment
    clock.use(None)


@pytest.fixture
def flagged(maple, catalog, demo_authorizations):
    return actions.import_schedule(maple, DEMO_SCHEDULE.read_text(), "demo.csv")


@pytest.fixture
def auth_flag(maple, catalog):
    """A Medicare visit for a code on the prior-auth rule, with no authorization."""
    visit = make_appointment(
        maple,
        "PT-3301",
        datetime.date(2026, 3, 4),
        [("15823", 1)],
        payer=catalog["medicare"],
        service=catalog["service"],
        provider="Dr. Rowan",
    )
    actions.evaluate(maple, [visit.pk])
    return RedFlag.objects.get(appointment=visit, kind=FlagKind.AUTH_MISSING)


def create_item(client, flag):
    url = reverse("intake:flag-work-item", args=[flag.pk])
    back = reverse("intake:appointment", args=[flag.appointment_id])
    return client.post(url, {"next": back})


def visit_page(client, flag):
    url = reverse("intake:appointment", args=[flag.appointment_id])
    return client.get(url).content.decode()


@pytest.mark.parametrize("kind", FlagKind.values)
def test_flag_kind_has_matrix_scenario(kind):
    assert escalation.scenario_for_flag(kind) in MATRIX_SCENARIOS


def test_auth_flag_becomes_routed_item(client, bob, auth_flag):
    client.force_login(bob)

    create_item(client, auth_flag)

    item = WorkItem.objects.get()
    assert item.scenario.scenario == "prior_auth_missing"
    assert item.owner_role == "auth_coordinator"
    assert item.kind == "prior_authorization"
    assert item.priority == 1  # the flag blocks the visit


def test_item_carries_flag_evidence(client, bob, auth_flag):
    client.force_login(bob)

    create_item(client, auth_flag)

    item = WorkItem.objects.get()
    assert item.evidence["kind"] == "auth_missing"
    assert item.evidence["message"] == auth_flag.message
    assert item.evidence["evidence"] == auth_flag.evidence
    assert item.title == auth_flag.message[:200]


def test_item_links_back_to_visit(client, bob, auth_flag, before_visits):
    client.force_login(bob)

    create_item(client, auth_flag)

    item = WorkItem.objects.get()
    assert item.subject == auth_flag.appointment
    assert item.patient_ref == "PT-3301"
    assert item.payer == "Medicare"
    assert item.due_at <= auth_flag.appointment.starts_at


def test_visit_page_shows_created_item(client, bob, auth_flag):
    client.force_login(bob)
    create_item(client, auth_flag)
    item = WorkItem.objects.get()

    page = visit_page(client, auth_flag)

    assert reverse("worklog:item", args=[item.pk]) in page
    assert "Create work item" not in page


def test_visit_page_offers_filled_scripts(client, bob, auth_flag):
    client.force_login(bob)

    page = visit_page(client, auth_flag)

    assert "Do I need prior authorization?" in page
    assert "patient_ref=PT-3301" in page
    assert "payer=Medicare" in page
    assert "date=2026-03-04" in page


def test_visit_page_links_stages_guide(client, bob, auth_flag):
    client.force_login(bob)

    page = visit_page(client, auth_flag)

    assert f'href="{reverse("guide:stages")}#pre-service"' in page


def test_other_practice_flag_is_404(client, charlie, auth_flag):
    client.force_login(charlie)

    response = create_item(client, auth_flag)

    assert response.status_code == 404
    assert WorkItem.objects.count() == 0


def test_every_demo_flag_becomes_item(client, alice, flagged):
    client.force_login(alice)
    flags = list(RedFlag.objects.all())

    for flag in flags:
        create_item(client, flag)

    scenarios = set(WorkItem.objects.values_list("scenario__scenario", flat=True))
    kinds = {escalation.scenario_for_flag(flag.kind) for flag in flags}
    assert WorkItem.objects.count() == len(flags)
    assert scenarios == kinds


def test_worklist_links_scripts_per_flag(client, bob, flagged):
    client.force_login(bob)

    page = client.get("/intake/?date_from=2026-03-01&date_to=2026-03-10")

    assert page.content.count(b"Scripts for this flag") == RedFlag.objects.count()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_flag_to_work_item_in_browser(page, alice, auth_flag):
    browser_sign_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/intake/appointments/{auth_flag.appointment_id}/")
    card = page.locator(f"#flag-{auth_flag.pk}")

    card.locator("button:has-text('Create work item')").click()
    page.wait_for_selector("text=Work item created.")
    offered = card.locator(
        ".offered-scripts a:has-text('Do I need prior authorization?')"
    )
    offered_visible = offered.is_visible()
    page.screenshot(path="/tmp/cptdesk-crosslinks-visit.png", full_page=True)
    card.locator(".flag-work-item a").click()
    page.wait_for_url("**/work/items/*/")
    page.screenshot(path="/tmp/cptdesk-crosslinks-item.png", full_page=True)

    item = WorkItem.objects.get()
    back = page.locator(f"a[href='/intake/appointments/{auth_flag.appointment_id}/']")
    assert offered_visible
    assert page.locator("h1").inner_text() == item.title
    assert back.count() == 1
    assert page.locator(".offered-scripts").is_visible()


def test_second_click_makes_no_second_item(client, bob, auth_flag):
    client.force_login(bob)

    create_item(client, auth_flag)
    create_item(client, auth_flag)

    assert WorkItem.objects.count() == 1


def test_front_desk_sees_no_override_button(client, bob, auth_flag):
    client.force_login(bob)

    page = client.get(reverse("intake:appointment", args=[auth_flag.appointment_id]))

    assert b'value="overridden"' not in page.content
    assert b'value="acknowledged"' in page.content


def test_supervisor_sees_override_button(client, alice, auth_flag):
    client.force_login(alice)

    page = client.get(reverse("intake:appointment", args=[auth_flag.appointment_id]))

    assert b'value="overridden"' in page.content


def test_board_keeps_acknowledged_flag(client, bob, maple, catalog):
    from django.utils import timezone

    visit = make_appointment(
        maple,
        "PT-3302",
        timezone.localdate(),
        [("15823", 1)],
        payer=catalog["medicare"],
        service=catalog["service"],
    )
    actions.evaluate(maple, [visit.pk])
    flag = RedFlag.objects.get(appointment=visit, kind=FlagKind.AUTH_MISSING)
    client.force_login(bob)
    client.post(
        reverse("intake:decide-flag", args=[flag.pk]),
        {"state": "acknowledged", "reason": "Calling the payer today"},
    )

    board = client.get(reverse("intake:board"))

    assert b"PT-3302" in board.content
    assert b"(acknowledged)" in board.content


def test_bad_filter_keeps_the_others_and_says_so(client, bob):
    client.force_login(bob)

    page = client.get(
        reverse("intake:prescrub"),
        {"date_from": "2026-12-01", "date_to": "2026-12-31", "payer": "9999"},
    )

    assert b"not understood" in page.content
    assert b'value="2026-12-31"' in page.content
