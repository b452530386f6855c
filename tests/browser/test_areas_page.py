"""The page with several areas (the example contacts file): "Contacts for:", the summary to
keep printed alone (and saved as PDF), and the page at phone size."""

import pytest
from conftest import ARTEFACTS, chat_tab, page_servers
from launcher import ROOT

EXAMPLE = {"LOCAL_CONTACTS_FILE": str(ROOT / "local_contacts.example.yml")}


@pytest.fixture(scope="module")
def area_servers(tmp_path_factory):
    with page_servers(tmp_path_factory.mktemp("rasa-areas"), "-areas", env=EXAMPLE) as running:
        yield running


@pytest.fixture
def area_chat(browser, area_servers):
    with chat_tab(browser, area_servers) as tab:
        yield tab


def test_contacts_for_follows_the_list_and_what_is_typed(area_chat):
    chat = area_chat.open()
    page = chat.page
    options = page.eval_on_selector_all("#area option", "els => els.map(o => o.value)")
    assert options == ["", "Exampleshire", "Sampleton"]
    assert page.is_visible("label[for=area]") and page.inner_text("label[for=area]") == "Contacts for:"
    before = chat.bot_messages.count()
    page.select_option("#area", "Sampleton")
    chat.wait_for_bot_messages(before + 1)
    chat.settle()
    assert "Contacts for: Sampleton." in chat.bot_messages.last.inner_text()
    chat.ask("I work in Exampleshire")
    assert page.input_value("#area") == "Exampleshire"
    assert chat.servers["bot"].tracker(chat.session_id())["slots"]["area"] == "Exampleshire"
    chat.ask("who do I call out of hours?")
    assert "01632 960002" in page.locator("#messages .message.bot:not(.source)").last.inner_text()


def test_the_summary_prints_alone(area_chat):
    chat = area_chat.open()
    page = chat.page
    chat.ask("I work in Sampleton")
    chat.ask("what is section 47? it's about Jayden at 14 Acacia Road")
    before = chat.bot_messages.count()
    page.click("#summary")
    chat.wait_for_bot_messages(before + 1)
    chat.settle()
    summary = page.locator("#messages .message.summary")
    assert summary.count() == 1
    text = summary.inner_text()
    assert "Summary of this conversation" in text and "Section 47" in text
    assert "Jayden" not in text and "Acacia" not in text
    page.evaluate("window.print = () => { window.printed = document.body.className; }")
    summary.get_by_role("button", name="Print or save as PDF").click()
    assert "print-summary" in page.evaluate("window.printed")
    # What the printer gets: the summary alone, without buttons or the page's controls.
    page.evaluate(
        "document.body.classList.add('print-summary');"
        "document.querySelector('.message.summary').classList.add('to-print')"
    )
    page.emulate_media(media="print")
    try:
        visible = page.evaluate(
            "[...document.querySelectorAll('#messages .message, .composer, .menu, .top')]"
            ".filter(e => getComputedStyle(e).display !== 'none').map(e => e.className)"
        )
        assert visible == ["message bot summary to-print"], visible
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(ARTEFACTS / "summary.pdf"))
        assert (ARTEFACTS / "summary.pdf").stat().st_size > 1000
    finally:
        page.emulate_media(media="screen")


def test_the_page_at_phone_size(area_chat):
    chat = area_chat
    chat.page.set_viewport_size({"width": 390, "height": 844})
    chat.open()
    page = chat.page
    chat.ask("what is section 47?")
    assert page.evaluate("document.getElementById('menu').open") is False
    for selector in ("#privacy", "#privacy strong"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844, selector
    assert "999" in page.inner_text("#privacy strong")
    height = page.locator("#messages").bounding_box()["height"]
    assert height >= 0.6 * 844, f"the conversation has {height:.0f}px of 844"
    chat.screenshot("phone.png")
    page.click("#menu > summary")
    assert page.is_visible("#role") and page.is_visible("#area") and page.is_visible("button.quick")
    chat.screenshot("phone-menu.png")
    page.get_by_role("button", name="Quiz").click()
    assert page.evaluate("document.getElementById('menu').open") is False
