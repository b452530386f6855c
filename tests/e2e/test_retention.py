"""Retention on the real path: conversations held by a running Rasa server, purged by the
same command `make purge` runs, checked in the database and over the HTTP API."""

import os
import subprocess
import sys
import uuid

import sqlalchemy as sa
from launcher import ROOT

DAY = 86400


def user_texts(tracker: dict) -> list:
    return [event.get("text") for event in tracker["events"] if event["event"] == "user"]


def test_purge_deletes_old_conversations_and_keeps_recent_ones(bot):
    sys.path.insert(0, str(ROOT / "scripts"))
    import purge

    old, recent = f"old-{uuid.uuid4().hex}", f"recent-{uuid.uuid4().hex}"
    for sender in (old, recent):
        bot.say("what is section 47?", sender)
        bot.say("/mash_referral", sender)
    assert bot.tracker(old)["slots"]["topic"] == "mash_referral"

    engine = purge.tracker_store_engine(str(bot.endpoints))
    with engine.begin() as connection:  # the old conversation's last turn was 31 days ago
        connection.execute(
            sa.text("UPDATE events SET timestamp = timestamp - :age WHERE sender_id = :s"),
            {"age": 31 * DAY, "s": old},
        )

    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "purge.py"), "--endpoints", str(bot.endpoints)],
        env={**os.environ, "RETENTION_DAYS": "30"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Deleted 1 conversation(s)" in done.stdout, done.stdout

    with engine.connect() as connection:
        count = "SELECT count(*) FROM events WHERE sender_id = :s"
        assert connection.execute(sa.text(count), {"s": old}).scalar() == 0
        assert connection.execute(sa.text(count), {"s": recent}).scalar() > 0

    gone, kept = bot.tracker(old), bot.tracker(recent)
    assert user_texts(gone) == [] and gone["slots"]["topic"] is None
    assert user_texts(kept) == ["what is section 47?", "/mash_referral"]
    assert kept["slots"]["topic"] == "mash_referral"
