"""From stored events to what a content owner needs: counts, missed questions grouped,
and feedback with the answer it was about. Plain Python on event dicts (as Rasa stores
them), so the unit tests drive it with a hand-made event list.

Missed questions are grouped by TF-IDF similarity of their (masked) text, not by the
classifier's top guess: for a topic the assistant lacks, the top guess is whichever
topic happens to be nearest, so it changes from one phrasing to the next and would split
one gap into several lines - and normalised text alone only merges identical wording.
Character n-grams of the words left after English stop words ("private fostering",
"privately fostered") are what phrasings of one missing topic share; clusters are cut
at a cosine distance (average linkage) so unrelated questions stay apart. The guesses
are still shown, counted per group.
"""

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Set, Tuple

FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
FEEDBACK, FEEDBACK_REASON = "feedback", "feedback_reason"
LOW_CONFIDENCE = 0.5  # a topic answered below this confidence is listed as a near miss...
MARGIN = 0.1  # ...and so is one whose runner-up was this close
GROUP_DISTANCE = 0.8  # cosine distance (average linkage) at which groups of missed questions are cut


@dataclass
class Turn:
    """One user message, with what the assistant made of it."""

    sender: str
    timestamp: float
    text: str
    intent: str
    confidence: float
    ranking: List[Tuple[str, float]]
    entities: Dict[str, str]
    topic_before: Optional[str]  # the slot `topic` when the message came (last thing answered)

    @property
    def typed(self) -> bool:
        """Typed by the user, not a button's '/intent{...}' payload."""
        return not self.text.startswith("/")

    @property
    def day(self) -> str:
        return datetime.datetime.fromtimestamp(self.timestamp, datetime.timezone.utc).strftime("%Y-%m-%d")

    def guesses(self, count: int = 3) -> List[Tuple[str, float]]:
        """The likeliest intents, 'not understood' and 'out of scope' left out: what it was near."""
        return [(name, conf) for name, conf in self.ranking if name not in (FALLBACK, OUT_OF_SCOPE)][:count]


def turns(conversations: Dict[str, List[dict]]) -> List[Turn]:
    """Every user message of every conversation, in order, with the topic answered before it."""
    found = []
    for sender, events in conversations.items():
        topic = None
        for event in events:
            kind = event.get("event")
            if kind == "slot" and event.get("name") == "topic":
                topic = event.get("value")
            elif kind == "user":
                parse = event.get("parse_data") or {}
                intent = parse.get("intent") or {}
                ranking = [
                    (item.get("name") or "", float(item.get("confidence") or 0))
                    for item in parse.get("intent_ranking") or []
                ]
                entities = {e.get("entity"): str(e.get("value")) for e in parse.get("entities") or []}
                found.append(
                    Turn(
                        sender=sender,
                        timestamp=float(event.get("timestamp") or 0),
                        text=event.get("text") or "",
                        intent=intent.get("name") or "",
                        confidence=float(intent.get("confidence") or 0),
                        ranking=ranking,
                        entities=entities,
                        topic_before=topic,
                    )
                )
    return sorted(found, key=lambda t: t.timestamp)


def in_period(items: Iterable[Turn], since: Optional[float], until: Optional[float]) -> List[Turn]:
    return [
        t for t in items if (since is None or t.timestamp >= since) and (until is None or t.timestamp < until)
    ]


def is_question(turn: Turn) -> bool:
    return turn.typed and turn.intent not in (FEEDBACK, FEEDBACK_REASON)


