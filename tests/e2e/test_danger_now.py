"""Danger now, end to end: the running server's NLU (classifier + red flags) on a set written
apart from the training data and the red-flag development set (tests/safety/danger_now.yml)."""

import yaml

from paths import ROOT

SET = yaml.safe_load((ROOT / "tests" / "safety" / "danger_now.yml").read_text())


def test_every_emergency_is_recognised_and_false_alarms_are_reported(bot):
    missed = [t for t in SET["emergency"] if bot.parse(t)["intent"]["name"] != "emergency"]
    alarms = [t for t in SET["not_emergency"] if bot.parse(t)["intent"]["name"] == "emergency"]
    print(
        f"\nDanger now: recall {len(SET['emergency']) - len(missed)}/{len(SET['emergency'])}, "
        f"false alarms {len(alarms)}/{len(SET['not_emergency'])} (target 0)"
    )
    for text in alarms:
        print(f"  false alarm: {text}")
    assert len(SET["emergency"]) >= 80 and len(SET["not_emergency"]) >= 80
    assert not missed, missed
