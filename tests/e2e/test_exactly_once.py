"""Exactly once (issue 23, item 2): a message sent again with the same client message_id gets the
stored reply, never a second turn, over REST and socket.io; a turn whose client went away is stored."""

import asyncio
import time
import uuid

import pytest
import requests
import socketio

QUESTION = "what is section 47?"
LAST_REPLY = "Was this helpful?"


def user_texts(bot, sender: str) -> list:
    return [e["text"] for e in bot.tracker(sender)["events"] if e["event"] == "user"]


def test_the_same_message_id_twice_gets_the_stored_reply_once(bot):
    sender, message_id = f"once-{uuid.uuid4().hex}", str(uuid.uuid4())
    first = bot.send(QUESTION, sender, message_id=message_id)
    again = bot.send(QUESTION, sender, message_id=message_id)
    assert first.status_code == again.status_code == 200
    assert first.json() and again.json() == first.json()
    assert user_texts(bot, sender) == [QUESTION]
    other = bot.send(QUESTION, sender, message_id=str(uuid.uuid4()))  # a new id is a new turn
    assert other.json()
    assert user_texts(bot, sender) == [QUESTION, QUESTION]


def test_without_a_message_id_every_message_is_a_turn(bot):
    sender = f"no-id-{uuid.uuid4().hex}"
    bot.say(QUESTION, sender)
    bot.say(QUESTION, sender)
    assert user_texts(bot, sender) == [QUESTION, QUESTION]


@pytest.mark.parametrize("message_id", ["", "x" * 65, "50%_off", 12])
def test_a_malformed_message_id_is_refused(bot, message_id):
    response = requests.post(
        f"{bot.url}/webhooks/rest/webhook",
        json={"sender": f"bad-id-{uuid.uuid4().hex}", "message": "hello", "message_id": message_id},
        timeout=30,
    )
    assert response.status_code == 400 and "message_id" in response.text


def test_a_turn_whose_client_went_away_is_stored_and_its_retry_answered_once(bot):
    sender, message_id = f"gone-{uuid.uuid4().hex}", str(uuid.uuid4())
    # The client connects, sends, and stops waiting after 1 ms - far less than any turn takes
    # (a fixed 50 ms read limit passed unnoticed once the turn itself got faster).
    with pytest.raises(requests.exceptions.ReadTimeout):
        bot.send(QUESTION, sender, timeout=(10, 0.001), message_id=message_id)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if user_texts(bot, sender):
                break
        except requests.HTTPError:
            pass
        time.sleep(0.2)
    retry = bot.send(QUESTION, sender, message_id=message_id)
    assert retry.status_code == 200 and retry.json()
    assert user_texts(bot, sender) == [QUESTION]


def socket_turns(url: str, session_id: str, messages: list) -> list:
    """Sends each (text, message_id) as the page does; returns the bot's replies to each."""

    async def talk():
        client, replies = socketio.AsyncClient(), asyncio.Queue()
        client.on("bot_uttered", lambda data: replies.put_nowait(data))
        confirmed = asyncio.Event()
        client.on("session_confirm", lambda _id: confirmed.set())
        await client.connect(url, transports=["polling"], socketio_path="socket.io")
        await client.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(confirmed.wait(), 10)
        answers = []
        for text, message_id in messages:
            await client.emit(
                "user_uttered", {"message": text, "session_id": session_id, "message_id": message_id}
            )
            got = [await asyncio.wait_for(replies.get(), 30)]
            while got[-1].get("text") != LAST_REPLY:  # an answer ends by asking for feedback
                got.append(await asyncio.wait_for(replies.get(), 30))
            answers.append([reply.get("text") for reply in got])
        await client.disconnect()
        return answers

    return asyncio.run(talk())


def test_the_page_resending_a_message_gets_the_stored_reply_once(bot):
    session, message_id = uuid.uuid4().hex, str(uuid.uuid4())
    first, again = socket_turns(bot.url, session, [(QUESTION, message_id), (QUESTION, message_id)])
    assert first and again == first
    assert user_texts(bot, session) == [QUESTION]
