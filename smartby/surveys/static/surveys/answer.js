/* Skip logic in the answer form: a question with data-condition='{"question": KEY, "in": [...]}'
 * is shown only when the single-choice question KEY is shown and answered with one of the
 * listed options. Hidden questions' inputs are disabled, so they are not sent; the server drops
 * answers to skipped questions anyway (the rule lives there). Without JavaScript every question
 * is shown with a note saying when it applies. No inline script; texts come from data-t-*.
 */
(function () {
  "use strict";

  var form = document.getElementById("survey-form");
  if (!form) return;
  var live = document.getElementById("survey-live");
  var wrappers = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));
  var byKey = {};
  wrappers.forEach(function (w) {
    byKey[w.getAttribute("data-question")] = w;
  });

  function answerOf(key) {
    var w = byKey[key];
    if (!w || w.hidden) return null;
    var inputs = w.querySelectorAll('input[type="radio"]');
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].checked) return inputs[i].value;
    }
    return null;
  }

  function condition(w) {
    try {
      return JSON.parse(w.getAttribute("data-condition"));
    } catch (e) {
      return null;
    }
  }

  function update(announce) {
    var shown = 0;
    var hidden = 0;
    // Document order: a condition's question comes before the questions it controls.
    wrappers.forEach(function (w) {
      if (!w.hasAttribute("data-condition")) return;
      var c = condition(w);
      if (!c) return;
      var value = answerOf(c.question);
      var show = value !== null && (c["in"] || []).indexOf(value) !== -1;
      if (w.hidden === show) {
        if (show) shown++;
        else hidden++;
      }
      w.hidden = !show;
      Array.prototype.forEach.call(w.querySelectorAll("input, textarea, select"), function (el) {
        el.disabled = !show;
      });
    });
    if (announce && live && (shown || hidden)) {
      live.textContent = shown ? form.getAttribute("data-t-shown") : form.getAttribute("data-t-hidden");
    }
  }

  form.classList.add("js-conditions");
  form.addEventListener("change", function () {
    update(true);
  });
  update(false);
})();
