// STaR's progressive enhancement. Every journey works without this file.
import { initAll } from "/static/vendor/nhsuk/nhsuk-frontend.min.js";

initAll();

// Re-initialise design-system components inside content that htmx swaps in.
document.body.addEventListener("htmx:afterSwap", (event) => {
  initAll({ scope: event.target });
});
