import pytest
from django.urls import reverse

from cptdesk.worklog.choices import NoteVerdict

ACTIONABLE_FIELDS = {
    "contact_org": "Lakeside Imaging",
    "requested": "signed order",
    "next_step": "check the fax queue",
    "next_step_owner": "auth team",
    "follow_up_at": "2026-03-03T10:00",
}


def note_url(item):
    return reverse("worklog:note-create", args=[item.pk])


def test_check_returns_hint_fragment(client, bob, item):
    client.force_login(bob)

    response = client.post(
        note_url(item),
        {"check": "1", "text": "called office"},
        headers={"HX-Request": "true"},
    )

    assert b"<html" not in response.content
    assert b"no next-step owner" in response.content
    assert b"Too vague to act on" in response.content


def test_check_counts_structured_fields(client, bob, item):
    client.force_login(bob)

    response = client.post(note_url(item), {"check": "1", **ACTIONABLE_FIELDS})

    assert b"Actionable." in response.content


def test_check_saves_nothing(client, bob, item):
    client.force_login(bob)

    client.post(note_url(item), {"check": "1", **ACTIONABLE_FIELDS})

    assert not item.notes.exists()


def test_vague_note_asks_for_confirmation(client, bob, item):
    client.force_login(bob)

    response = client.post(note_url(item), {"text": "called office"})

    assert response.status_code == 200
    assert b"Save anyway" in response.content
    assert not item.notes.exists()


def test_confirmed_vague_note_is_saved(client, bob, item):
    client.force_login(bob)

    response = client.post(
        note_url(item), {"text": "called office", "confirm_vague": "on"}
    )

    assert response.status_code == 302
    assert item.notes.get().verdict == NoteVerdict.VAGUE


def test_actionable_note_is_saved(client, bob, item):
    client.force_login(bob)

    client.post(note_url(item), ACTIONABLE_FIELDS)

    assert item.notes.get().verdict == NoteVerdict.ACTIONABLE


@pytest.mark.parametrize("check", ["1", ""])
def test_note_on_other_practice_item_is_404(client, charlie, item, check):
    client.force_login(charlie)

    response = client.post(note_url(item), {"check": check, "text": "x"})

    assert response.status_code == 404
