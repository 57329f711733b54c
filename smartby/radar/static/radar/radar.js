// Teknologiradar: highlight a blip and its table row together (hover or keyboard focus on
// either), and filter by quadrant without reloading. Without this script the blips are plain
// links and the quadrant filter links reload the page with ?kvadrant=.
(() => {
  "use strict";
  const svg = document.querySelector(".radar-svg");
  const table = document.querySelector(".radar-table");
  if (!svg || !table) return;

  const blip = (n) => svg.querySelector(`.radar-blip[data-blip="${n}"]`);
  const row = (n) => table.querySelector(`tr[data-blip="${n}"]`);

  function highlight(n, on) {
    for (const el of [blip(n), row(n)]) {
      if (el) el.classList.toggle("is-highlighted", on);
    }
  }

  function bind(el) {
    const n = el.dataset.blip;
    const on = () => highlight(n, true);
    const off = () => highlight(n, false);
    el.addEventListener("mouseenter", on);
    el.addEventListener("mouseleave", off);
    el.addEventListener("focusin", on);
    el.addEventListener("focusout", off);
  }

  svg.querySelectorAll(".radar-blip").forEach(bind);
  table.querySelectorAll("tbody tr[data-blip]").forEach(bind);

  const filter = document.querySelector("[data-radar-filter]");
  const status = document.getElementById("radar-filter-status");
  if (!filter) return;

  function show(quadrant, label) {
    let shown = 0;
    svg.querySelectorAll(".radar-blip").forEach((el) => {
      el.classList.toggle("is-dimmed", Boolean(quadrant) && el.dataset.quadrant !== quadrant);
    });
    table.querySelectorAll("tbody tr[data-blip]").forEach((tr) => {
      const visible = !quadrant || tr.dataset.quadrant === quadrant;
      tr.hidden = !visible;
      if (visible) shown += 1;
    });
    filter.querySelectorAll("a[data-quadrant]").forEach((a) => {
      if (a.dataset.quadrant === quadrant) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    if (status) status.textContent = `${label}: ${shown}`;
  }

  filter.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-quadrant]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    show(link.dataset.quadrant, link.textContent.trim());
    history.replaceState(null, "", link.href);
  });
})();
