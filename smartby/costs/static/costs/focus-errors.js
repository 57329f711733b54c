// Move focus to the error summary after a failed submit, so screen readers announce it.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
