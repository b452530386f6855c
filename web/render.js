// Bot and user messages -> DOM nodes. Only createElement and textContent are used,
// never innerHTML, so nothing a user or the bot types can become markup or script.

const INLINE = /\*\*([^*]+)\*\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>()]+)/g;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A link that opens outside the chat; only http(s) addresses become links. */
export function link(href, text) {
  const a = el("a", "", text);
  a.href = href;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  return a;
}

/** One line of bot text: **bold**, [label](url) and bare URLs become nodes; the rest stays text. */
export function inline(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    let [whole, bold, label, labelledUrl, bareUrl] = match;
    let after = "";
    if (bareUrl) {
      after = (bareUrl.match(TRAILING_PUNCTUATION) || [""])[0];
      bareUrl = bareUrl.slice(0, bareUrl.length - after.length);
    }
    fragment.append(text.slice(last, match.index));
    if (bold) fragment.append(el("strong", "", bold));
    else if (label) fragment.append(link(labelledUrl, label));
    else fragment.append(link(bareUrl, bareUrl), after);
    last = match.index + whole.length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

/** Bot text: lines starting "- " become a list, other lines paragraphs. */
export function botText(text) {
  const body = el("div", "text");
  let list = null;
  for (const line of text.split("\n")) {
    if (/^\s*[-*] /.test(line)) {
      if (!list) list = body.appendChild(el("ul"));
      list.appendChild(el("li")).append(inline(line.replace(/^\s*[-*] /, "")));
    } else if (line.trim()) {
      list = null;
      body.appendChild(el("p")).append(inline(line));
    }
  }
  return body;
}

/**
 * Where an answer comes from, from the data the server sends with it (not from its text):
 * {cited: [{title, url?, note?}], reviewed} -> a labelled list of linked sources.
 */
export function sourceList(sources) {
  const box = el("div", "text");
  box.appendChild(el("p", "source-label")).append(el("strong", "", "Source"));
  const list = box.appendChild(el("ul", "source-list"));
  for (const item of sources.cited) {
    const li = list.appendChild(el("li"));
    const title = String(item.title || "");
    li.append(/^https?:\/\//.test(item.url || "") ? link(item.url, title) : title);
    if (item.note) li.append(` - ${item.note}`);
  }
  if (sources.reviewed) box.appendChild(el("p", "reviewed", sources.reviewed));
  return box;
}

/**
 * A passage quoted word for word when the bot is unsure, from the data the server sends
 * ({text, source}: actions/answers/passages.py) -> a block quote and, under it, its source.
 */
export function quoteBlock(quote) {
  const figure = el("figure", "quote");
  figure.appendChild(el("blockquote")).appendChild(el("p", "", String(quote.text || "")));
  figure.appendChild(el("figcaption", "", String(quote.source || "")));
  return figure;
}

/** Buttons the bot offers; clicking one sends its payload and shows its title as the user's turn. */
export function buttonRow(buttons, onChoose, label) {
  const row = el("div", "buttons");
  row.setAttribute("role", "group");
  row.setAttribute("aria-label", label);
  for (const button of buttons) {
    const node = el("button", "reply", button.title);
    node.type = "button";
    node.addEventListener("click", () => onChoose(button.payload, button.title));
    row.appendChild(node);
  }
  return row;
}

// The "Was this helpful?" pair (yes, then no: actions/answers/feedback.py), shown with
// thumbs; the words stay on the buttons, so they are their accessible names.
const THUMBS = ["\u{1F44D}", "\u{1F44E}"];

/**
 * "Was this helpful?" and, after a "no", the reasons: a small row under the answer, not a
 * message bubble (`feedback` is data the server sends with it: {topic, kind}). Its buttons
 * are ordinary buttons, so keyboard and screen readers work; once one is chosen the row is
 * done, so the same feedback is not sent twice.
 */
export function feedbackNode(message, onChoose) {
  const kind = message.feedback.kind === "reason" ? "reason" : "helpful";
  const node = el("div", `feedback feedback-${kind}`);
  const label = el("span", "feedback-label", typeof message.text === "string" ? message.text : "");
  label.id = `feedback-${Math.random().toString(36).slice(2)}`;
  const row = el("span", "feedback-buttons");
  row.setAttribute("role", "group");
  row.setAttribute("aria-labelledby", label.id);
  const buttons = Array.isArray(message.buttons) ? message.buttons : [];
  buttons.forEach((button, index) => {
    const title = String(button.title || "");
    const choice = el("button", "feedback-button");
    choice.type = "button";
    if (kind === "helpful" && THUMBS[index]) {
      choice.append(el("span", "thumb", THUMBS[index]), ` ${title}`);
      choice.firstChild.setAttribute("aria-hidden", "true");
    } else {
      choice.textContent = title;
    }
    choice.addEventListener("click", () => {
      for (const other of row.querySelectorAll("button")) other.disabled = true;
      choice.setAttribute("aria-pressed", "true");
      onChoose(button.payload, title);
    });
    row.appendChild(choice);
  });
  node.append(label, row);
  return node;
}

/** "Print or save as PDF": prints this summary alone (the print stylesheet hides the rest). */
function printButton(summary) {
  const button = el("button", "reply print", "Print or save as PDF");
  button.type = "button";
  button.addEventListener("click", () => {
    for (const other of document.querySelectorAll(".to-print")) other.classList.remove("to-print");
    summary.classList.add("to-print");
    document.body.classList.add("print-summary");
    window.print();
    document.body.classList.remove("print-summary");
  });
  return button;
}

/**
 * One message as a DOM node. `message` is what the socket.io channel sends:
 * {text, quick_replies|buttons, attachment}; a source message's custom payload
 * {text, buttons, sources}; a feedback question's {text, buttons, feedback}; a quoted passage's
 * {text, buttons, quote}; or {from: "user", text}.
 */
export function messageNode(message, onChoose) {
  if (message.from === "user") {
    const node = el("div", "message user");
    node.append(el("span", "visually-hidden", "You said: "), el("p", "text", message.text));
    return node;
  }
  if (message.feedback && typeof message.feedback === "object") return feedbackNode(message, onChoose);
  const text = typeof message.text === "string" ? message.text : "";
  const isSource = Boolean(message.sources && Array.isArray(message.sources.cited));
  const isQuote = Boolean(message.quote && typeof message.quote.text === "string");
  const kind = isSource ? "message bot source" : isQuote ? "message bot quoted" : message.summary ? "message bot summary" : "message bot";
  const node = el("div", kind);
  node.append(
    el("span", "visually-hidden", isSource ? "Where this comes from: " : isQuote ? "Quoted: " : "Assistant: "),
  );
  if (isSource) node.append(sourceList(message.sources));
  else if (isQuote) node.append(quoteBlock(message.quote));
  else if (text) node.append(botText(text));
  const attachment = message.attachment;
  const src = attachment && attachment.payload && attachment.payload.src;
  if (attachment && attachment.type === "image" && /^https?:\/\//.test(src || "")) {
    const image = el("img");
    image.src = src;
    image.alt = "";
    node.append(image);
  }
  if (message.summary) node.append(printButton(node));
  const buttons = message.quick_replies || message.buttons || [];
  if (buttons.length && isSource) node.append(el("p", "related-label", "Related questions"));
  if (buttons.length) {
    node.append(buttonRow(buttons, onChoose, isSource ? "Related questions" : "Suggested replies"));
  }
  return node;
}
