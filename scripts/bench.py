"""Benchmark: training time, server start, REST turn latency and memory (prints numbers).

Usage: make bench   (or .venv/bin/python scripts/bench.py --turns 300 --no-train)
Everything runs on this machine; traffic goes to 127.0.0.1 only.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from rasa_servers import LOGS, QUIET, RASA, ROOT, start_action_server, start_rasa, stop  # noqa: E402

# A practitioner's mixed questions: each runs the answer action (or the emergency rule).
QUESTIONS = [
    "what is section 47?",
    "it's 7pm and I'm worried about a toddler with a bruise, who do I call?",
    "what's the difference between section 17 and 47",
    "when should a paediatrician be in a strategy discussion",
    "how do I refer to the MASH",
    "what does GCP2 stand for",
    "what happened to Luke",
    "what are the learning points",
]


def memory_kb(pid: int) -> dict:
    """Resident and peak resident memory of a process and its children, in kB."""
    pids = [pid] + [int(p) for p in subprocess.run(
        ["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()]
    total = {"rss": 0, "peak": 0}
    for p in pids:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{p}/status").read_text().splitlines())
        total["rss"] += int(fields["VmRSS"].split()[0])
        total["peak"] += int(fields["VmHWM"].split()[0])
    return total


def time_training() -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.monotonic()
        with (LOGS / "bench-train.log").open("w") as log:
            subprocess.run([RASA, "train", "--force", "--domain", "domain", "--out", out], cwd=ROOT, env=QUIET,
                           stdout=log, stderr=subprocess.STDOUT, check=True)
        return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--no-train", action="store_true", help="skip timing a full training")
    args = parser.parse_args()
    results = {"machine": {"cores": os.cpu_count(),
                           "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}}
    if not args.no_train:
        print("Timing a full training (rasa train --force)...", flush=True)
        results["training_s"] = round(time_training(), 1)

    start = time.monotonic()
    actions, action_port = start_action_server("bench-actions")
    with tempfile.TemporaryDirectory() as workdir:
        rasa, bot = None, None
        try:
            rasa, bot = start_rasa(Path(workdir), action_port, "bench-rasa")
            results["server_start_s"] = round(time.monotonic() - start, 1)
            for question in QUESTIONS:  # warm-up
                bot.say(question)
            latencies, errors = [], 0
            sender = uuid.uuid4().hex
            for turn in range(args.turns):
                if turn % 10 == 0:
                    sender = uuid.uuid4().hex  # a new conversation every 10 turns
                began = time.perf_counter()
                response = bot.send(QUESTIONS[turn % len(QUESTIONS)], sender)
                latencies.append((time.perf_counter() - began) * 1000)
                errors += response.status_code != 200 or not response.json()
            results["rest_turn_ms"] = {
                "turns": args.turns, "errors": errors,
                "p50": round(statistics.median(latencies), 1),
                "p95": round(statistics.quantiles(latencies, n=100)[94], 1),
                "p99": round(statistics.quantiles(latencies, n=100)[98], 1),
            }
            results["memory_mb"] = {
                name: {k: round(v / 1024) for k, v in memory_kb(process.pid).items()}
                for name, process in (("rasa_server", rasa), ("action_server", actions))
            }
        finally:
            stop(rasa, actions)

    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "bench.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    install = LOGS / "install-seconds"
    if install.exists():
        print(f"Last install (scripts/install.sh): {install.read_text().strip()} s")


if __name__ == "__main__":
    main()
