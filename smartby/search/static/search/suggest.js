// As-you-type suggestions for the search box: an ARIA combobox. htmx fills the listbox; this
// script shows it, moves the active option with the arrow keys, picks with Enter or a click
// and closes with Escape. Without JavaScript the form simply submits.
(function () {
  "use strict";

  function setup(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) return;
    var active = -1;

    function options() { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }
    function open(yes) {
      list.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) { active = -1; input.removeAttribute("aria-activedescendant"); }
    }
    function mark(index) {
      var opts = options();
      opts.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0 && opts[index]) input.setAttribute("aria-activedescendant", opts[index].id);
      else input.removeAttribute("aria-activedescendant");
    }
    function choose(option) {
      if (option.dataset.url) { window.location.href = option.dataset.url; return; }
      input.value = option.dataset.value;
      open(false);
      input.form.submit();
    }

    list.addEventListener("htmx:afterSwap", function () { open(options().length > 0 && input.value.trim() !== ""); mark(-1); });
    document.body.addEventListener("htmx:afterSwap", function (e) {
      if (e.target === list) { open(options().length > 0 && input.value.trim() !== ""); mark(-1); }
    });
    input.addEventListener("keydown", function (e) {
      var opts = options();
      if (e.key === "ArrowDown" && opts.length) { e.preventDefault(); open(true); mark((active + 1) % opts.length); }
      else if (e.key === "ArrowUp" && opts.length) { e.preventDefault(); open(true); mark(active <= 0 ? opts.length - 1 : active - 1); }
      else if (e.key === "Enter" && active >= 0 && !list.hidden) { e.preventDefault(); choose(opts[active]); }
      else if (e.key === "Escape") {
        // An open list only closes: a search field would otherwise also clear what was typed.
        if (!list.hidden) e.preventDefault();
        open(false);
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(function () { open(false); }, 150); });
    list.addEventListener("mousedown", function (e) {
      var option = e.target.closest("[role=option]");
      if (option) { e.preventDefault(); choose(option); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[role=combobox][aria-controls]").forEach(setup);
  });
})();
