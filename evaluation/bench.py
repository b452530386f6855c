"""Benchmark: training time, cold start, REST latency/throughput, peak memory - each against the
plain `rasa init` starter bot measured in the same run, because absolute times here vary by 2x.

Usage: make bench   (or .venv/bin/python evaluation/bench.py --no-train)
Everything runs on this machine; traffic goes to 127.0.0.1 only. Writes
results/bench.json and the generated part of docs/BENCHMARKS.md.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent / "scripts")]
import requests  # noqa: E402
from launcher import (  # noqa: E402
    LOGS,
    QUIET,
    RASA,
    ROOT,
    free_port,
    start_action_server,
    start_rasa,
    stop,
    wait_until,
)
from load import SCRIPT, run_users  # noqa: E402
from proc_memory import PeakSampler  # noqa: E402

DOC = ROOT / "docs" / "BENCHMARKS.md"
MARKER = "<!-- Everything below this line is hand-written and kept by `make bench`. -->"
TARGETS = {
    "1 user, 20-turn conversations": "p50 <= 25 ms, p95 <= 50 ms",
    "50 users": ">= 3x the starter's turns/s, 0 errors",
}
MAX_SECONDS = 120


def time_training() -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.monotonic()
        with (LOGS / "bench-train.log").open("w") as log:
            subprocess.run(
                [RASA, "train", "--force", "--out", out],
                cwd=ROOT,
                env=QUIET,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=True,
            )
        return time.monotonic() - start


def machine() -> dict:
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


LEVELS = [  # (name, users, turns per user, turns per conversation: 0 = one conversation)
    ("1 user, 20-turn conversations", 1, 100, 20),
    ("1 user, one 100-turn conversation", 1, 100, 0),
    ("10 users", 10, 30, 0),
    ("50 users", 50, 12, 0),
]
STARTER = ROOT / "results" / "starter"  # the plain `rasa init` bot, built once and kept (git-ignored)
STARTER_SCRIPT = [
    "hi",
    "I am sad",
    "yes",
    "bye",
    "are you a bot?",
    "great",
    "no",
    "hello",
    "what can you do?",
]


def run_load(bot_url: str, pids: dict, script) -> list:
    levels = []
    for name, users, turns, per_conversation in LEVELS:
        with PeakSampler(pids) as sampler:
            level = run_users(bot_url, users, turns, MAX_SECONDS, per_conversation, script)
        level["name"] = name
        level["peak_rss_mb"] = {k: round(v) for k, v in sampler.peak.items()}
        levels.append(level)
        print(
            f"    {name:<34} {level['turns']}/{level['planned_turns']} turns, {level['turns_per_s']} turns/s, "
            f"p50 {level['p50_ms']} ms, p95 {level['p95_ms']} ms, {level['errors']} errors",
            flush=True,
        )
    return levels


def run_levels(workdir: Path) -> dict:
    """Starts both servers (timed), then runs each load level with memory sampled throughout."""
    results = {}
    began = time.monotonic()
    actions, action_port = start_action_server("bench-actions")
    results["action_server_start_s"] = round(time.monotonic() - began, 1)
    rasa = None
    try:
        began = time.monotonic()
        rasa, bot = start_rasa(workdir, action_port, "bench-rasa")
        results["cold_start_s"] = round(time.monotonic() - began, 1)  # Rasa server up, model loaded
        for text in SCRIPT:  # warm-up: first use of each code path
            bot.send(text, "bench-warm-up")
        pids = {"rasa_server": rasa.pid, "action_server": actions.pid}
        with PeakSampler(pids) as overall:
            results["levels"] = run_load(bot.url, pids, SCRIPT)
        results["peak_rss_mb"] = {k: round(v) for k, v in overall.peak.items()}
    finally:
        stop(rasa, actions)
    return results


def starter_model() -> Path:
    """The plain `rasa init` bot's model, trained once into results/starter."""
    models = sorted((STARTER / "models").glob("*.tar.gz")) if STARTER.exists() else []
    if not models:
        print("==> Building the `rasa init` starter bot once (log: logs/bench-starter-init.log)", flush=True)
        STARTER.mkdir(parents=True, exist_ok=True)
        with (LOGS / "bench-starter-init.log").open("w") as log:
            subprocess.run(
                [RASA, "init", "--no-prompt", "--init-dir", str(STARTER)],
                cwd=STARTER,
                env=QUIET,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=True,
            )
        models = sorted((STARTER / "models").glob("*.tar.gz"))
    return models[-1]


def run_starter() -> dict:
    """The same driver against the starter bot, on the same machine in the same run."""
    model, port = starter_model(), free_port()
    log = LOGS / "bench-starter.log"
    began = time.monotonic()
    process = subprocess.Popen(
        [
            RASA,
            "run",
            "--model",
            str(model),
            "--port",
            str(port),
            "--interface",
            "127.0.0.1",
            "--credentials",
            str(STARTER / "credentials.yml"),
        ],
        cwd=STARTER,
        env=QUIET,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: requests.get(f"{url}/webhooks/rest/", timeout=2).ok, 180, "The starter bot", log)
        results = {"cold_start_s": round(time.monotonic() - began, 1)}
        for text in STARTER_SCRIPT:
            requests.post(
                f"{url}/webhooks/rest/webhook", json={"sender": "warm-up", "message": text}, timeout=30
            )
        pids = {"rasa_server": process.pid}
        with PeakSampler(pids) as overall:
            results["levels"] = run_load(url, pids, STARTER_SCRIPT)
        results["peak_rss_mb"] = {k: round(v) for k, v in overall.peak.items()}
        return results
    finally:
        stop(process)


