// Swagger UI puts a link inside each operation's button (a "deep link"), which assistive
// technology cannot use. Replace those links with plain text once they are drawn.
(function () {
  "use strict";
  function unnest() {
    document.querySelectorAll(".opblock-summary-control a").forEach(function (link) {
      var text = document.createElement("span");
      text.textContent = link.textContent;
      text.className = "opblock-summary-path-text";
      link.replaceWith(text);
    });
  }
  new MutationObserver(unnest).observe(document.documentElement, { childList: true, subtree: true });
})();
