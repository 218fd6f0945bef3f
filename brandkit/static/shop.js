// The sample shop's status line: asks the shop every few seconds how the visit stands and
// shows its answer as plain text. No other script runs on the page (its CSP allows this
// file only), and nothing from the answer is ever written as HTML.
"use strict";

(function () {
  const status = document.getElementById("visit-status");
  if (!status) {
    return;
  }
  const url = status.dataset.statusUrl;
  const every = Number(status.dataset.pollMs) || 2000;
  const final = new Set(["revoked", "expired"]);

  async function poll() {
    try {
      const answer = await fetch(url, { cache: "no-store", credentials: "same-origin" });
      if (answer.ok) {
        const visit = await answer.json();
        if (typeof visit.message === "string" && status.textContent !== visit.message) {
          status.textContent = visit.message;
        }
        if (typeof visit.state === "string") {
          document.body.dataset.visit = visit.state;
        }
        if (final.has(visit.state)) {
          return;
        }
      }
    } catch (error) {
      // The shop is unreachable for now: ask again at the next turn.
    }
    window.setTimeout(poll, every);
  }

  window.setTimeout(poll, every);
})();
