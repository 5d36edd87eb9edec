// The register without a signal (a church hall, a community centre). Without this file the
// register works as before, online only.
//
// - The service worker (community/views/offline.py) keeps a copy of a register page opened with a
//   signal, for that day only, so it reopens without one.
// - A mark, an undo or a headcount sent without a signal is queued on the phone (IndexedDB) and
//   the page says "Waiting to send". When the signal comes back (the `online` event, or the next
//   page opened with one) the queue is sent in order, and the page says "Sent". Sending twice
//   changes nothing: a mark is one attendance per session and person, a headcount is a number set.
// - Signing out sends what it can, then deletes the copies and the queue.

const DB_NAME = "star-register";
const STORE = "queue";
const status = document.getElementById("offline-status");

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore(mode, work) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      let result;
      if (request) request.onsuccess = () => (result = request.result);
      transaction.oncomplete = () => resolve(result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

const queued = async () => (await inStore("readonly", (store) => store.getAll())) ?? [];
const forget = (id) => inStore("readwrite", (store) => store.delete(id));
const forgetAll = () => inStore("readwrite", (store) => store.clear());

function describe(items) {
  const marks = items.filter((item) => item.kind !== "headcount").length;
  const headcounts = items.filter((item) => item.kind === "headcount").length;
  const parts = [];
  if (marks) parts.push(marks === 1 ? "1 mark" : `${marks} marks`);
  if (headcounts) parts.push("the number of people who came without giving their name");
  return parts.join(" and ");
}

function say(heading, text) {
  if (!status) return;
  const box = document.createElement("div");
  box.className = "nhsuk-inset-text nhsuk-u-margin-top-0";
  const first = document.createElement("p");
  const strong = document.createElement("strong");
  strong.textContent = heading;
  first.append(strong);
  box.append(first);
  if (text) {
    const second = document.createElement("p");
    second.textContent = text;
    box.append(second);
  }
  status.replaceChildren(box);
}

function showWaiting(items) {
  if (!items.length) return;
  say(
    `Waiting to send: ${describe(items)}`,
    "There is no signal. They are kept on this phone and will send by themselves when the signal comes back. Keep this page open, or open it again when you have a signal.",
  );
}

function showPending(item) {
  if (item.registerPath !== window.location.pathname) return;
  if (item.kind === "headcount") {
    const input = document.querySelector('form[data-offline="headcount"] input[name="headcount"]');
    const value = item.fields.find(([name]) => name === "headcount");
    if (input && value) input.value = value[1];
    return;
  }
  const holder = document.getElementById(`mark-${item.personId}`);
  if (!holder) return;
  const firstName = holder.querySelector("form")?.dataset.firstName ?? "";
  const line = document.createElement("p");
  line.className = "nhsuk-u-margin-bottom-1";
  const tag = document.createElement("strong");
  tag.className = "nhsuk-tag nhsuk-tag--yellow nhsuk-u-font-size-19";
  tag.textContent = item.kind === "mark" ? "Here, waiting to send" : "Not here, waiting to send";
  const who = document.createElement("span");
  who.className = "nhsuk-u-visually-hidden";
  who.textContent = `: ${firstName}`;
  tag.append(who);
  line.append(tag);
  holder.replaceChildren(line);
  holder.dataset.pending = item.kind;
}

async function queue(form) {
  const kind = form.dataset.offline;
  const item = {
    key: crypto.randomUUID(),
    kind,
    url: form.action,
    // Addresses and numbers only: no names, and not the page's security token (taken from the
    // page when sending).
    fields: [...new FormData(form)].filter(([name, value]) => typeof value === "string" && name !== "csrfmiddlewaretoken"),
    personId: form.dataset.personId ?? "",
    registerPath: window.location.pathname,
    queuedAt: Date.now(),
  };
  if (kind === "headcount") {
    // Only the latest number matters: it replaces one still waiting.
    for (const earlier of await queued()) if (earlier.kind === "headcount" && earlier.url === item.url) await forget(earlier.id);
  }
  await inStore("readwrite", (store) => store.add(item));
  showPending(item);
  showWaiting(await queued());
}

const csrfToken = () => document.querySelector('input[name="csrfmiddlewaretoken"]')?.value ?? "";

// The server's answer to a mark is the new button and the running total: put them in the page.
function swapIn(html) {
  const page = new DOMParser().parseFromString(html, "text/html");
  for (const fresh of page.body.querySelectorAll('[id^="mark-"], #here-count')) {
    const current = document.getElementById(fresh.id);
    if (!current) continue;
    fresh.removeAttribute("hx-swap-oob");
    const adopted = document.importNode(fresh, true);
    current.replaceWith(adopted);
    if (window.htmx) window.htmx.process(adopted);
  }
}

let syncing = false;

async function send() {
  if (syncing || !navigator.onLine) return;
  syncing = true;
  let sent = 0;
  let lastSent = [];
  try {
    const items = (await queued()).sort((a, b) => a.id - b.id);
    if (!items.length) return;
    for (const item of items) {
      const token = csrfToken();
      if (!token) break; // a page with no form: send from the register
      const body = new URLSearchParams(item.fields);
      body.append("csrfmiddlewaretoken", token);
      let response;
      try {
        response = await fetch(item.url, {
          method: "POST",
          body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": token, ...(item.kind === "headcount" ? {} : { "HX-Request": "true" }) },
        });
      } catch (error) {
        break; // still no signal: try again later
      }
      const landedOnRegister = new URL(response.url).pathname.startsWith(item.registerPath.replace(/\d+\/$/, ""));
      if (response.ok && landedOnRegister) {
        // A mark answers with its button and the total; a headcount with the whole register page.
        if (response.status === 200 && item.registerPath === window.location.pathname) swapIn(await response.text());
        await forget(item.id);
        sent += 1;
        lastSent.push(item);
      } else if (response.status === 204) {
        await forget(item.id); // refused (the session was cancelled): the register says why when reopened
      } else {
        say(
          `Waiting to send: ${describe(await queued())}`,
          "They could not be sent because you are signed out or the page is out of date. Sign in again and open this register: they will send then.",
        );
        return;
      }
    }
    const left = await queued();
    if (left.length) showWaiting(left);
    else if (sent) say(`Sent: ${describe(lastSent)}`, "Everything you marked without a signal has been saved.");
  } finally {
    syncing = false;
  }
}

async function clearEverything() {
  if ("caches" in window) {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith("star-")).map((name) => caches.delete(name)));
  }
  await forgetAll();
}

