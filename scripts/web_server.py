"""Serve the chat page (web/) and its one npm package, with a strict Content-Security-Policy.

Python's own http.server is enough for a handful of static files; nothing else
needs installing. The page talks to the Rasa server (socket.io) directly, so this
server only tells it which port Rasa listens on, the roles of
knowledge_base/roles.yml for its "I am a" list and the area names of
local_contacts.yml for its "Contacts for" list (/config.json; names only - the
numbers reach the page in answers).

    python scripts/web_server.py --port 8000 --rasa-port 5005
"""

import argparse
import json
import logging
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions.content.knowledge_base import KnowledgeBaseError, load_roles  # noqa: E402
from actions.content.local_contacts import load_directory  # noqa: E402

WEB = ROOT / "web"
# The only files served from node_modules: the browser build of socket.io-client.
VENDOR = {
    "/vendor/socket.io.esm.min.js": ROOT / "node_modules/socket.io-client/dist/socket.io.esm.min.js",
    "/vendor/socket.io.esm.min.js.map": ROOT / "node_modules/socket.io-client/dist/socket.io.esm.min.js.map",
}
LOOPBACK = ("localhost", "127.0.0.1")

log = logging.getLogger("web")


def content_security_policy(page_host: str) -> str:
    """No inline script or style, nothing from other sites; socket.io only to loopback or the page's host.

    The page accepts `?server=` only for those hosts too (web/settings.js), so a
    crafted link cannot send a practitioner's messages elsewhere.
    """
    hosts = dict.fromkeys([*LOOPBACK, page_host])
    connect = " ".join(f"{scheme}://{host}:*" for host in hosts for scheme in ("http", "ws", "https", "wss"))
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self' {connect}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


def page_roles() -> list:
    """The page's "I am a" list: id, the title shown, and what the user's turn says."""
    return [
        {"id": role_id, "title": role.button, "says": role.says}
        for role_id, role in load_roles().roles.items()
    ]


def page_areas() -> dict:
    """The page's "Contacts for" list: the area names, and the fixed one if the deployment has one."""
    directory = load_directory()
    return {
        "names": directory.names(),
        "fixed": directory.default_area if len(directory.names()) == 1 else None,
    }


class ChatPageHandler(SimpleHTTPRequestHandler):
    rasa_port = 5005
    rasa_url = ""
    roles: list = []
    areas: dict = {"names": [], "fixed": None}

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/config.json":
            config = {
                "rasaPort": self.rasa_port,
                "rasaUrl": self.rasa_url,
                "roles": self.roles,
                "areas": self.areas,
            }
            self._send_bytes(json.dumps(config).encode(), "application/json")
        elif path in VENDOR:
            file = VENDOR[path]
            if not file.exists():
                self.send_error(404, "socket.io-client is not installed: run `make install`")
                return
            self._send_bytes(file.read_bytes(), "text/javascript")
        else:
            super().do_GET()

    def _send_bytes(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        host = (self.headers.get("Host") or "localhost").rsplit(":", 1)[0].strip("[]")
        self.send_header("Content-Security-Policy", content_security_policy(host))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        log.info("%s %s", self.address_string(), format % args)


ChatPageHandler.extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript"}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--rasa-port", type=int, default=5005, help="the port of Rasa on the page's host")
    parser.add_argument("--rasa-url", default="", help="a full Rasa URL instead (e.g. behind a proxy)")
    parser.add_argument("--log-file", default=str(ROOT / "logs" / "web.log"))
    args = parser.parse_args(argv)
    Path(args.log_file).parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=args.log_file, level=logging.INFO, format="%(asctime)s %(message)s")
    ChatPageHandler.rasa_port = args.rasa_port
    ChatPageHandler.rasa_url = args.rasa_url
    try:
        ChatPageHandler.roles = page_roles()
        ChatPageHandler.areas = page_areas()
    except KnowledgeBaseError as error:
        sys.exit(f"The chat page cannot start: {error}")
    handler = partial(ChatPageHandler, directory=str(WEB))
    try:
        server = ThreadingHTTPServer((args.host, args.port), handler)
    except OSError as error:
        sys.exit(f"The chat page cannot listen on {args.host}:{args.port}: {error.strerror}")
    server.daemon_threads = True
    log.info("serving %s on http://%s:%s", WEB, args.host, args.port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
