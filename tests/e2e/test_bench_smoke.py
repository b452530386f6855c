"""A 5-second version of `make bench`: concurrent conversations, no errors, every reply well-formed.

Not a timing test: latency depends on the machine; correctness under concurrency does not.
"""

from load import run_users


def test_concurrent_users_get_well_formed_replies(bot):
    result = run_users(bot.url, users=5, turns=1000, max_seconds=5)
    print(
        f"\nBench smoke: {result['turns']} turns by 5 users in {result['seconds']} s, "
        f"p50 {result['p50_ms']} ms, {result['errors']} errors"
    )
    assert result["turns"] >= 5
    assert result["errors"] == 0
