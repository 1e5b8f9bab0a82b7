/* The application form: letter counters, autosave, and a copy on this device so that nothing
   typed is lost when the session expires or the network drops. */
(function () {
  "use strict";

  // The same rules as intake/applications/letters.py.
  function stats(text) {
    var normalised = text.replace(/\r\n?/g, "\n");
    var words = (normalised.match(/\S+/g) || []).length;
    var paragraphs = normalised.split("\n").filter(function (l) { return l.trim() !== ""; }).length;
    return { words: words, paragraphs: paragraphs };
  }

  function updateCount(area) {
    var out = document.getElementById(area.id + "_count");
    if (!out) { return; }
    var s = stats(area.value);
    var rules = new Intl.PluralRules(document.documentElement.lang || "en");
    function label(n, name) { return n + " " + out.dataset[name + (rules.select(n) === "one" ? "One" : "Other")]; }
    var text = label(s.words, "word") + " · " + label(s.paragraphs, "paragraph");
    if (s.words > 0 && s.paragraphs < 3) { text += " — " + out.dataset.short; }
    if (s.paragraphs > 4) { text += " — " + out.dataset.long; }
    out.textContent = text;
  }

  document.querySelectorAll("textarea[data-letter]").forEach(function (area) {
    area.addEventListener("input", function () { updateCount(area); });
  });

  var form = document.querySelector("form[data-autosave]");
  if (!form) { return; }
  var status = form.querySelector("[data-autosave-status]");
  var key = form.dataset.draftKey;
  var serverSavedAt = form.dataset.savedAt ? Date.parse(form.dataset.savedAt) : 0;
  var timer = null;

  function fields() {
    var out = {};
    form.querySelectorAll("select[name], textarea[name], input[type=text][name]").forEach(function (el) { out[el.name] = el.value; });
    form.querySelectorAll("input[type=radio][name]:checked").forEach(function (el) { out[el.name] = el.value; });
    return out;
  }

  function setField(name, value) {
    var radios = form.querySelectorAll("input[type=radio][name='" + name + "']");
    if (radios.length) {
      radios.forEach(function (r) { r.checked = r.value === value; });
      return;
    }
    var el = form.querySelector("[name='" + name + "']");
    if (el) { el.value = value; }
  }

  // A vacancy's questions are shown while it is chosen in one of the preferences.
  function showQuestions() {
    var chosen = {};
    form.querySelectorAll("select[name$='-vacancy']").forEach(function (el) { if (el.value) { chosen[el.value] = true; } });
    form.querySelectorAll("[data-questions-for]").forEach(function (group) {
      group.hidden = !chosen[group.dataset.questionsFor];
    });
  }

  function keepLocal() {
    try { localStorage.setItem(key, JSON.stringify({ at: Date.now(), fields: fields() })); } catch (e) { /* storage full or off */ }
  }

  function save() {
    timer = null;
    var body = new FormData(form);
    body.delete("save");
    body.delete("review");
    fetch(form.dataset.autosave, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "error",
      headers: { "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value, "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      status.textContent = result.data.message;
      if (result.ok && result.data.saved) {
        try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
      }
    }).catch(function () {
      status.textContent = status.dataset.offline;
    });
  }

  function changed() {
    keepLocal();
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, 1500);
  }

  // Text typed on this device that never reached the server comes back.
  try {
    var kept = JSON.parse(localStorage.getItem(key) || "null");
    if (kept && kept.at > serverSavedAt) {
      var current = fields();
      var differs = Object.keys(kept.fields).some(function (name) { return name in current && kept.fields[name] !== current[name]; });
      if (differs) {
        Object.keys(kept.fields).forEach(function (name) { setField(name, kept.fields[name]); });
        status.textContent = status.dataset.restored;
        save();
      } else {
        localStorage.removeItem(key);
      }
    }
  } catch (e) { /* no storage */ }

  form.querySelectorAll("select[name], textarea[name], input[name]:not([type=hidden])").forEach(function (el) {
    el.addEventListener("input", changed);
    el.addEventListener("change", changed);
  });
  form.querySelectorAll("select[name$='-vacancy']").forEach(function (el) {
    el.addEventListener("change", showQuestions);
  });
  showQuestions();
  form.querySelectorAll("textarea[data-letter]").forEach(updateCount);
  form.addEventListener("submit", keepLocal);
})();