def ratio(ours: float, starter: float) -> str:
    return f"{ours / starter:.2f}x" if starter else "-"


def write_doc(results: dict) -> None:
    starter = {lv["name"]: lv for lv in results["starter"]["levels"]}
    rows = [
        "| load | bot: turns/s | p50 ms | p95 ms | errors | starter: turns/s | p50 ms | p95 ms "
        "| bot / starter (turns/s; p50) | target |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for lv in results["levels"]:
        st = starter[lv["name"]]
        rows.append(
            f"| {lv['name']} | {lv['turns_per_s']} | {lv['p50_ms']} | {lv['p95_ms']} | {lv['errors']} "
            f"| {st['turns_per_s']} | {st['p50_ms']} | {st['p95_ms']} "
            f"| {ratio(lv['turns_per_s'], st['turns_per_s'])}; {ratio(lv['p50_ms'], st['p50_ms'])} "
            f"| {TARGETS.get(lv['name'], '-')} |"
        )
    long = next(lv for lv in results["levels"] if lv["name"].startswith("1 user, one"))
    long_st = starter[long["name"]]
    growth = ratio(long["p50_turns_81_100_ms"], long["p50_turns_1_20_ms"])
    m = results["machine"]
    training = f"{results['training_s']} s" if "training_s" in results else "not timed (--no-train)"
    generated = "\n".join(
        [
            "# Benchmarks",
            "",
            f"Generated by `make bench` on {results['date']}: {m['cores']} cores, {m['memory_gb']} GB memory, "
            f"load average {m['load_average_at_start']} at the start, {m.get('load_average_at_end', '-')} at the "
            "end (other jobs share the cores). Absolute times on this shared machine vary "
            "by 2x between runs, so every figure is also given against the plain `rasa init` starter bot, built "
            "and measured in the same run with the same driver (`results/bench.json`).",
            "",
            "Each simulated user is its own REST conversation (`evaluation/load.py`): topic questions, follow-ups "
            "and chit-chat for this bot, the starter's own small talk for the starter, in a closed loop (next "
            f"message when the reply arrives), stopped after {MAX_SECONDS} s per level. Only 127.0.0.1; the "
            "client runs on the same cores as the servers. Memory is the resident set of each server's "
            "process tree, sampled from /proc every 0.2 s. This bot runs its action server and a SQLite "
            "tracker store; the starter has neither.",
            "",
            "| measure | this bot | starter bot | ratio | target |",
            "|---|---|---|---|---|",
            f"| training (`rasa train --force`) | {training} | - | - | <= 60 s |",
            f"| cold start (Rasa server up, model loaded) | {results['cold_start_s']} s "
            f"| {results['starter']['cold_start_s']} s | {ratio(results['cold_start_s'], results['starter']['cold_start_s'])} "
            "| <= 25 s |",
            f"| peak RSS Rasa server | {results['peak_rss_mb']['rasa_server']} MB "
            f"| {results['starter']['peak_rss_mb']['rasa_server']} MB "
            f"| {ratio(results['peak_rss_mb']['rasa_server'], results['starter']['peak_rss_mb']['rasa_server'])} "
            "| <= 800 MB |",
            f"| peak RSS action server | {results['peak_rss_mb']['action_server']} MB | - | - | - |",
            f"| one conversation: p50 of turns 81-100 / turns 1-20 | {long['p50_turns_81_100_ms']} / "
            f"{long['p50_turns_1_20_ms']} ms = {growth} | {long_st['p50_turns_81_100_ms']} / "
            f"{long_st['p50_turns_1_20_ms']} ms | - | <= 1.3x |",
            "",
            "## REST turns under load",
            "",
            *rows,
            "",
        ]
    )
    old = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    hand_written = old.split(MARKER, 1)[1] if MARKER in old else "\n## Notes\n\n(none yet)\n"
    DOC.write_text(generated + "\n" + MARKER + "\n" + hand_written.lstrip("\n"), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-train", action="store_true", help="skip timing a full training")
    args = parser.parse_args()
    results = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "max_seconds": MAX_SECONDS,
    }
    LOGS.mkdir(exist_ok=True)
    if not args.no_train:
        print("==> Timing a full training (rasa train --force; log: logs/bench-train.log)", flush=True)
        results["training_s"] = round(time_training(), 1)
    print("==> This bot: both servers, then the load levels (logs: logs/bench-*.log)", flush=True)
    with tempfile.TemporaryDirectory() as workdir:
        results.update(run_levels(Path(workdir)))
    print("==> The `rasa init` starter bot, same driver, same levels", flush=True)
    results["starter"] = run_starter()
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "bench.json").write_text(json.dumps(results, indent=2))
    write_doc(results)
    print(
        f"==> cold start {results['cold_start_s']} s (starter {results['starter']['cold_start_s']} s), "
        f"peak RSS {results['peak_rss_mb']} MB (starter {results['starter']['peak_rss_mb']} MB)"
        + (f", training {results['training_s']} s" if "training_s" in results else "")
    )
    print("==> Wrote results/bench.json and docs/BENCHMARKS.md")


if __name__ == "__main__":
    main()
