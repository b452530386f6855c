"""`make profile`: where a REST turn's time goes, sampled with py-spy from outside the servers.

Starts both servers as `make serve` would, records the Rasa server (and the
action server) with `py-spy record` while the benchmark's simulated practitioners
talk to it, then prints the functions holding the most samples: own time (the
function itself) and total time (the function and everything it calls).
Raw samples: results/profile/*.txt (py-spy's collapsed-stack format).

Usage: .venv/bin/python evaluation/profile_turns.py [--seconds 25] [--users 1] [--per-conversation 20]
(--per-conversation N: a new conversation every N turns, as `make bench`'s first level; the
default 0 is one conversation that grows for the whole run)
"""

import argparse
import collections
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent / "scripts")]
from launcher import LOGS, ROOT, start_action_server, start_rasa, stop  # noqa: E402
from load import SCRIPT, run_users  # noqa: E402

PY_SPY = str(ROOT / ".venv" / "bin" / "py-spy")
OUT = ROOT / "results" / "profile"


def record(pid: int, seconds: float, target: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            PY_SPY,
            "record",
            "--pid",
            str(pid),
            "--duration",
            str(int(seconds)),
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(target),
            "--nonblocking",
            "--subprocesses",
        ],
        stdout=subprocess.DEVNULL,
        stderr=(LOGS / "profile-py-spy.log").open("a"),
    )


# Where a turn's time goes in the Rasa server: a stage is every sample with that frame in its stack.
STAGES = [
    ("action-response check (jsonschema)", "_validate_action_result ("),
    ("tracker: load from the store", "retrieve (rasa/core/tracker_store.py"),
    ("tracker: save to the store", "save (rasa/core/tracker_store.py"),
    ("NLU pipeline", "parse_message (rasa/core/processor.py"),
    ("policies: next action", "_predict_next_with_tracker (rasa/core/processor.py"),
    ("custom actions: request body (tracker state)", "_action_call_format ("),
    ("custom actions: HTTP call (JSON encoding, connection, reply)", "request (rasa/utils/endpoints.py"),
    ("forms: temporary trackers", "_temporary_tracker ("),
]
IDLE = ("serve (sanic/server/runners.py",)  # the event loop waiting: no turn running


def read_stacks(collapsed: Path) -> list:
    """[(frames, samples)] from py-spy's collapsed stacks ('a;b;c N'), idle samples left out."""
    stacks = []
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [
            f.split(" (")[0] + (f" ({f.split(' (')[1].split(':')[0]})" if " (" in f else "")
            for f in stack.split(";")
        ]
        if not frames[-1].startswith(IDLE):
            stacks.append((frames, int(count)))
    return stacks


def top_functions(collapsed: Path, limit: int) -> tuple:
    """(own, total, stages, busy samples)."""
    own, total, stages, samples = collections.Counter(), collections.Counter(), collections.Counter(), 0
    for frames, n in read_stacks(collapsed):
        samples += n
        own[frames[-1]] += n
        for frame in set(frames):
            total[frame] += n
        joined = ";".join(frames)
        for name, marker in STAGES:
            stages[name] += n if marker in joined else 0
    return own.most_common(limit), total.most_common(limit * 3), stages, samples


def report(name: str, collapsed: Path, limit: int) -> None:
    if not collapsed.exists():
        print(f"  {name}: no samples (see logs/profile-py-spy.log)")
        return
    own, total, stages, samples = top_functions(collapsed, limit)
    generic = (
        "<module>",
        "run (",
        "_run (",
        "_run_once",
        "process ",
        "main (",
        "serve",
        "handler (",
        "handle_message (rasa/core/agent",
        "connection_task",
        "http1",
        "handle_request",
    )
    interesting = [(f, n) for f, n in total if not f.startswith(generic)]
    print(f"\n{name}: {samples} busy samples (the event loop's idle waits left out)")
    if any(stages.values()):
        print("  where a turn's time goes (share of busy samples):")
        for stage, n in stages.items():
            print(f"    {100 * n / max(samples, 1):5.1f}%  {stage}")
    print("  total time (function and what it calls):")
    for frame, n in interesting[:limit]:
        print(f"    {100 * n / max(samples, 1):5.1f}%  {frame}")
    print("  own time:")
    for frame, n in own:
        print(f"    {100 * n / max(samples, 1):5.1f}%  {frame}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=25)
    parser.add_argument("--users", type=int, default=1)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument(
        "--per-conversation",
        type=int,
        default=0,
        help="a new conversation every N turns (0: one conversation)",
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    actions, action_port = start_action_server("profile-actions")
    rasa = None
    try:
        with tempfile.TemporaryDirectory() as workdir:
            rasa, bot = start_rasa(Path(workdir), action_port, "profile-rasa")
            for text in SCRIPT:  # warm-up, as `make bench` does: first use of each code path (and
                bot.send(text, "profile-warm-up")  # each message's sentence embedding, then cached)
            files = {"Rasa server": OUT / "rasa.txt", "action server": OUT / "actions.txt"}
            spies = [
                record(rasa.pid, args.seconds, files["Rasa server"]),
                record(actions.pid, args.seconds, files["action server"]),
            ]
            time.sleep(1)  # py-spy attaches
            each = (
                f", a new conversation every {args.per_conversation} turns" if args.per_conversation else ""
            )
            print(f"==> {args.users} user(s) for {args.seconds:.0f} s{each} under py-spy (raw stacks: {OUT})")
            level = run_users(bot.url, args.users, 100_000, args.seconds - 2, args.per_conversation)
            for spy in spies:
                spy.wait(timeout=args.seconds + 30)
            print(
                f"    {level['turns']} turns, p50 {level['p50_ms']} ms, p95 {level['p95_ms']} ms, "
                f"{level['errors']} errors"
            )
            for name, path in files.items():
                report(name, path, args.top)
    finally:
        stop(rasa, actions)


if __name__ == "__main__":
    main()
