// STaR's progressive enhancement. Every journey works without this file.
import { initAll } from "/static/vendor/nhsuk/nhsuk-frontend.min.js";

initAll();

// Re-initialise design-system components inside content that htmx swaps in.
document.body.addEventListener("htmx:afterSwap", (event) => {
  initAll({ scope: event.target });
});

// "Print this page" (hub/jinja2/hub/public/_print.jinja) links to the page made ready to print;
// with JavaScript, open the browser's print dialogue on this page instead.
for (const link of document.querySelectorAll("[data-star-print]")) {
  if (typeof window.print !== "function") continue;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    window.print();
  });
}

// Fill a form in again with what the person typed before their session ended or the page's
// security check went out of date (accounts/kept_forms.py puts the values in the page).
const keptValues = document.getElementById("kept-form-values");
if (keptValues) {
  const values = JSON.parse(keptValues.textContent);
  for (const [name, items] of Object.entries(values)) {
    for (const field of document.querySelectorAll(`main [name="${CSS.escape(name)}"]`)) {
      if (["hidden", "file", "password", "submit"].includes(field.type)) continue;
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = items.includes(field.value);
      } else if (field.tagName === "SELECT" && field.multiple) {
        for (const option of field.options) option.selected = items.includes(option.value);
      } else {
        field.value = items[0] ?? "";
      }
    }
  }
}

// A warning before the idle limit, with a way to stay signed in (WCAG 2.2.1 Timing Adjustable).
const warning = document.getElementById("session-warning");
if (warning && typeof warning.showModal === "function") {
  const warningMs = Number(warning.dataset.warningSeconds) * 1000;
  const countdown = warning.querySelector("[data-session-countdown]");
  const text = warning.querySelector("#session-warning-text");
  const token = warning.querySelector('input[name="csrfmiddlewaretoken"]')?.value ?? "";
  let endsAt = Date.now() + Number(warning.dataset.idleSeconds) * 1000;
  let showTimer;
  let tickTimer;

  const minutesLeft = () => Math.max(Math.ceil((endsAt - Date.now()) / 60000), 0);
  const tick = () => {
    const left = minutesLeft();
    if (left === 0) {
      clearInterval(tickTimer);
      text.textContent =
        "You have been signed out because you did not use the service for a while. " +
        "If you send a form from this page, what you typed will be kept until you sign in again.";
      warning.querySelector("[data-session-stay]").hidden = true;
      return;
    }
    countdown.textContent = left === 1 ? "1 minute" : `${left} minutes`;
  };
  const schedule = () => {
    clearTimeout(showTimer);
    showTimer = setTimeout(() => {
      tick();
      warning.showModal();
      tickTimer = setInterval(tick, 10000);
    }, Math.max(endsAt - warningMs - Date.now(), 0));
  };
  warning.querySelector("[data-session-stay]").addEventListener("click", async () => {
    const response = await fetch(warning.dataset.stayUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token },
      credentials: "same-origin",
    });
    if (response.ok) {
      endsAt = Date.now() + Number(warning.dataset.fullSeconds) * 1000;
      clearInterval(tickTimer);
      warning.close();
      schedule();
    }
  });
  // Requests htmx makes count as activity too.
  document.body.addEventListener("htmx:afterRequest", () => {
    if (!warning.open) {
      endsAt = Date.now() + Number(warning.dataset.fullSeconds) * 1000 - 60000;
      schedule();
    }
  });
  schedule();
}

// The register without a signal: the service worker, and marks queued on the phone.
import("/static/js/register-offline.js").then((module) => module.startOfflineRegister());