def miss_kind(turn: Turn, low: float = LOW_CONFIDENCE, margin: float = MARGIN) -> str:
    """'fallback', 'out_of_scope', 'low_confidence' or '' (answered confidently, or not a question).
    Low confidence counts for any intent: "private fostering - who do I tell?" taken for the
    follow-up "what next?" is as much a miss as a topic answered on a guess."""
    if not is_question(turn):
        return ""
    if turn.intent == FALLBACK:
        return "fallback"
    if turn.intent == OUT_OF_SCOPE:
        return "out_of_scope"
    # Answered as something (a topic, a follow-up, chit-chat) but not confidently.
    others = [conf for name, conf in turn.ranking if name not in (turn.intent, FALLBACK)]
    runner_up = max(others, default=0.0)
    if turn.confidence < low or turn.confidence - runner_up < margin:
        return "low_confidence"
    return ""


STOP_WORDS: Optional[frozenset] = None


def normalise(text: str) -> str:
    """Lower case, words only, English stop words dropped: what two phrasings can share."""
    global STOP_WORDS
    if STOP_WORDS is None:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        STOP_WORDS = frozenset(ENGLISH_STOP_WORDS)
    text = re.sub(r"\[[a-z ]+\]", " ", text.lower())  # what masking put in: "[postcode]" says nothing
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)
    kept = [w for w in words if w not in STOP_WORDS]
    return " ".join(kept or words)


def cluster(texts: List[str], distance: float = GROUP_DISTANCE) -> List[int]:
    """A cluster number per (distinct, normalised) text: TF-IDF of character n-grams within
    words, average-linkage clustering cut at `distance` (cosine)."""
    if len(texts) < 2:
        return [0] * len(texts)
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(texts)
    clustering = AgglomerativeClustering(
        n_clusters=None, distance_threshold=distance, affinity="precomputed", linkage="average"
    )
    return [int(label) for label in clustering.fit_predict(cosine_distances(vectors))]


@dataclass
class MissGroup:
    """Phrasings of (probably) one question the assistant could not answer well."""

    text: str  # the most frequent phrasing (masked as stored)
    count: int
    conversations: int
    variants: List[Tuple[str, int]]
    kinds: Dict[str, int]
    guesses: List[Tuple[str, int]]  # top guesses (topic ids), how often each was first
    first_seen: str
    last_seen: str


def group_misses(misses: List[Tuple[Turn, str]], distance: float = GROUP_DISTANCE) -> List[MissGroup]:
    """Missed questions (turn, kind) grouped by similar wording, most frequent first."""
    by_text: Dict[str, List[Tuple[Turn, str]]] = defaultdict(list)
    for turn, kind in misses:
        by_text[normalise(turn.text)].append((turn, kind))
    keys = sorted(by_text)
    clusters: Dict[int, List[Tuple[Turn, str]]] = defaultdict(list)
    for key, label in zip(keys, cluster(keys, distance), strict=True):
        clusters[label].extend(by_text[key])
    groups = []
    for members in clusters.values():
        wording = Counter(turn.text.strip() for turn, _ in members)
        guesses = Counter(turn.guesses(1)[0][0] for turn, _ in members if turn.guesses(1))
        days = sorted(turn.day for turn, _ in members)
        groups.append(
            MissGroup(
                text=wording.most_common(1)[0][0],
                count=len(members),
                conversations=len({turn.sender for turn, _ in members}),
                variants=wording.most_common(),
                kinds=dict(Counter(kind for _, kind in members)),
                guesses=guesses.most_common(3),
                first_seen=days[0],
                last_seen=days[-1],
            )
        )
    return sorted(groups, key=lambda g: (-g.count, g.text))


@dataclass
class NotHelpful:
    day: str
    topic: Optional[str]
    reason: Optional[str]  # a reason id of knowledge_base/prompts.yml, "other" when typed
    said: str  # the user's own words when typed (masked as stored), else ""
    question: str  # the question that got the answer, when typed in the same conversation


