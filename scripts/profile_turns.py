"""`make profile`: where a REST turn's time goes, sampled with py-spy from outside the servers.

Starts both servers as `make serve` would, records the Rasa server (and the
action server) with `py-spy record` while the benchmark's simulated practitioners
talk to it, then prints the functions holding the most samples: own time (the
function itself) and total time (the function and everything it calls).
Raw samples: results/profile/*.txt (py-spy's collapsed-stack format).

Usage: .venv/bin/python scripts/profile_turns.py [--seconds 25] [--users 1]
"""

import argparse
import collections
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from load import run_users  # noqa: E402
from rasa_servers import LOGS, ROOT, start_action_server, start_rasa, stop  # noqa: E402

PY_SPY = str(ROOT / ".venv" / "bin" / "py-spy")
OUT = ROOT / "results" / "profile"


def record(pid: int, seconds: float, target: Path) -> subprocess.Popen:
    return subprocess.Popen([PY_SPY, "record", "--pid", str(pid), "--duration", str(int(seconds)),
                             "--rate", "200", "--format", "raw", "--output", str(target), "--nonblocking",
                             "--subprocesses"],
                            stdout=subprocess.DEVNULL, stderr=(LOGS / "profile-py-spy.log").open("a"))


def top_functions(collapsed: Path, limit: int) -> tuple:
    """(own, total, samples) from py-spy's collapsed stacks: 'a;b;c N' per line."""
    own, total, samples = collections.Counter(), collections.Counter(), 0
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [f.split(" (")[0] + (f" ({f.split(' (')[1].split(':')[0]})" if " (" in f else "")
                  for f in stack.split(";")]
        n = int(count)
        samples += n
        own[frames[-1]] += n
        for frame in set(frames):
            total[frame] += n
    return own.most_common(limit), total.most_common(limit * 3), samples


def report(name: str, collapsed: Path, limit: int) -> None:
    if not collapsed.exists():
        print(f"  {name}: no samples (see logs/profile-py-spy.log)")
        return
    own, total, samples = top_functions(collapsed, limit)
    interesting = [(f, n) for f, n in total if not f.startswith(("<module>", "run (", "_run (", "_run_once"))]
    print(f"\n{name}: {samples} samples")
    print("  total time (function and what it calls):")
    for frame, n in interesting[:limit]:
        print(f"    {100 * n / samples:5.1f}%  {frame}")
    print("  own time:")
    for frame, n in own:
        print(f"    {100 * n / samples:5.1f}%  {frame}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=25)
    parser.add_argument("--users", type=int, default=1)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    actions, action_port = start_action_server("profile-actions")
    rasa = None
    try:
        with tempfile.TemporaryDirectory() as workdir:
            rasa, bot = start_rasa(Path(workdir), action_port, "profile-rasa")
            for _ in range(3):
                bot.send("what is section 47?", "profile-warm-up")
            files = {"Rasa server": OUT / "rasa.txt", "action server": OUT / "actions.txt"}
            spies = [record(rasa.pid, args.seconds, files["Rasa server"]),
                     record(actions.pid, args.seconds, files["action server"])]
            time.sleep(1)  # py-spy attaches
            print(f"==> {args.users} user(s) for {args.seconds:.0f} s under py-spy (raw stacks: {OUT})")
            level = run_users(bot.url, args.users, 100_000, args.seconds - 2)
            for spy in spies:
                spy.wait(timeout=args.seconds + 30)
            print(f"    {level['turns']} turns, p50 {level['p50_ms']} ms, p95 {level['p95_ms']} ms, "
                  f"{level['errors']} errors")
            for name, path in files.items():
                report(name, path, args.top)
    finally:
        stop(rasa, actions)


if __name__ == "__main__":
    main()
