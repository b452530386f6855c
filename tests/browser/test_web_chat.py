"""The chat page in a real browser (Debian's chromium, headless) against the real servers."""

import os
import re
import shutil

from paths import ROOT

INJECTION = "<img src=x onerror=alert(1)>"
PRIVACY = (
    "General guidance, not a substitute for your local procedures or safeguarding lead. "
    "In an emergency call 999. Do not type names or details that could identify a child or family."
)


def test_page_loads_with_privacy_line_and_greeting(chat):
    chat.open()
    page = chat.page
    assert "Safeguarding guide" in page.title()
    assert " ".join(page.inner_text("#privacy").split()) == PRIVACY
    assert page.is_visible("#privacy")
    chat.settle()
    assert "999" in page.inner_text("#messages")
    assert chat.page.locator("#messages button.reply").count() >= 1  # the greeting's buttons are buttons
    assert not chat.foreign_requests, f"the page fetched from elsewhere: {chat.foreign_requests}"


def test_question_gets_an_answer_a_distinct_source_line_and_working_follow_ups(chat):
    chat.open()
    chat.ask("what is section 47?")
    answer = chat.page.locator("#messages .message.bot:not(.source)").last
    source = chat.page.locator("#messages .message.source").last
    assert "Section 47" in answer.locator("strong").first.inner_text()
    assert source.is_visible()
    assert "Source" in source.text_content() and "Luke review" in source.text_content()
    links = source.locator("a")
    assert links.count() >= 1
    for index in range(links.count()):
        assert re.match(r"^https?://", links.nth(index).get_attribute("href"))
        assert links.nth(index).get_attribute("rel") == "noopener noreferrer"
    # The source line looks different from the answer.
    style = "el => getComputedStyle(el).backgroundColor"
    assert answer.evaluate(style) != source.evaluate(style)
    save_conversation_screenshot(chat)

    follow_up = source.locator("button.reply").first
    title = follow_up.inner_text()
    before = chat.bot_messages.count()
    follow_up.click()
    chat.wait_for_bot_messages(before + 2)
    chat.settle()
    assert chat.page.locator("#messages .message.user").last.inner_text().endswith(title)
    next_answer = chat.page.locator("#messages .message.bot:not(.source)").last
    assert next_answer.locator("strong").first.inner_text() == title
    assert chat.page.locator("#messages .message.source").count() >= 2

    assert not chat.foreign_requests, f"the page fetched from elsewhere: {chat.foreign_requests}"


def save_conversation_screenshot(chat) -> None:
    """The question, its answer and the source line with its buttons, in a tall window."""
    chat.page.set_viewport_size({"width": 1000, "height": 1250})
    chat.page.evaluate("[...document.querySelectorAll('#messages .message.user')].pop().scrollIntoView()")
    shot = chat.screenshot("conversation.png")
    if os.environ.get("SCREENSHOT_TO"):  # `make screenshot`
        shutil.copyfile(shot, ROOT / os.environ["SCREENSHOT_TO"])
    chat.page.set_viewport_size({"width": 1100, "height": 900})


LAST_SOURCES = "JSON.parse(sessionStorage.getItem('safeguarding-chat')).history.filter(m => m.sources).pop()"


def rendered_links(source) -> list:
    links = source.locator("a")
    return [[links.nth(i).get_attribute("href"), links.nth(i).inner_text()] for i in range(links.count())]


def test_source_links_are_rendered_from_the_payload(chat, kb):
    """A source message arrives as data (the socket.io channel's custom payload) and the page
    links what it cites; the "Source: ..." text is never parsed or shown. The 999 answer, a
    domain response, sends the same payload."""
    chat.open()
    for ask, topic_id in (("what is section 47?", "section_47"), ("/emergency", "emergency")):
        chat.ask(ask)
        received = chat.page.evaluate(LAST_SOURCES)
        topic = kb.topics[topic_id]
        assert received["text"].startswith("Source: ") and received["buttons"]
        cited = received["sources"]["cited"]
        assert [c["url"] for c in cited if "url" in c][0] == kb.sources[topic.sources.guidance[0]].url
        source = chat.page.locator("#messages .message.source").last
        assert rendered_links(source) == [[c["url"], c["title"]] for c in cited if "url" in c]
        assert "(https://" not in source.inner_text()  # links, not the plain line
        assert source.locator(".reviewed").inner_text() == received["sources"]["reviewed"]
        assert source.locator("button.reply").count() == len(received["buttons"])


def test_user_text_is_shown_as_text_and_runs_nothing(chat):
    chat.open()
    chat.ask(INJECTION)
    chat.page.wait_for_timeout(500)
    shown = chat.page.locator("#messages .message.user .text").last
    assert shown.inner_text() == INJECTION
    assert chat.page.locator("#messages img").count() == 0
    assert chat.dialogs == []
    assert chat.page.evaluate("document.querySelectorAll('#messages [onerror]').length") == 0


def test_presenter_mode_toggles_with_the_button_and_the_address(chat):
    chat.open()
    page = chat.page
    size = "() => parseFloat(getComputedStyle(document.body).fontSize)"
    normal = page.evaluate(size)
    assert page.get_attribute("#presenter", "aria-pressed") == "false"
    page.click("#presenter")
    assert page.get_attribute("#presenter", "aria-pressed") == "true"
    assert page.evaluate(size) >= 1.4 * normal
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.click("#presenter")
    assert page.evaluate(size) == normal

    chat.open("&presenter=1")
    assert page.get_attribute("#presenter", "aria-pressed") == "true"
    assert page.evaluate(size) >= 1.4 * normal
    chat.settle()
    chat.screenshot("presenter.png")


