import datetime

import pytest
from django.urls import reverse

from cptdesk.worklog import actions
from cptdesk.worklog.choices import ItemKind, ItemStatus

from .conftest import START

PAGES = [
    reverse("worklog:queue"),
    reverse("worklog:item-new"),
    reverse("worklog:item", args=[1]),
    reverse("worklog:request", args=[1]),
    reverse("worklog:templates"),
    reverse("worklog:matrix"),
    reverse("worklog:note-report"),
    reverse("worklog:escalation-report"),
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_require_login(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def make_items(practice, user, count, **fields):
    return [
        actions.create_work_item(
            practice,
            kind=ItemKind.REFERRAL,
            title=f"Referral {index}",
            patient_ref=f"PT-{index:04d}",
            user=user,
            **fields,
        )
        for index in range(count)
    ]


@pytest.mark.parametrize(
    "view", ["mine", "role", "today", "overdue", "waiting", "escalate", "all"]
)
def test_queue_queries_are_bounded(
    client, bob, view, fixed_clock, django_assert_max_num_queries
):
    make_items(bob.practice, bob, 30, owner_user=bob)
    actions.create_document_request(
        bob.practice.workitem_set.first(),
        bob,
        actions.RequestTemplate.objects.create(
            practice=bob.practice,
            name="T",
            what_missing="x",
            reason="y",
            next_step_owner="z",
            send_to="w",
            body="b",
            reminder_text="r",
        ),
        "fax",
    )
    client.force_login(bob)

    with django_assert_max_num_queries(9):
        response = client.get(reverse("worklog:queue"), {"view": view})

    assert response.status_code == 200


def test_my_queue_lists_only_my_items(client, alice, bob, fixed_clock):
    make_items(bob.practice, alice, 1, owner_user=bob)
    make_items(bob.practice, alice, 1, owner_user=alice)
    client.force_login(bob)

    response = client.get(reverse("worklog:queue"))

    assert [item.owner_user_id for item in response.context["page"]] == [bob.pk]


def test_role_queue_defaults_to_my_role(client, alice, bob, fixed_clock):
    make_items(bob.practice, alice, 2, owner_role="front_desk")
    make_items(bob.practice, alice, 1, owner_role="biller")
    client.force_login(bob)

    response = client.get(reverse("worklog:queue"), {"view": "role"})

    assert response.context["page"].paginator.count == 2


def test_queue_hides_other_practice(client, bob, charlie, fixed_clock):
    make_items(charlie.practice, charlie, 2)
    client.force_login(bob)

    response = client.get(reverse("worklog:queue"), {"view": "all"})

    assert response.context["page"].paginator.count == 0


def test_due_today_uses_clock(client, bob, fixed_clock):
    make_items(bob.practice, bob, 1, due_at=START + datetime.timedelta(hours=3))
    make_items(bob.practice, bob, 1, due_at=START + datetime.timedelta(days=2))
    client.force_login(bob)

    response = client.get(reverse("worklog:queue"), {"view": "today"})

    assert response.context["page"].paginator.count == 1


def test_waiting_view_lists_waiting_items(client, bob, fixed_clock):
    first, _ = make_items(bob.practice, bob, 2)
    actions.change_status(first, bob, ItemStatus.WAITING)
    client.force_login(bob)

    response = client.get(reverse("worklog:queue"), {"view": "waiting"})

    assert [item.pk for item in response.context["page"]] == [first.pk]


def test_queue_filters_by_patient(client, bob, fixed_clock):
    make_items(bob.practice, bob, 12)
    client.force_login(bob)

    response = client.get(
        reverse("worklog:queue"), {"view": "all", "patient": "PT-001"}
    )

    assert response.context["page"].paginator.count == 2


def test_queue_sorts_by_priority(client, bob, fixed_clock):
    make_items(bob.practice, bob, 1, priority=4)
    make_items(bob.practice, bob, 1, priority=1)
    client.force_login(bob)

    response = client.get(reverse("worklog:queue"), {"view": "all", "sort": "priority"})

    assert [item.priority for item in response.context["page"]] == [1, 4]


def test_escalate_early_badge_shows(client, bob, fixed_clock):
    actions.create_work_item(
        bob.practice, scenario="unsigned_order", patient_ref="PT-1", user=bob
    )
    fixed_clock.advance(hours=25)
    client.force_login(bob)

    response = client.get(reverse("worklog:queue"), {"view": "escalate"})

    assert b"Escalate early" in response.content


def test_bulk_reassign_moves_selected(client, alice, bob, fixed_clock):
    first, second, third = make_items(bob.practice, alice, 3, owner_role="front_desk")
    client.force_login(bob)

    response = client.post(
        reverse("worklog:queue") + "?view=all",
        {"items": [first.pk, third.pk], "owner_role": "biller"},
    )

    assert response.status_code == 302
    assert set(
        bob.practice.workitem_set.filter(owner_role="biller").values_list(
            "pk", flat=True
        )
    ) == {first.pk, third.pk}


def test_bulk_reassign_ignores_other_practice(client, bob, charlie, fixed_clock):
    (other,) = make_items(charlie.practice, charlie, 1, owner_role="front_desk")
    client.force_login(bob)

    client.post(reverse("worklog:queue"), {"items": [other.pk], "owner_role": "biller"})

    other.refresh_from_db()
    assert other.owner_role == "front_desk"


def test_csv_export_lists_rows(client, bob, fixed_clock):
    make_items(bob.practice, bob, 3)
    client.force_login(bob)

    response = client.get(reverse("worklog:queue"), {"view": "all", "export": "csv"})
    lines = b"".join(response.streaming_content).decode().splitlines()

    assert response["Content-Type"] == "text/csv"
    assert lines[0].startswith("id,type,title,patient_ref")
    assert len(lines) == 4


def test_item_page_of_other_practice_is_404(client, charlie, item):
    client.force_login(charlie)

    assert client.get(reverse("worklog:item", args=[item.pk])).status_code == 404


@pytest.mark.parametrize(
    "name",
    ["item-status", "item-reassign", "item-escalate", "note-create", "request-new"],
)
def test_item_posts_of_other_practice_are_404(client, charlie, item, name):
    client.force_login(charlie)

    response = client.post(
        reverse(f"worklog:{name}", args=[item.pk]), {"status": "done"}
    )

    assert response.status_code == 404


def test_item_page_shows_history(client, bob, item):
    client.force_login(bob)

    response = client.get(reverse("worklog:item", args=[item.pk]))

    assert b"Referral for knee MRI" in response.content
    assert b"Created for front_desk" in response.content


def test_new_item_from_scenario(client, bob, fixed_clock):
    client.force_login(bob)
    client.get(reverse("worklog:item-new"))  # installs the starter matrix
    rule = bob.practice.escalationrule_set.get(scenario="cost_estimate_request")

    response = client.post(
        reverse("worklog:item-new"),
        {"scenario": rule.pk, "patient_ref": "PT-55", "priority": 3},
    )

    item = bob.practice.workitem_set.get()
    assert response["Location"] == reverse("worklog:item", args=[item.pk])
    assert item.owner_role == "biller"


def test_status_change_by_post(client, bob, item):
    client.force_login(bob)

    client.post(reverse("worklog:item-status", args=[item.pk]), {"status": "waiting"})

    item.refresh_from_db()
    assert item.status == ItemStatus.WAITING


def test_escalate_without_handoff_explains(client, bob, scenario_item):
    client.force_login(bob)

    response = client.post(
        reverse("worklog:item-escalate", args=[scenario_item.pk]), {"question": ""}
    )

    assert response.status_code == 400
    assert b"Payer reference or call number" in response.content
