"""Fixtures: the real servers on free ports, and Debian's chromium driven headless by Playwright.

Playwright (PyPI) only drives the browser: `executable_path` points at
/usr/bin/chromium, and `playwright install` (which downloads a browser) is never run.
"""

import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from launcher import MODEL, ROOT, free_port, start_action_server, start_rasa, start_web_page, stop

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTEFACTS = ROOT / "results" / "browser"
TIMEOUT_MS = 30_000


@contextmanager
def page_servers(workdir: Path, suffix: str = "", env=None):
    """Action server, Rasa server (CORS for the page's origin only) and the page server;
    logs browser-{actions,rasa,web}{suffix}.log. `env` goes to the action server and the
    page server (another contacts file)."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    web_port = free_port()
    actions, action_port = start_action_server(f"browser-actions{suffix}", env=env)
    rasa = web = None
    try:
        rasa, bot = start_rasa(
            workdir, action_port, f"browser-rasa{suffix}", cors=(f"http://127.0.0.1:{web_port}",)
        )
        web, page_url = start_web_page(
            int(bot.url.rsplit(":", 1)[1]), web_port, f"browser-web{suffix}", env=env
        )
        yield {"page": page_url, "rasa": bot.url, "bot": bot}
    finally:
        stop(web, rasa, actions)


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    with page_servers(tmp_path_factory.mktemp("rasa")) as running:
        yield running


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        # A persistent context gives chromium the fresh --user-data-dir; each test gets its own page.
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1100, "height": 900},
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


class Chat:
    """The chat page in a browser tab, with what a person would do and see."""

    def __init__(self, page, servers) -> None:
        self.page = page
        self.servers = servers
        self.dialogs: list = []
        self.foreign_requests: list = []
        self.errors: list = []
        page.set_default_timeout(TIMEOUT_MS)
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", self._request)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request) -> None:
        if not re.match(r"^(https?|wss?)://127\.0\.0\.1:\d+/", request.url):
            self.foreign_requests.append(request.url)

    def open(self, query: str = "") -> "Chat":
        self.page.goto(f"{self.servers['page']}/?server={self.servers['rasa']}{query}")
        self.page.wait_for_selector('body[data-state="connected"]')
        self.wait_for_bot_messages(1)  # the greeting
        return self

    @property
    def bot_messages(self):
        return self.page.locator("#messages .message.bot")

    def wait_for_bot_messages(self, count: int) -> None:
        self.page.wait_for_function(
            "n => document.querySelectorAll('#messages .message.bot').length >= n", arg=count
        )

    def settle(self) -> None:
        """Waits until the bot has stopped sending (no new message for a moment)."""
        previous = -1
        while (current := self.bot_messages.count()) != previous:
            previous = current
            self.page.wait_for_timeout(700)

    def ask(self, text: str) -> None:
        self.settle()
        before = self.bot_messages.count()
        self.page.fill("#message", text)
        self.page.press("#message", "Enter")
        self.wait_for_bot_messages(before + 1)
        self.settle()

    def session_id(self) -> str:
        return self.page.evaluate("JSON.parse(sessionStorage.getItem('safeguarding-chat')).sessionId")

    def user_events(self) -> list:
        tracker = self.servers["bot"].tracker(self.session_id())
        return [event["text"] for event in tracker["events"] if event["event"] == "user"]

    def screenshot(self, name: str) -> Path:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTEFACTS / name
        self.page.screenshot(path=str(path))
        return path


@contextmanager
def chat_tab(browser, servers):
    """A fresh tab (sessionStorage is per tab, so no conversation carries over) on those servers;
    a JavaScript error on the page fails the test."""
    page = browser.new_page()
    page.evaluate("() => 0")
    chat = Chat(page, servers)
    yield chat
    assert not chat.errors, f"JavaScript errors on the page: {chat.errors}"
    page.close()


@pytest.fixture
def chat(browser, servers):
    with chat_tab(browser, servers) as tab:
        yield tab
