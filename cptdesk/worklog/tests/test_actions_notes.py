import datetime

import pytest

from cptdesk.worklog import actions
from cptdesk.worklog.choices import HistoryAction, NoteVerdict

from .conftest import START

COMPLETE = {
    "contact_name": "Dana",
    "contact_org": "Lakeside Imaging",
    "requested": "signed order",
    "next_step": "check the fax queue",
    "next_step_owner": "auth team",
    "follow_up_at": START + datetime.timedelta(days=1),
}


def test_vague_note_needs_confirmation(item, bob):
    with pytest.raises(actions.NoteNeedsConfirmation) as raised:
        actions.add_note(item, bob, {"text": "called office"})

    assert "owner" in raised.value.verdict.missing_ids
    assert not item.notes.exists()


def test_confirmed_vague_note_is_saved(item, bob):
    note = actions.add_note(item, bob, {"text": "called office"}, confirm_vague=True)

    assert note.verdict == NoteVerdict.VAGUE
    assert note.saved_as_vague
    assert "follow_up" in note.missing


def test_structured_note_is_actionable(item, bob):
    note = actions.add_note(item, bob, COMPLETE)

    assert note.verdict == NoteVerdict.ACTIONABLE
    assert note.missing == []
    assert note.written_at == START


def test_note_writes_history(item, bob):
    actions.add_note(item, bob, COMPLETE)

    assert item.events.filter(action=HistoryAction.NOTE, user=bob).exists()


def test_free_text_alone_can_be_actionable(item, bob):
    text = (
        "14:14 called the referring office, asked for the signed order for the MRI "
        "authorization packet, they will fax by end of day; follow up tomorrow 10:00 "
        "if not received — owner: auth team"
    )

    note = actions.add_note(item, bob, {"text": text})

    assert note.verdict == NoteVerdict.ACTIONABLE