@dataclass
class Review:
    conversations: int
    questions: int
    per_day: Dict[str, int]
    topics_asked: List[Tuple[str, int]]
    kinds: Dict[str, int]
    kinds_per_day: Dict[str, Dict[str, int]]
    groups: List[MissGroup]
    feedback: Dict[str, Dict[str, int]]  # topic -> {"yes": n, "no": n}
    not_helpful: List[NotHelpful]
    period: Tuple[str, str] = ("", "")
    reasons: Dict[str, int] = field(default_factory=dict)

    def rate(self, kind: str) -> float:
        return self.kinds.get(kind, 0) / self.questions if self.questions else 0.0


def feedback_of(
    items: List[Turn], topics: Set[str], helpful: Callable[[Optional[str], str], str]
) -> Tuple[Dict[str, Dict[str, int]], List[NotHelpful]]:
    """Yes/no counts by topic, and each 'no' with its reason (the next reason given in the same
    conversation about the same topic). `helpful` reads a typed 'that wasn't helpful'."""
    counts: Dict[str, Dict[str, int]] = defaultdict(lambda: {"yes": 0, "no": 0})
    rows: List[NotHelpful] = []
    open_no: Dict[Tuple[str, Optional[str]], NotHelpful] = {}
    asked: Dict[Tuple[str, str], str] = {}  # (sender, topic) -> the last typed question answered with it
    for turn in items:
        if turn.intent in topics and turn.typed:
            asked[(turn.sender, turn.intent)] = turn.text
        if turn.intent not in (FEEDBACK, FEEDBACK_REASON):
            continue
        topic = turn.entities.get("topic") or turn.topic_before
        topic = topic if topic in topics else None
        said = turn.text if turn.typed else ""
        if turn.intent == FEEDBACK:
            verdict = helpful(turn.entities.get("helpful"), turn.text)
            counts[topic or "(unknown)"][verdict] += 1
            if verdict == "no":
                row = NotHelpful(turn.day, topic, None, said, asked.get((turn.sender, topic or ""), ""))
                rows.append(row)
                open_no[(turn.sender, topic)] = row
            continue
        reason = turn.entities.get("reason") or "other"
        row = open_no.pop((turn.sender, topic), None)
        if row is None:  # a reason with no "no" before it (typed): a "no" of its own
            counts[topic or "(unknown)"]["no"] += 1
            row = NotHelpful(turn.day, topic, None, "", asked.get((turn.sender, topic or ""), ""))
            rows.append(row)
        row.reason = reason
        row.said = " / ".join(filter(None, [row.said, said]))
    return dict(counts), rows


def review(
    conversations: Dict[str, List[dict]],
    topics: Set[str],
    helpful: Callable[[Optional[str], str], str],
    since: Optional[float] = None,
    until: Optional[float] = None,
    low: float = LOW_CONFIDENCE,
    margin: float = MARGIN,
    distance: float = GROUP_DISTANCE,
) -> Review:
    items = in_period(turns(conversations), since, until)
    questions = [t for t in items if is_question(t)]
    misses = [(t, kind) for t in questions if (kind := miss_kind(t, low, margin))]
    kinds_per_day: Dict[str, Dict[str, int]] = defaultdict(lambda: {"fallback": 0, "out_of_scope": 0})
    for turn, kind in misses:
        if kind in ("fallback", "out_of_scope"):
            kinds_per_day[turn.day][kind] += 1
    per_day = dict(sorted(Counter(t.day for t in questions).items()))
    feedback, not_helpful = feedback_of(items, topics, helpful)
    days = list(per_day) or sorted({t.day for t in items})
    return Review(
        conversations=len({t.sender for t in items}),
        questions=len(questions),
        per_day=per_day,
        topics_asked=Counter(t.intent for t in items if t.intent in topics).most_common(),
        kinds=dict(Counter(kind for _, kind in misses)),
        kinds_per_day={day: dict(kinds_per_day[day]) for day in per_day},
        groups=group_misses(misses, distance),
        feedback=feedback,
        not_helpful=not_helpful,
        period=(days[0], days[-1]) if days else ("", ""),
        reasons=dict(Counter(row.reason or "(none given)" for row in not_helpful)),
    )
