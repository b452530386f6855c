// The chat page: connects to Rasa's socket.io channel and wires the controls.
// The conversation lives in sessionStorage only, so closing the tab forgets it
// (a shared computer in a surgery or nursery keeps nothing).
import { io } from "./vendor/socket.io.esm.min.js";
import { messageNode } from "./render.js";
import { pageConfig, rasaServer, startInPresenterMode } from "./settings.js";

const STORE = "safeguarding-chat";
// The roles of knowledge_base/roles.yml, from the page server: id -> {title, says}.
const roles = new Map();

const $ = (id) => document.getElementById(id);
const log = $("messages");
const input = $("message");
const status = $("status");

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE)) || {};
  } catch (error) {
    return {};
  }
}

const state = { sessionId: null, history: [], role: "", area: "", ...load() };
const save = () => sessionStorage.setItem(STORE, JSON.stringify(state));

// The first bot message since the user's last turn: the start of the answer being read.
let replyStart = null;

/** Scrolls the log so `node` is at its top, or as near as the log's length allows
 * (a short reply that fits stays wholly in view, under the question). */
function scrollToTop(node) {
  log.scrollTop += node.getBoundingClientRect().top - log.getBoundingClientRect().top;
}

function show(message, remember = true) {
  if (typeof message.area === "string") showArea(message.area);
  const node = log.appendChild(messageNode(message, choose));
  // A reply can come as several messages (answer, source, feedback): keep its first line
  // on screen rather than following it to its end; the user's own turn scrolls to the end.
  if (message.from === "user") {
    replyStart = null;
    log.scrollTop = log.scrollHeight;
  } else {
    replyStart = replyStart || node;
    scrollToTop(replyStart);
  }
  if (remember) {
    state.history.push(message);
    save();
  }
}

let socket = null;
// The last message sent, until the assistant answers: sent again, with the same id, after a
// reconnect. The server answers an id it already has from what it stored: never twice.
let pending = null;

/** A fresh id for each message (crypto.randomUUID needs https or localhost). */
function messageId() {
  if (globalThis.crypto && crypto.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function setStatus(name, text) {
  document.body.dataset.state = name;
  status.textContent = text;
}

/** Sends a message or a payload; `shown` is what appears as the user's turn. */
function send(message, shown = message) {
  if (!socket || !socket.connected || !state.sessionId) {
    setStatus("disconnected", "Not connected to the assistant yet - please try again in a moment.");
    return false;
  }
  show({ from: "user", text: shown });
  pending = { message, session_id: state.sessionId, message_id: messageId() };
  socket.emit("user_uttered", pending);
  return true;
}

function choose(payload, title) {
  send(payload, title);
  input.focus();
}

function connect(server) {
  socket = io(server, { path: "/socket.io", reconnectionDelayMax: 5000 });
  socket.on("connect", () => socket.emit("session_request", { session_id: state.sessionId }));
  socket.on("session_confirm", (confirmed) => {
    const id = typeof confirmed === "string" ? confirmed : confirmed && confirmed.session_id;
    const isNew = id !== state.sessionId;
    state.sessionId = id;
    save();
    setStatus("connected", "Connected.");
    if (isNew && state.history.length === 0) socket.emit("user_uttered", { message: "/greet", session_id: id });
    else if (!isNew && pending) socket.emit("user_uttered", pending);
  });
  socket.on("bot_uttered", (message) => {
    pending = null;
    show(message);
  });
  socket.on("disconnect", () => setStatus("disconnected", "Connection lost - reconnecting..."));
  socket.on("connect_error", () =>
    setStatus("disconnected", `Cannot reach the assistant at ${server} - retrying...`),
  );
}

/** The "I am a" list, built from the page config; hidden when the page server sent no roles. */
function showRoles(list) {
  const select = $("role");
  for (const role of Array.isArray(list) ? list : []) {
    if (typeof role.id !== "string" || roles.has(role.id)) continue;
    roles.set(role.id, role);
    const option = select.appendChild(document.createElement("option"));
    option.value = role.id;
    option.textContent = role.title;
  }
  select.closest(".role").hidden = roles.size === 0;
  select.value = roles.has(state.role) ? state.role : "";
}

/** "Contacts for:": the areas of local_contacts.yml, from the page config; hidden when there are none. */
function showAreas(areas) {
  const names = areas && Array.isArray(areas.names) ? areas.names.filter((n) => typeof n === "string") : [];
  const select = $("area");
  for (const name of names) {
    const option = select.appendChild(document.createElement("option"));
    option.value = name;
    option.textContent = name;
  }
  if (names.length === 1) {
    select.options[0].remove(); // one area: the deployment's own, nothing to choose
    select.disabled = true;
  }
  select.closest(".area").hidden = names.length === 0;
  select.value = names.length === 1 ? names[0] : state.area;
}

/** The area the assistant confirmed (a message's `area`), shown and remembered. */
function showArea(name) {
  state.area = name;
  save();
  const select = $("area");
  if ([...select.options].some((option) => option.value === name)) select.value = name;
}

function setPresenter(on) {
  document.body.classList.toggle("presenter", on);
  $("presenter").setAttribute("aria-pressed", String(on));
}

function restart() {
  state.sessionId = null;
  state.history = [];
  state.role = "";
  state.area = "";
  save();
  log.replaceChildren();
  replyStart = null;
  $("role").value = "";
  if (!$("area").disabled) $("area").value = "";
  if (socket && socket.connected) socket.emit("session_request", { session_id: null });
  input.focus();
}

$("ask").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (text && send(text)) input.value = "";
});
$("role").addEventListener("change", (event) => {
  const role = event.target.value;
  if (!roles.has(role)) return;
  if (send(`/tell_role${JSON.stringify({ role })}`, roles.get(role).says)) {
    state.role = role;
    save();
  } else {
    event.target.value = state.role;
  }
});
$("area").addEventListener("change", (event) => {
  const area = event.target.value;
  if (!area) return;
  if (!send(`/tell_area${JSON.stringify({ area })}`, `I work in ${area}`)) event.target.value = state.area;
});
$("summary").addEventListener("click", () => choose("/summarise", "Summarise this"));
for (const button of document.querySelectorAll("button.quick")) {
  button.addEventListener("click", () => choose(button.dataset.payload, button.textContent));
}
$("presenter").addEventListener("click", () => setPresenter(!document.body.classList.contains("presenter")));
$("restart").addEventListener("click", restart);

// On a phone the role, area and quick starts fold into one "menu" row, so the
// conversation keeps most of the screen; the privacy line and 999 stay visible.
const phone = window.matchMedia("(max-width: 600px)");
const fold = () => ($("menu").open = !phone.matches);
phone.addEventListener("change", fold);
fold();
for (const control of document.querySelectorAll("#menu button.quick, #menu select")) {
  control.addEventListener(control.tagName === "SELECT" ? "change" : "click", () => {
    if (phone.matches) $("menu").open = false;
  });
}

setPresenter(startInPresenterMode);
state.history.forEach((message) => show(message, false));
pageConfig().then((config) => {
  showRoles(config.roles);
  showAreas(config.areas);
  connect(rasaServer(config));
});
