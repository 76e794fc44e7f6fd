// Mamori console: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Show the justification only for "not affected" and the response only for "affected".
  function syncTriage(select) {
    var form = select.form;
    if (!form) return;
    var blocks = form.querySelectorAll("[data-show-when]");
    for (var i = 0; i < blocks.length; i++) {
      blocks[i].hidden = blocks[i].getAttribute("data-show-when") !== select.value;
    }
  }
  var state = document.getElementById("t-state");
  if (state) {
    syncTriage(state);
    state.addEventListener("change", function () { syncTriage(state); });
  }

  // Ask before destructive actions; the question text comes translated from the page.
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  // Select the one-time token so it can be copied at once.
  var secret = document.getElementById("new-token");
  if (secret) {
    secret.addEventListener("focus", function () { secret.select(); });
  }
})();