// Whether this phone holds a register copy or a queue: only then does signing out wait to clear
// them (everyone else signs out at once, with nothing held up).
async function holdsAnything() {
  if ("caches" in window && (await caches.keys()).some((name) => name.startsWith("star-register-"))) return true;
  return (await queued()).length > 0;
}

export function startOfflineRegister() {
  if (!("indexedDB" in window)) return;
  let holding = Boolean(status); // a register page is about to be kept
  holdsAnything()
    .then((found) => (holding = holding || found))
    .catch(() => undefined);
  const worker = document.querySelector('meta[name="star-service-worker"]');
  if (worker && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(worker.content, { scope: "/" }).catch(() => undefined);
  }
  const signOutPath = worker?.dataset.signOutUrl;

  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      if (signOutPath && new URL(form.action).pathname === signOutPath) {
        // Send what is waiting if there is a signal, then delete the register copies and the queue.
        if (form.dataset.cleared || !holding) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        send()
          .catch(() => undefined)
          .then(clearEverything)
          .catch(() => undefined)
          .finally(() => {
            form.dataset.cleared = "yes";
            form.requestSubmit();
          });
        return;
      }
      if (!form.dataset.offline) return;
      if (!navigator.onLine) {
        event.preventDefault();
        event.stopImmediatePropagation(); // before htmx sees it
        queue(form);
      } else if (form.dataset.offline === "headcount") {
        // Sent with fetch so that a signal that drops mid-send queues it instead of showing an error.
        event.preventDefault();
        fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin", redirect: "manual" })
          .then((response) => {
            if (response.type === "opaqueredirect") window.location.assign(window.location.pathname);
            else HTMLFormElement.prototype.submit.call(form); // show whatever went wrong as the page would
          })
          .catch(() => queue(form));
      }
    },
    true,
  );

  // A mark sent with htmx when the phone thought it had a signal but had none.
  document.body.addEventListener("htmx:sendError", (event) => {
    const form = event.detail.elt?.closest?.("form[data-offline]");
    if (form) queue(form);
  });

  window.addEventListener("online", () => send());
  setInterval(() => send(), 30000);

  queued()
    .then((items) => {
      const here = items.filter((item) => item.registerPath === window.location.pathname);
      here.forEach(showPending);
      if (items.length && status) showWaiting(items);
      return send();
    })
    .catch(() => undefined);
}
