"""Held-out phrasings (never trained on) through the running server's /model/parse."""

from collections import defaultdict

from nlu_examples import HELDOUT

TARGET_ACCURACY = 0.90
NO_TOPIC = {"out_of_scope", "nlu_fallback"}


def test_heldout_intent_accuracy(bot):
    results = defaultdict(lambda: [0, 0])  # intent -> [correct, total]
    misses = []
    for expected, lines in sorted(HELDOUT.items()):
        for line in lines:
            predicted = bot.parse(line)["intent"]["name"]
            ok = predicted == expected or (expected == "out_of_scope" and predicted in NO_TOPIC)
            results[expected][0] += ok
            results[expected][1] += 1
            if not ok:
                misses.append(f"  {expected:>24} -> {predicted:<24} {line[:70]}")
    topics = {k: v for k, v in results.items() if k != "out_of_scope"}
    accuracy = sum(c for c, _ in topics.values()) / sum(t for _, t in topics.values())
    print(f"\nHeld-out NLU: topic accuracy {accuracy:.3f} (target {TARGET_ACCURACY})")
    for intent, (correct, total) in sorted(results.items()):
        print(f"  {intent:<26} {correct}/{total}")
    print("Misses:\n" + "\n".join(misses))
    assert results["emergency"][0] == results["emergency"][1], "every emergency must be recognised"
    assert accuracy >= TARGET_ACCURACY
