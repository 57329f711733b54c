// "Tilføj" buttons of the project form: clone the formset's empty row template, renumber
// its __prefix__ and bump TOTAL_FORMS. Moves focus to the first field of the new row.
(function () {
  "use strict";
  document.querySelectorAll("fieldset.formset").forEach(function (fieldset) {
    var name = fieldset.dataset.formset;
    var total = fieldset.querySelector('input[name="' + name + '-TOTAL_FORMS"]');
    var template = fieldset.querySelector("template.formset-empty");
    var rows = fieldset.querySelector(".formset-rows");
    var button = fieldset.querySelector("[data-add-row]");
    if (!total || !template || !rows || !button) return;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10) || 0;
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.firstElementChild;
      rows.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    });
  });
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
