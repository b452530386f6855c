"""The privacy guard: what is masked, what must not be, and what reaches the database."""

import asyncio
import sqlite3

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from privacy.identifiers import find_identifiers, mask
from rasa_plugins.server.tracker_store import MaskingSQLTrackerStore, mask_event

MASKED = [
    ("NHS number 943 476 5919, bruised arm", "NHS number", "943 476 5919"),
    ("nhs no 9434765919", "NHS number", "9434765919"),
    ("943-476-5919", "NHS number", "943-476-5919"),
    ("mum's mobile is 07700 900123", "phone number", "07700 900123"),
    ("ring +44 7700 900123", "phone number", "+44 7700 900123"),
    ("surgery line 0161 496 0000", "phone number", "0161 496 0000"),
    ("email jo.bloggs@example.com please", "email address", "jo.bloggs@example.com"),
    ("they live at M1 1AE", "postcode", "M1 1AE"),
    ("postcode sw1a 1aa", "postcode", "sw1a 1aa"),
    ("dob 12/03/2021", "date", "12/03/2021"),
    ("born on 3rd March 2021", "date of birth", "3rd March 2021"),
    ("date of birth: 3 March 2021", "date of birth", "3 March 2021"),
]

NOT_MASKED = [
    "section 47",
    "what is s47?",
    "s17 or s47 2nd time round",
    "he is 2.5 years old",
    "18 hours a week",
    "within 15 working days",
    "admitted on 24 December 2020",
    "call 999",
    "NSPCC helpline 0808 800 5000",
    "ICPC within 15 days",
    "at 7pm on a Friday",
    "3 injuries in 2 weeks",
    "NICE NG76 and CG176",
    "learning point 14",
    "a 2 year old",
]


@pytest.mark.parametrize("text, kind, detail", MASKED)
def test_identifying_details_are_found_and_masked(text, kind, detail):
    assert find_identifiers(text) == [kind]
    masked = mask(text)
    assert detail not in masked and f"[{kind}]" in masked


@pytest.mark.parametrize("text", NOT_MASKED)
def test_practice_numbers_are_left_alone(text):
    assert find_identifiers(text) == []
    assert mask(text) == text


def test_a_user_event_is_masked_everywhere_it_holds_the_text():
    event = UserUttered(
        "NHS 943 476 5919 is this s47?",
        {"name": "section_47", "confidence": 0.9},
        [{"entity": "term", "value": "943 476 5919", "start": 4, "end": 16}],
        message_id="abc123",
    )
    masked = mask_event(event).as_dict()
    assert "5919" not in str(masked)
    assert masked["text"] == "NHS [NHS number] is this s47?"
    assert masked["parse_data"]["intent"]["name"] == "section_47"
    assert masked["message_id"] == "abc123"


def test_events_without_details_are_stored_unchanged():
    event = ActionExecuted("action_answer_topic")
    assert mask_event(event) is event


def test_the_sqlite_store_never_holds_the_raw_detail(tmp_path):
    db = tmp_path / "tracker.db"
    store = MaskingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    tracker = DialogueStateTracker.from_events(
        "someone",
        [
            UserUttered(
                "my email is jo.bloggs@example.com, who do I call?",
                {"name": "mash_referral", "confidence": 0.9},
            ),
            SlotSet("topic", "mash_referral"),
            BotUttered("Refer to the MASH."),
        ],
    )
    asyncio.run(store.save(tracker))
    rows = " ".join(r[0] for r in sqlite3.connect(db).execute("SELECT data FROM events"))
    assert "jo.bloggs" not in rows and "[email address]" in rows
    assert '"topic"' in rows and "Refer to the MASH." in rows
    # Saving again adds nothing twice: masking keeps Rasa's event count intact.
    asyncio.run(store.save(tracker))
    assert sqlite3.connect(db).execute("SELECT count(*) FROM events").fetchone()[0] == 3


def stored_texts(db) -> str:
    return " ".join(r[0] for r in sqlite3.connect(db).execute("SELECT data FROM events"))


def test_a_turn_masks_only_its_new_events_and_keeps_the_raw_text_in_memory(tmp_path, monkeypatch):
    """The turn as Rasa runs it: retrieve, add events, save - and save again in the same turn."""
    db = tmp_path / "tracker.db"
    store = MaskingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    asyncio.run(
        store.save(
            DialogueStateTracker.from_events(
                "someone",
                [ActionExecuted("action_listen"), UserUttered("what is s47?"), BotUttered("Section 47 ...")],
            )
        )
    )
    import rasa_plugins.server.tracker_store as module

    masked = []
    monkeypatch.setattr(module, "mask_event", lambda event: masked.append(event) or mask_event(event))
    tracker = asyncio.run(store.retrieve("someone"))
    tracker.update(UserUttered("call mum on 07700 900123?"))
    asyncio.run(store.save(tracker))
    assert len(masked) == 1  # what was read back is not masked again
    assert tracker.latest_message.text == "call mum on 07700 900123?"  # in memory: raw, for this turn
    tracker.update(BotUttered("Ask the family first."))
    asyncio.run(store.save(tracker))
    assert len(masked) == 2
    rows = stored_texts(db)
    assert "900123" not in rows and "[phone number]" in rows and "Ask the family first." in rows
    assert sqlite3.connect(db).execute("SELECT count(*) FROM events").fetchone()[0] == 5


def test_a_new_session_is_never_stored_raw(tmp_path):
    """After a session start Rasa counts stored events from it: the next save is masked whole."""
    db = tmp_path / "tracker.db"
    store = MaskingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    tracker = DialogueStateTracker.from_events(
        "someone",
        [
            ActionExecuted("action_session_start"),
            SessionStarted(),
            ActionExecuted("action_listen"),
            UserUttered("her dob 12/03/2021"),
        ],
    )
    asyncio.run(store.save(tracker))
    tracker.update(UserUttered("NHS number 943 476 5919"))
    asyncio.run(store.save(tracker))
    rows = stored_texts(db)
    assert "12/03/2021" not in rows and "5919" not in rows


def test_only_public_methods_of_rasas_store_are_overridden():
    """Fenced to Rasa's public tracker-store API (docs/UPGRADING.md)."""
    from rasa.core.tracker_store import SQLTrackerStore

    overridden = {
        name
        for name in vars(MaskingSQLTrackerStore)
        if name in dir(SQLTrackerStore) and not name.startswith("__")
    }
    # `domain`: the public property Rasa sets when it loads a model (the session settings, sessions.py)
    assert overridden == {"save", "retrieve", "domain"}
