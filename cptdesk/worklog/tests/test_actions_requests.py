import datetime

import pytest

from cptdesk.worklog import actions
from cptdesk.worklog.choices import RequestFormat, RequestStatus
from cptdesk.worklog.models import DocumentRequest, RequestTemplate, WorkItem

from .conftest import START


@pytest.fixture
def signed_order(maple):
    actions.ensure_templates(maple)
    return RequestTemplate.objects.get(practice=maple, name="Signed order")


@pytest.fixture
def doc_request(item, alice, signed_order):
    return actions.create_document_request(
        item, alice, signed_order, RequestFormat.FAX, recipient="Lakeside Ortho"
    )


def test_request_fills_placeholders(doc_request):
    assert doc_request.what_missing == "Signed and dated order for Knee MRI"
    assert "Aetna prior authorization packet for Knee MRI" in doc_request.reason
    assert "PT-1001" in doc_request.body
    assert doc_request.reference in doc_request.body


def test_request_gets_reference(doc_request):
    assert doc_request.reference == f"DR-{doc_request.pk:06d}"


def test_request_due_from_template_days(doc_request):
    assert doc_request.due_at == START.replace(hour=17) + datetime.timedelta(days=2)


def test_request_marks_missing_values(alice, signed_order, maple, fixed_clock):
    bare = actions.create_work_item(
        maple, kind="referral", patient_ref="PT-7", user=alice
    )

    request = actions.create_document_request(bare, alice, signed_order, "email")

    assert "[service not recorded]" in request.what_missing


def test_request_lifecycle_to_received(doc_request, bob, fixed_clock):
    actions.set_request_status(doc_request, bob, RequestStatus.SENT)
    fixed_clock.advance(hours=5)
    actions.set_request_status(doc_request, bob, RequestStatus.PARTIAL, "page 1 of 2")
    actions.set_request_status(doc_request, bob, RequestStatus.RECEIVED)

    assert doc_request.status == RequestStatus.RECEIVED
    assert doc_request.sent_at == START
    assert doc_request.received_at == START + datetime.timedelta(hours=5)
    assert doc_request.received_note == "page 1 of 2"


def test_received_request_cannot_reopen(doc_request, bob):
    actions.set_request_status(doc_request, bob, RequestStatus.RECEIVED)

    with pytest.raises(ValueError, match="cannot become sent"):
        actions.set_request_status(doc_request, bob, RequestStatus.SENT)


def test_request_goes_overdue_after_due(doc_request, fixed_clock):
    fixed_clock.advance(days=2, hours=7, minutes=59)
    assert not doc_request.is_overdue()

    fixed_clock.advance(minutes=2)

    assert doc_request.is_overdue()
    assert doc_request.display_status() == "Overdue"
    assert list(DocumentRequest.objects.overdue()) == [doc_request]


def test_received_request_never_overdue(doc_request, bob, fixed_clock):
    actions.set_request_status(doc_request, bob, RequestStatus.RECEIVED)

    fixed_clock.advance(days=30)

    assert not doc_request.is_overdue()


def test_overdue_request_makes_item_overdue(item, doc_request, fixed_clock):
    item.due_at = START + datetime.timedelta(days=30)
    item.save()

    fixed_clock.advance(days=3)

    assert list(WorkItem.objects.overdue()) == [item]
