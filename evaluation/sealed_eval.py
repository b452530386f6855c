"""`make eval-sealed`: the sealed sets (tests/sealed/), scored once through the full bot.

The sets were written before any tuning by helpers who saw neither the training data nor
the rules, and are never tuned on: run this at the end of a piece of work and report what
it says. Writes results/eval/sealed.json and prints a summary; it never edits the sets.
Usage: .venv/bin/python evaluation/sealed_eval.py [tests/sealed_v2]  (a set's folder; default tests/sealed)
"""

import json
import sys
import tempfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent / "scripts")]
sys.path.insert(0, str(Path(__file__).parent.parent))
import yaml  # noqa: E402
from launcher import start_action_server, start_rasa, stop  # noqa: E402

from route_scoring import TEST_CLOCK, first_reply, helper_conversation, judge, summary  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEALED = ROOT / "tests" / "sealed"
OUT = ROOT / "results" / "eval"


def score(label, got):
    return {"id": label["id"], "got": got.route, "label": label["route"], **judge(label, got)}


def main(folder: Path = SEALED) -> None:
    situations = yaml.safe_load((folder / "situations.yml").read_text())["situations"]
    helper_file = folder / "helper_conversations.yml"
    conversations = yaml.safe_load(helper_file.read_text())["conversations"] if helper_file.exists() else []
    danger = yaml.safe_load((folder / "danger_now.yml").read_text())
    actions, port = start_action_server("sealed-actions", env=TEST_CLOCK)
    rasa, bot = start_rasa(Path(tempfile.mkdtemp()), port, "sealed-rasa", env=TEST_CLOCK)
    try:
        first = [score(s, first_reply(bot, s["text"])) for s in situations]
        helper = [score(c, helper_conversation(bot, c["answers"])) for c in conversations]
        missed = [d for d in danger["emergency"] if bot.parse(d["text"])["intent"]["name"] != "emergency"]
        alarms = [d for d in danger["not_emergency"] if bot.parse(d["text"])["intent"]["name"] == "emergency"]
    finally:
        stop(rasa)
        stop(actions)
    report = "\n".join(
        [
            summary(f"Situations told in one message ({len(first)})", first),
            summary(f"Helper conversations in free text ({len(helper)})", helper),
            f"Emergencies given the 999 page: {len(danger['emergency']) - len(missed)}/{len(danger['emergency'])}",
            *[f"  missed ({d['kind']})" for d in missed],
            f"Alarming non-emergencies given the 999 page: {len(alarms)}/{len(danger['not_emergency'])}",
            *[f"  false alarm ({d['kind']})" for d in alarms],
        ]
    )
    print(report)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{folder.name}.json").write_text(
        json.dumps(
            {
                "situations": first,
                "helper": helper,
                "missed": [d["kind"] for d in missed],
                "alarms": [d["kind"] for d in alarms],
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main(ROOT / sys.argv[1] if len(sys.argv) > 1 else SEALED)
