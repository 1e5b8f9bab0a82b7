/* Intake: progressive enhancement only — every page works without this file. */
(function () {
  "use strict";

  // Password rules, checked live as the user types (the server checks them again).
  var checks = {
    length: function (p) { return Array.from(p.normalize("NFC")).length >= 12; },
    no_spaces: function (p) { return !/\s/u.test(p); },
    upper: function (p) { return /\p{Lu}/u.test(p); },
    lower: function (p) { return /\p{Ll}/u.test(p); },
    digit: function (p) { return /\p{Nd}/u.test(p); },
    symbol: function (p) { return /[^\p{L}\p{N}\s]/u.test(p); }
  };

  function updateRules(input) {
    var field = input.closest(".field");
    if (!field) { return; }
    var doneText = field.querySelector("[data-rules-met-text]");
    field.querySelectorAll("[data-rule]").forEach(function (item) {
      var check = checks[item.getAttribute("data-rule")];
      if (!check) { return; }
      var met = input.value.length > 0 && check(input.value);
      item.classList.toggle("met", met);
      var status = item.querySelector(".rule-status");
      if (status) { status.textContent = met && doneText ? " " + doneText.textContent : ""; }
    });
  }

  document.querySelectorAll("input[data-password-rules]").forEach(function (input) {
    input.addEventListener("input", function () { updateRules(input); });
    updateRules(input);
  });

  // A form is submitted once, whatever the number of clicks.
  document.querySelectorAll("form[method=post], form[method=POST]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.submitting === "true") { event.preventDefault(); return; }
      form.dataset.submitting = "true";
      form.setAttribute("aria-busy", "true");
      window.setTimeout(function () { form.dataset.submitting = "false"; form.removeAttribute("aria-busy"); }, 8000);
    });
  });

  // Errors: move focus to the summary so that screen-reader and keyboard users hear them.
  var summary = document.querySelector("[data-error-summary]") || document.querySelector("[data-verdict]");
  if (summary) { summary.focus(); }
})();
