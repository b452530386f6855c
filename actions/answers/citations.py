"""A "Source:" line from learning point numbers and source keys, like the topic answers'."""

from typing import Iterable

from actions.content.knowledge_base import KnowledgeBase


def join(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def learning_points_text(kb: KnowledgeBase, numbers: Iterable[int]) -> str:
    """'6 (Consider non-accidental injury ...); 7 (Always check history ...)'."""
    return "; ".join(f"{n} ({kb.learning_points[n].short})" for n in sorted(set(numbers)))


def source_line(kb: KnowledgeBase, points: Iterable[int], keys: Iterable[str]) -> str:
    points = sorted(set(points))
    cited = []
    if points:
        label = "learning point" if len(points) == 1 else "learning points"
        cited.append(f"Luke review, {label} {join(str(n) for n in points)}")
    keys = list(keys)
    for key in keys:
        source = kb.sources[key]
        if source.kind != "local":
            cited.append(f"{source.title} ({source.url})")
    local = [kb.sources[k] for k in keys if kb.sources[k].kind == "local"]
    if local:
        cited.append(f"local example: {local[0].title} ({local[0].url}) - local procedures vary, check yours")
    return f"Source: {'; '.join(cited)}."
