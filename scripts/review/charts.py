"""The report's charts: matplotlib (installed with Rasa), drawn off-screen and embedded in
the page as base64 PNGs, so the report is one file that opens anywhere, offline."""

import base64
import io
from typing import Dict, List, Optional, Tuple

import matplotlib

matplotlib.use("Agg")  # no display: a server, a cron job, CI
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

BLUE, ORANGE, RED, GREEN = "#1d70b8", "#f47738", "#d4351c", "#00703c"


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=100)
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def questions_per_day(per_day: Dict[str, int]) -> Optional[str]:
    if not per_day:
        return None
    figure, axes = plt.subplots(figsize=(8, 3))
    axes.bar(list(per_day), list(per_day.values()), color=BLUE)
    axes.set_ylabel("questions typed")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="x", labelrotation=45)
    return _png(figure)


def top_topics(asked: List[Tuple[str, int]], titles: Dict[str, str], count: int = 12) -> Optional[str]:
    if not asked:
        return None
    shown = list(reversed(asked[:count]))
    figure, axes = plt.subplots(figsize=(8, 0.4 * len(shown) + 1))
    axes.barh([titles.get(topic, topic)[:50] for topic, _ in shown], [n for _, n in shown], color=BLUE)
    axes.set_xlabel("times asked (typed or chosen)")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    return _png(figure)


def miss_rates(per_day: Dict[str, int], kinds_per_day: Dict[str, Dict[str, int]]) -> Optional[str]:
    """Per day, the share of typed questions that got 'did you mean' (fallback) or 'out of scope'."""
    if not per_day:
        return None
    days = list(per_day)
    figure, axes = plt.subplots(figsize=(8, 3))
    for kind, label, colour in (
        ("fallback", '"did you mean" (fallback)', ORANGE),
        ("out_of_scope", "out of scope", RED),
    ):
        rates = [100 * kinds_per_day.get(day, {}).get(kind, 0) / per_day[day] for day in days]
        axes.plot(days, rates, marker="o", label=label, color=colour)
    axes.set_ylabel("% of questions")
    axes.set_ylim(0, 100)
    axes.legend()
    axes.tick_params(axis="x", labelrotation=45)
    return _png(figure)


def feedback_by_topic(feedback: Dict[str, Dict[str, int]], titles: Dict[str, str]) -> Optional[str]:
    if not feedback:
        return None
    topics = sorted(feedback, key=lambda t: (feedback[t]["yes"] + feedback[t]["no"], t))
    labels = [titles.get(topic, topic)[:50] for topic in topics]
    yes = [feedback[t]["yes"] for t in topics]
    no = [feedback[t]["no"] for t in topics]
    figure, axes = plt.subplots(figsize=(8, 0.4 * len(topics) + 1.2))
    axes.barh(labels, yes, color=GREEN, label="helpful")
    axes.barh(labels, no, left=yes, color=RED, label="not helpful")
    axes.set_xlabel("feedback")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend()
    return _png(figure)
