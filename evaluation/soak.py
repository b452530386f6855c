"""`make soak` (not part of `make test`): many users for many minutes against one Rasa server and
its action server on 127.0.0.1, printing each minute's turns, errors, p50/p95 and both servers'
resident memory, then whether memory kept growing after the first minute (target: at most 5%).

Each minute every user starts a new conversation and talks until the minute ends (the load
driver of `make bench`, evaluation/load.py), so the tracker store keeps growing as it would
in use. Settings from the environment: SOAK_USERS (default 200), SOAK_MINUTES (default 10).
Writes results/soak.json.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent / "scripts")]
from launcher import ROOT, start_action_server, start_rasa, stop  # noqa: E402
from load import SCRIPT, run_users  # noqa: E402
from proc_memory import rss_mb  # noqa: E402

RSS_GROWTH_TARGET = 0.05
TURNS_PER_MINUTE = 10_000  # more than any user manages: the minute's deadline ends each user


def main() -> int:
    users = int(os.environ.get("SOAK_USERS", "200"))
    minutes = int(os.environ.get("SOAK_MINUTES", "10"))
    actions, action_port = start_action_server("soak-actions")
    rasa = None
    rows = []
    try:
        rasa, bot = start_rasa(Path(tempfile.mkdtemp()), action_port, "soak-rasa")
        for text in SCRIPT:
            bot.send(text, "soak-warm-up")
        print(f"Soak: {users} users for {minutes} minutes on {bot.url}")
        print(" min   turns  errors   p50 ms   p95 ms   Rasa RSS MB   actions RSS MB", flush=True)
        for minute in range(1, minutes + 1):
            level = run_users(bot.url, users, TURNS_PER_MINUTE, 60)
            row = {
                "minute": minute,
                "turns": level["turns"],
                "errors": level["errors"],
                "p50_ms": level["p50_ms"],
                "p95_ms": level["p95_ms"],
                "rasa_rss_mb": round(rss_mb(rasa.pid)),
                "actions_rss_mb": round(rss_mb(actions.pid)),
            }
            rows.append(row)
            print(
                f"{minute:>4} {row['turns']:>7} {row['errors']:>7} {row['p50_ms']:>8} {row['p95_ms']:>8}"
                f" {row['rasa_rss_mb']:>13} {row['actions_rss_mb']:>16}",
                flush=True,
            )
    finally:
        stop(rasa, actions)
    errors = sum(r["errors"] for r in rows)
    growth = {
        name: (rows[-1][name] - rows[0][name]) / rows[0][name] if rows and rows[0][name] else 0.0
        for name in ("rasa_rss_mb", "actions_rss_mb")
    }
    print(f"Errors: {errors} (target 0)")
    for name, share in growth.items():
        print(f"RSS growth after the first minute, {name[:-7]} server: {share:+.1%} (target <= +5%)")
    out = ROOT / "results"
    out.mkdir(exist_ok=True)
    (out / "soak.json").write_text(
        json.dumps({"users": users, "minutes": rows, "rss_growth": growth}, indent=1)
    )
    return 0 if errors == 0 and all(share <= RSS_GROWTH_TARGET for share in growth.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
