"""Peak resident memory of a server and its children, sampled from /proc while a load runs."""

import threading
from pathlib import Path
from typing import Dict, List


def _children(pid: int) -> List[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = task / "children"
        if children.exists():
            found += [int(p) for p in children.read_text().split()]
    return found


def rss_mb(pid: int) -> float:
    """Current RSS of a process tree in MB (0 if it is gone)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            todo += _children(current)
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / 1024


class PeakSampler:
    """Samples named process trees every `interval` seconds in a background thread; keeps the peaks."""

    def __init__(self, pids: Dict[str, int], interval: float = 0.2) -> None:
        self.pids, self.interval = pids, interval
        self.peak = {name: 0.0 for name in pids}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for name, pid in self.pids.items():
                self.peak[name] = max(self.peak[name], rss_mb(pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        for name, pid in self.pids.items():  # one last sample after the load
            self.peak[name] = max(self.peak[name], rss_mb(pid))