def test_keyboard_only_send(chat):
    chat.open()
    page = chat.page
    page.locator("body").focus()
    for _ in range(40):  # Tab through the controls, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "message":
            break
    else:
        raise AssertionError("Tab never reached the question box")
    # Focus is visible on the question box.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    before = chat.bot_messages.count()
    page.keyboard.type("what is section 17?")
    page.keyboard.press("Enter")
    chat.wait_for_bot_messages(before + 1)
    chat.settle()
    assert chat.page.locator("#messages .message.user").last.inner_text().endswith("what is section 17?")
    assert "Section 17" in chat.page.locator("#messages .message.bot:not(.source)").last.inner_text()


def test_accessible_names_live_region_and_contrast(chat):
    chat.open()
    chat.ask("what is section 47?")
    page = chat.page
    log = page.locator("#messages")
    assert log.get_attribute("aria-live") == "polite" and log.get_attribute("role") == "log"
    unnamed = page.evaluate("""() => [...document.querySelectorAll('button, input, select')]
        .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim())
        .map(el => el.outerHTML)""")
    assert unnamed == []
    for presenter in (False, True):
        if presenter:
            page.click("#presenter")
        ratios = page.evaluate(CONTRAST_JS)
        low = {name: ratio for name, ratio in ratios.items() if ratio < 4.5}
        assert not low, f"below WCAG AA 4.5:1 (presenter={presenter}): {low}"


def test_role_picker_and_quick_starts_send_their_payloads(chat):
    chat.open()
    page = chat.page
    before = chat.bot_messages.count()
    page.select_option("#role", "gp")
    chat.wait_for_bot_messages(before + 1)
    chat.settle()
    assert page.locator("#messages .message.user").last.inner_text().endswith("I'm a GP")
    before = chat.bot_messages.count()
    page.get_by_role("button", name="Section 17 vs 47").click()
    chat.wait_for_bot_messages(before + 2)
    chat.settle()
    assert "Section 17" in page.locator("#messages .message.bot:not(.source)").last.inner_text()
    events = chat.user_events()
    assert '/tell_role{"role":"gp"}' in events and "/section_17_vs_47" in events


def test_the_role_list_comes_from_the_server(chat, kb):
    """The "I am a" list is knowledge_base/roles.yml, sent by the page server (/config.json)."""
    chat.open()
    options = chat.page.eval_on_selector_all("#role option", "els => els.map(o => [o.value, o.textContent])")
    assert options[1:] == [[role_id, role.button] for role_id, role in kb.roles.roles.items()]
    before = chat.bot_messages.count()
    chat.page.select_option("#role", "early_years")
    chat.wait_for_bot_messages(before + 1)
    chat.settle()
    said = chat.page.locator("#messages .message.user").last.inner_text()
    assert said.endswith(kb.roles.roles["early_years"].says)
    assert f"for {kb.roles.label('early_years')} first" in chat.bot_messages.last.inner_text()


def test_conversation_survives_a_reload_in_the_same_tab(chat):
    chat.open()
    chat.ask("what is section 47?")
    count = chat.page.locator("#messages .message").count()
    session = chat.session_id()
    chat.page.reload()
    chat.page.wait_for_selector('body[data-state="connected"]')
    assert chat.page.locator("#messages .message").count() == count
    assert chat.session_id() == session
    chat.page.click("#restart")
    chat.wait_for_bot_messages(1)
    assert chat.session_id() != session


def test_a_long_reply_on_a_phone_opens_at_its_first_line(chat):
    """After a reply the start of the new answer is on screen, not its sources and buttons
    (the log used to scroll to its end, so on a phone the first line had scrolled away)."""
    chat.page.set_viewport_size({"width": 375, "height": 667})
    chat.open()
    chat.ask("what is section 47?")
    page = chat.page
    log = page.locator("#messages").bounding_box()
    answer = page.locator("#messages .message.user").last.locator("xpath=following-sibling::*[1]")
    reply_top = answer.bounding_box()["y"]
    end = page.locator("#messages > *").last.bounding_box()
    # The reply is longer than the log shows, so where it is scrolled to matters.
    assert end["y"] + end["height"] - reply_top > log["height"]
    first_line = answer.locator(".text > *").first.bounding_box()
    assert log["y"] <= first_line["y"] < log["y"] + log["height"], (first_line, log)
    chat.screenshot("phone-long-reply.png")


CONTRAST_JS = """() => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => {
    const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor;
      if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  const ratio = el => {
    const [a, b] = [lum(getComputedStyle(el).color), lum(background(el))].sort((x, y) => y - x);
    return Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100;
  };
  const checks = {
    body: 'body', privacy: '#privacy', status: '#status', quick: 'button.quick', send: '#send',
    role: '#role', input: '#message', bot: '.message.bot:not(.source) p', user: '.message.user .text',
    source: '.message.source li', sourceLink: '.message.source a', reviewed: '.message.source .reviewed',
    reply: 'button.reply', subtitle: '.subtitle',
  };
  const out = {};
  for (const [name, selector] of Object.entries(checks)) {
    const el = document.querySelector(selector);
    if (el) out[name] = ratio(el);
  }
  return out;
}"""
