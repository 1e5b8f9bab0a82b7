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

  // Lists with checkboxes: one box ticks every row of the page (shown only with this script).
  document.querySelectorAll("input[data-check-all]").forEach(function (all) {
    var form = all.closest("form");
    var boxes = form ? form.querySelectorAll("input[name='" + all.dataset.checkAll + "']") : [];
    if (!boxes.length) { return; }
    all.hidden = false;
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
    });
  });

  // A bulk move in progress: its figures are fetched every 1.5 s until it is done, then the
  // page is loaded again to show the summary (the "Refresh" link does the same without JS).
  document.querySelectorAll("[data-bulk-progress]").forEach(function (box) {
    if (box.dataset.done === "true" || !window.fetch) { return; }
    var bar = box.querySelector("progress");
    var status = box.querySelector("[data-bulk-status]");
    var template = status ? status.textContent.trim() : "";
    function poll() {
      window.fetch(box.dataset.bulkProgress, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (bar) { bar.max = data.total; bar.value = data.position; bar.textContent = data.percent + "%"; }
          if (data.status === "done") { window.location.reload(); return; }
          if (status && template) {
            status.textContent = template.replace(/\d+/, String(data.position)).replace(/(\d+)(?!.*\d)/, String(data.total));
          }
          window.setTimeout(poll, 1500);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 1000);
  });

  // Errors: move focus to the summary so that screen-reader and keyboard users hear them.
  var summary = document.querySelector("[data-error-summary]") || document.querySelector("[data-verdict]");
  if (summary) { summary.focus(); }
})();
