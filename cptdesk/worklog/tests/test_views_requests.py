import pytest
from django.urls import reverse
from django.utils.html import escape

from cptdesk.worklog import actions
from cptdesk.worklog.choices import RequestStatus
from cptdesk.worklog.models import RequestTemplate


@pytest.fixture
def template(maple):
    actions.ensure_templates(maple)
    return RequestTemplate.objects.get(practice=maple, name="Imaging report")


@pytest.fixture
def doc_request(item, bob, template):
    return actions.create_document_request(
        item, bob, template, "fax", "Lakeside Imaging"
    )


def test_request_created_from_template(client, bob, item, template):
    client.force_login(bob)

    response = client.post(
        reverse("worklog:request-new", args=[item.pk]),
        {"template": template.pk, "format": "email"},
    )

    created = item.requests.get()
    assert response["Location"] == reverse("worklog:request", args=[created.pk])
    assert created.format == "email"


def test_other_practice_template_is_rejected(client, charlie, bob, item, birch):
    actions.ensure_templates(birch)
    foreign = RequestTemplate.objects.filter(practice=birch).first()
    client.force_login(bob)

    client.post(
        reverse("worklog:request-new", args=[item.pk]),
        {"template": foreign.pk, "format": "fax"},
    )

    assert not item.requests.exists()


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("fax", b"FAX from Maple"),
        ("email", b"Subject: Request"),
        ("portal", b"Please quote"),
    ],
)
def test_request_page_renders_format(client, bob, doc_request, fmt, text):
    client.force_login(bob)

    response = client.get(
        reverse("worklog:request", args=[doc_request.pk]), {"as": fmt}
    )

    assert text in response.content


def test_fax_cover_is_printable(client, bob, doc_request):
    client.force_login(bob)

    response = client.get(reverse("worklog:request-cover", args=[doc_request.pk]))

    assert doc_request.reference.encode() in response.content
    assert b"window.print()" in response.content


def test_mark_received_by_post(client, bob, doc_request):
    client.force_login(bob)

    client.post(
        reverse("worklog:request", args=[doc_request.pk]),
        {"status": RequestStatus.RECEIVED},
    )

    doc_request.refresh_from_db()
    assert doc_request.status == RequestStatus.RECEIVED


def test_invalid_transition_shows_message(client, bob, doc_request):
    actions.set_request_status(doc_request, bob, RequestStatus.RECEIVED)
    client.force_login(bob)

    response = client.post(
        reverse("worklog:request", args=[doc_request.pk]),
        {"status": "sent"},
        follow=True,
    )

    assert b"cannot become sent" in response.content


@pytest.mark.parametrize("name", ["request", "request-cover"])
def test_request_of_other_practice_is_404(client, charlie, doc_request, name):
    client.force_login(charlie)

    assert (
        client.get(reverse(f"worklog:{name}", args=[doc_request.pk])).status_code == 404
    )


def test_overdue_request_shows_reminder_in_queue(
    client, bob, item, doc_request, fixed_clock
):
    item.owner_user = bob
    item.save()
    fixed_clock.advance(days=4)
    client.force_login(bob)

    response = client.get(reverse("worklog:queue"), {"view": "overdue"})

    assert escape(doc_request.reminder_text).encode() in response.content
    assert "PT-1001" in doc_request.reminder_text


# Templates


def test_front_desk_sees_templates_without_edit(client, bob):
    client.force_login(bob)

    response = client.get(reverse("worklog:templates"))

    assert b"Medical-necessity letter" in response.content
    assert b"New template" not in response.content


def test_front_desk_cannot_edit_template(client, bob):
    client.force_login(bob)

    assert client.get(reverse("worklog:template-new")).status_code == 403


TEMPLATE_FORM = {
    "name": "Operative report",
    "what_missing": "Operative report",
    "reason": "Needed for the {service} claim",
    "due_days": 3,
    "next_step_owner": "Hospital records desk",
    "send_to": "Fax to billing",
    "body": "Please send the operative report for {patient_ref}.",
    "reminder_text": "Operative report for {patient_ref} overdue",
    "active": "on",
}


def test_supervisor_adds_template(client, alice):
    client.force_login(alice)

    response = client.post(reverse("worklog:template-new"), TEMPLATE_FORM)

    assert response.status_code == 302
    assert RequestTemplate.objects.filter(
        practice=alice.practice, name="Operative report"
    ).exists()


def test_template_with_unknown_placeholder_is_rejected(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("worklog:template-new"), TEMPLATE_FORM | {"body": "For {patient_name}"}
    )

    assert b"Unknown placeholder {patient_name}" in response.content
    assert not RequestTemplate.objects.filter(name="Operative report").exists()


def test_template_of_other_practice_is_404(client, alice, birch):
    actions.ensure_templates(birch)
    foreign = RequestTemplate.objects.filter(practice=birch).first()
    client.force_login(alice)

    assert (
        client.get(reverse("worklog:template-edit", args=[foreign.pk])).status_code
        == 404
    )
