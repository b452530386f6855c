"""Held-out phrasings (never trained on) through the running server's /model/parse.

Scored by the same function as `make eval` (evaluation/nlu_eval/scoring.py).
"""

from nlu_eval.scoring import score
from nlu_examples import HELDOUT, NEIGHBOURS

TARGET_ACCURACY = 0.90
NO_TOPIC = {"out_of_scope", "nlu_fallback"}
SITUATION = "describe_situation"


def answered(parsed) -> str:
    """The topic a reply answers or offers. A situation ("it's 7pm, a toddler with a bruise mum
    can't explain") gets the route its facts give with the classifier's topic offered beside it
    as a button (actions/escalation/situation.py related_topic): that topic is what is scored."""
    name = parsed["intent"]["name"]
    if name != SITUATION:
        return name
    ranking = [
        r["name"] for r in parsed.get("intent_ranking") or [] if r["name"] not in (SITUATION, "nlu_fallback")
    ]
    return ranking[0] if ranking else "nlu_fallback"


def test_heldout_intent_accuracy(bot):
    pairs, situations = [], 0
    for expected, lines in sorted(HELDOUT.items()):
        for line in lines:
            parsed = bot.parse(line)
            situations += parsed["intent"]["name"] == SITUATION
            predicted = answered(parsed)
            pairs.append((expected, None if predicted in NO_TOPIC else predicted))
    result = score(pairs)
    print(f"\nHeld-out lines read as situations (route first, the topic offered): {situations}/{len(pairs)}")
    print(
        f"\nHeld-out NLU: topic accuracy {result['topic_accuracy']:.3f} (target {TARGET_ACCURACY}), "
        f"out-of-scope rejection {result['out_of_scope_rejection']}, emergency recall {result['emergency_recall']}"
    )
    for intent, hits in result["per_intent"].items():
        print(f"  {intent:<26} {hits['correct']}/{hits['total']}")
    print(
        "Misses:\n"
        + "\n".join(
            f"  {c['expected']:>24} -> {c['predicted']:<24} x{c['count']}" for c in result["confusions"]
        )
    )
    assert result["emergency_recall"] == 1.0, "every emergency must be recognised"
    assert result["topic_accuracy"] >= TARGET_ACCURACY


# "Who do I call about a bruise" is a referral question: the MASH, the out-of-hours
# service or the helper that chooses between them are all right answers.
ALSO_RIGHT = {"mash_referral": {"eds_escalation", "escalation_helper"}}


def test_neighbours_of_the_responding_topics_keep_their_intent(bot):
    """A disclosure is not an emergency, but a threat for tonight is; a family concern is not LADO."""
    wrong = [
        (expected, line, answered(bot.parse(line)))
        for expected, lines in sorted(NEIGHBOURS.items())
        for line in lines
    ]
    wrong = [w for w in wrong if w[2] != w[0] and w[2] not in ALSO_RIGHT.get(w[0], set())]
    assert not wrong, wrong
