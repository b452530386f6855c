"""How often the first passage quoted on a fallback comes from the topic that was asked about.

A knowledge-base passage hits when it is from the expected topic; a review passage when
its learning point is one the contract (docs/contract/topics.yml) gives for that topic.
The review's two narrative sections have no learning point: "Case Study Luke" counts for
case_summary and "Update on Luke" for case_outcome (the two topics that retell them).
The quotes are read back from the bot's REST replies: a reply is a quote when it is
exactly a passage of the index in the quote format of knowledge_base/passages.yml.
"""

from typing import Dict, Iterable, List, Optional

SECTION_TOPICS = {"Case Study Luke": "case_summary", "Update on Luke": "case_outcome"}


def quote_lookup(index, settings) -> Dict[str, object]:
    """Reply text -> the passage it quotes."""
    return {settings.quote.format(text=p.text, source=p.source): p for p in index.passages}


def hit(passage, expected: str, contract: Dict) -> bool:
    if passage.topic:
        return passage.topic == expected
    if passage.learning_point:
        return passage.learning_point in (contract.get(expected, {}).get("learning_points") or [])
    return SECTION_TOPICS.get(passage.heading) == expected


def first_quote(replies: Iterable[str], lookup: Dict[str, object]) -> Optional[object]:
    return next((lookup[text] for text in replies if text in lookup), None)


def score(turns: List[Dict], lookup: Dict[str, object], contract: Dict) -> Dict:
    """Over the turns that fell back ("did you mean"), those of a contract topic: how many got a
    passage, and how often the first one is from the expected topic. Out-of-scope lines that
    fell back are counted apart (they should get no passage they do not need)."""
    fell = [t for t in turns if t["fell_back"]]
    topical = [t for t in fell if t["expected"] in contract]
    rows, hits, shown = [], 0, 0
    for turn in fell:
        passage = first_quote(turn["reply_texts"], lookup)
        good = passage is not None and hit(passage, turn["expected"], contract)
        if turn["expected"] in contract:
            shown += passage is not None
            hits += good
        rows.append(
            {
                "text": turn["text"],
                "expected": turn["expected"],
                "first_source": passage.source if passage else None,
                "hit": good if turn["expected"] in contract else None,
            }
        )
    oos = [t for t in fell if t["expected"] not in contract]
    return {
        "lines": len(turns),
        "fell_back": len(fell),
        "fell_back_topic_lines": len(topical),
        "with_passage": shown,
        "hits": hits,
        "hit_rate": round(hits / len(topical), 3) if topical else None,
        "hit_rate_when_shown": round(hits / shown, 3) if shown else None,
        "out_of_scope_fell_back": len(oos),
        "out_of_scope_with_passage": sum(first_quote(t["reply_texts"], lookup) is not None for t in oos),
        "rows": rows,
    }


def retrieval_only(examples, index, contract: Dict) -> Dict:
    """The same measure with the index alone (no bot) on the given (expected, text) lines of a
    topic: a larger sample of the retrieval itself, whether or not the bot fell back."""
    total = shown = hits = 0
    for expected, text in examples:
        if expected not in contract:
            continue
        total += 1
        found = index.search(text)
        shown += bool(found)
        hits += bool(found) and hit(found[0].passage, expected, contract)
    return {
        "topic_lines": total,
        "with_passage": shown,
        "hits": hits,
        "hit_rate": round(hits / total, 3) if total else None,
        "hit_rate_when_shown": round(hits / shown, 3) if shown else None,
    }


def retrieval_out_of_scope(examples, index, contract: Dict) -> Dict:
    """The index alone on the given (expected, text) lines that are of no topic: how many would
    get a passage if the bot fell back on them (none should)."""
    lines = [text for expected, text in examples if expected not in contract]
    return {"lines": len(lines), "with_passage": sum(bool(index.search(text)) for text in lines)}
