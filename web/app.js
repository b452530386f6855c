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

const state = { sessionId: null, history: [], role: "", ...load() };
const save = () => sessionStorage.setItem(STORE, JSON.stringify(state));

function show(message, remember = true) {
  log.appendChild(messageNode(message, choose));
  log.scrollTop = log.scrollHeight;
  if (remember) {
    state.history.push(message);
    save();
  }
}

let socket = null;

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
  socket.emit("user_uttered", { message, session_id: state.sessionId });
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
  });
  socket.on("bot_uttered", (message) => show(message));
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

function setPresenter(on) {
  document.body.classList.toggle("presenter", on);
  $("presenter").setAttribute("aria-pressed", String(on));
}

function restart() {
  state.sessionId = null;
  state.history = [];
  state.role = "";
  save();
  log.replaceChildren();
  $("role").value = "";
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
for (const button of document.querySelectorAll("button.quick")) {
  button.addEventListener("click", () => choose(button.dataset.payload, button.textContent));
}
$("presenter").addEventListener("click", () => setPresenter(!document.body.classList.contains("presenter")));
$("restart").addEventListener("click", restart);

setPresenter(startInPresenterMode);
state.history.forEach((message) => show(message, false));
pageConfig().then((config) => {
  showRoles(config.roles);
  connect(rasaServer(config));
});
