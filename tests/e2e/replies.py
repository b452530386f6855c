"""Reading the bot's replies: every new conversation opens with the notice."""

OPENING = "I give general guidance based on the Luke case review"


def texts(replies: list) -> str:
    return "\n".join(reply.get("text") or "" for reply in replies)


def without_opening(replies: list) -> list:
    """The replies to a conversation's first message: the notice, then the answer."""
    assert replies and replies[0]["text"].startswith(OPENING), replies
    return replies[1:]


def answer(replies: list) -> list:
    """The replies after the notice, if this turn started a conversation."""
    if replies and (replies[0].get("text") or "").startswith(OPENING):
        return replies[1:]
    return replies
