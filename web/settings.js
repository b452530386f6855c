// Where the Rasa server is, and the page's options from its address.
//   ?server=http://127.0.0.1:5005  the Rasa server (only this machine or the page's own host)
//   ?presenter=1                   start in presenter mode

const params = new URLSearchParams(window.location.search);

/** A `?server=` value is accepted only for loopback or the page's own host, never another site. */
export function allowedServer(value) {
  try {
    const url = new URL(value);
    const hosts = ["localhost", "127.0.0.1", "[::1]", window.location.hostname];
    return /^https?:$/.test(url.protocol) && hosts.includes(url.hostname) ? url.origin : null;
  } catch (error) {
    return null;
  }
}

/** What the page server says (/config.json): Rasa's port or URL, and the roles; {} without it. */
export async function pageConfig() {
  try {
    const response = await fetch("config.json", { cache: "no-store" });
    if (response.ok) return await response.json();
  } catch (error) {
    // a page opened without web_server.py: defaults below, and no role list
  }
  return {};
}

/** The Rasa server's URL: ?server=, else the page config's, else port 5005 on the page's host. */
export function rasaServer(config) {
  const asked = params.get("server");
  if (asked) {
    const allowed = allowedServer(asked);
    if (allowed) return allowed;
    console.warn("Ignoring ?server= that is not this machine or this page's host:", asked);
  }
  if (config.rasaUrl) return config.rasaUrl;
  const { protocol, hostname } = window.location;
  return `${protocol}//${hostname}:${config.rasaPort || 5005}`;
}

export const startInPresenterMode = ["1", "true", "yes", "on"].includes((params.get("presenter") || "").toLowerCase());
