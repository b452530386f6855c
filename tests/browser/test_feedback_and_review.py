"""Feedback in the web chat (small thumbs under an answer, keyboard usable, stored with the
conversation), then `make review`'s page for the same store, opened in the browser."""

import subprocess
import sys

from launcher import ROOT

REVIEW = ROOT / "results" / "review"


def test_feedback_buttons_show_after_an_answer_and_send_feedback(chat):
    chat.open()
    chat.ask("what is section 47?")
    page = chat.page
    row = page.locator("#messages .feedback-helpful").last
    row.wait_for()
    assert "Was this helpful?" in row.inner_text()
    buttons = row.locator("button.feedback-button")
    assert [b.strip() for b in buttons.all_inner_texts()] == [
        "\N{THUMBS UP SIGN} Yes",
        "\N{THUMBS DOWN SIGN} No",
    ]
    assert row.get_attribute("class").split()[0] == "feedback"  # a small row, not a message bubble
    small = "el => parseFloat(getComputedStyle(el).fontSize)"
    reply = page.locator("#messages .message.source button.reply").first
    assert buttons.nth(1).evaluate(small) < reply.evaluate(small)

    buttons.nth(1).focus()  # keyboard: Enter on the focused "No"
    page.keyboard.press("Enter")
    reasons = page.locator("#messages .feedback-reason").last
    reasons.wait_for()
    assert buttons.nth(0).is_disabled() and buttons.nth(1).get_attribute("aria-pressed") == "true"
    assert "Not clear" in reasons.inner_text()
    chat.screenshot("feedback.png")
    before = chat.bot_messages.count()
    reasons.get_by_role("button", name="Not clear").click()
    chat.wait_for_bot_messages(before + 1)
    chat.settle()
    assert "Thank you" in chat.bot_messages.last.inner_text()

    sent = [text for text in chat.user_events() if text.startswith("/feedback")]
    assert sent == [
        '/feedback{"helpful":"no","topic":"section_47"}',
        '/feedback_reason{"reason":"not_clear","topic":"section_47"}',
    ]
    assert "Was this helpful?" not in page.inner_text("#messages").split("Thank you")[-1]


def test_the_review_page_renders_charts_and_tables(browser, servers):
    """After the feedback above: a few missed questions over REST, then the review page."""
    bot = servers["bot"]
    for text in (
        "what is private fostering?",
        "private fostering arrangements",
        "what's the weather like today?",
    ):
        bot.say(text, "browser-review")
    out = REVIEW / "review.html"
    done = subprocess.run(
        [sys.executable, "-m", "scripts.review", "--endpoints", str(bot.endpoints), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    page = browser.new_page()
    try:
        page.goto(out.as_uri())
        assert page.title() == "Safeguarding guide - content review"
        images = page.locator("figure img")
        assert images.count() == 4
        widths = images.evaluate_all("imgs => imgs.map(i => i.complete && i.naturalWidth)")
        assert all(width and width > 100 for width in widths), widths
        missed = page.locator("#missed-table tbody tr")
        assert any("private fostering" in text for text in missed.all_inner_texts())
        not_helpful = page.locator("#not-helpful-table tbody tr").all_inner_texts()
        assert any("Section 47" in row and "Not clear" in row for row in not_helpful), not_helpful
        page.screenshot(path=str(REVIEW / "review.png"), full_page=True)
    finally:
        page.close()
