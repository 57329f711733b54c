// "Tilføj linje" without a round trip: clone the empty line template, renumber __prefix__,
// bump TOTAL_FORMS and focus the new line's first field. Without JavaScript the button submits
// the form and the server adds the line (nothing is saved then).
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  var fieldset = document.querySelector('fieldset.formset[data-formset="lines"]');
  if (!fieldset) return;
  var total = fieldset.querySelector('input[name="lines-TOTAL_FORMS"]');
  var template = fieldset.querySelector("template.formset-empty");
  var rows = fieldset.querySelector(".formset-rows");
  var button = fieldset.querySelector("[data-add-line]");
  if (!total || !template || !rows || !button) return;
  button.addEventListener("click", function (event) {
    event.preventDefault();
    var index = parseInt(total.value, 10) || 0;
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
    var row = holder.firstElementChild;
    var number = row.querySelector(".line-number");
    if (number) number.textContent = String(index + 1);
    var empty = rows.querySelector(".no-lines");
    if (empty) empty.remove();
    rows.appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("select, input:not([type=hidden]), textarea");
    if (first) first.focus();
  });
})();
