/* Danmarkskortet: municipalities coloured by number of projects, clustered project markers,
 * and a filter form that updates the map in place (and the URL, so links and reloads keep the
 * view). Everything the script needs comes from data-* attributes on #map-app; no inline
 * script, no network resources besides our own two JSON endpoints (and tiles, if configured).
 *
 * Endpoints (same query string as the form):
 *   geojson: FeatureCollection with an `attribution` member; feature properties
 *            kode, navn, region, region_kode, antal_projekter, url
 *   markers: {count, truncated, projects: [[lat, lon, slug, title, status_code, status_label]]}
 */
(function () {
  "use strict";

  var app = document.getElementById("map-app");
  var mapEl = document.getElementById("map");
  var form = document.getElementById("map-filters");
  if (!app || !mapEl || !form || !window.L || !L.markerClusterGroup) {
    return; // no-JS fallback stays: the form submits GET to the page
  }

  var data = app.dataset;
  var lang = document.documentElement.lang || "da";
  var numberFormat = new Intl.NumberFormat(lang === "en" ? "en-GB" : "da-DK");
  var collator = new Intl.Collator(lang === "en" ? "en" : "da");

  // Sequential green-to-blue scale (after ColorBrewer GnBu, toned down); 0 has its own class.
  var ZERO_COLOUR = "#f3f2ee";
  var SCALE = ["#d4ecd0", "#a3d9c0", "#68bfc0", "#3a9bc0", "#2a74ae", "#22508f"];
  var MAX_CLASSES = SCALE.length;
  var TEXT_DEBOUNCE_MS = 400;

  var hasTiles = Boolean(data.tileUrl);

  // ---------- small helpers ----------
  function fmt(n) {
    return numberFormat.format(n);
  }

  function t(key, vars) {
    var s = data["t" + key] || "";
    Object.keys(vars || {}).forEach(function (name) {
      s = s.split("{" + name + "}").join(String(vars[name]));
    });
    return s;
  }

  function plural(key, n) {
    return t(key + (n === 1 ? "One" : "Many"), { n: fmt(n) });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") {
        node.textContent = attrs[name];
      } else if (name === "className") {
        node.className = attrs[name];
      } else {
        node.setAttribute(name, attrs[name]);
      }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* "{n} projekter vist" with the number in <strong>. */
  function withStrongNumber(template, n) {
    var parts = template.split("{n}");
    var nodes = [parts[0]];
    for (var i = 1; i < parts.length; i++) {
      nodes.push(el("strong", { text: fmt(n) }), parts[i]);
    }
    return nodes;
  }

  function replaceChildren(node, children) {
    while (node.firstChild) node.removeChild(node.firstChild);
    children.forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
  }

  function projectUrl(slug) {
    return data.projectUrl.replace("projekt-slug", encodeURIComponent(slug));
  }

  // ---------- classes (choropleth) ----------
  /* Up to six classes of quantiles over the non-zero counts, as inclusive integer ranges. */
  function computeClasses(counts) {
    var values = counts.filter(function (v) { return v > 0; }).sort(function (a, b) { return a - b; });
    if (!values.length) return [];
    var uppers = [];
    for (var i = 1; i <= MAX_CLASSES; i++) {
      var upper = values[Math.max(0, Math.ceil((i * values.length) / MAX_CLASSES) - 1)];
      if (!uppers.length || upper > uppers[uppers.length - 1]) uppers.push(upper);
    }
    var classes = [];
    var lower = 1;
    uppers.forEach(function (up, index) {
      var colourIndex = uppers.length === 1
        ? 3
        : Math.round((index * (SCALE.length - 1)) / (uppers.length - 1));
      classes.push({ min: lower, max: up, colour: SCALE[colourIndex] });
      lower = up + 1;
    });
    return classes;
  }

  var classes = [];

  function colourFor(count) {
    if (!count) return ZERO_COLOUR;
    for (var i = 0; i < classes.length; i++) {
      if (count <= classes[i].max) return classes[i].colour;
    }
    return classes.length ? classes[classes.length - 1].colour : ZERO_COLOUR;
  }

  function rangeLabel(cls) {
    return cls.min === cls.max ? fmt(cls.min) : fmt(cls.min) + "–" + fmt(cls.max);
  }

  // ---------- the map ----------
  var fallback = document.getElementById("map-fallback");
  if (fallback) fallback.remove();

  var map = L.map(mapEl, {
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    minZoom: 5,
    maxZoom: hasTiles ? 18 : 15,
    keyboard: true,
    attributionControl: true,
    center: [56.1, 11.0],
    zoom: 6.5
  });
  // Leaflet makes the container focusable; keep our label and description.
  mapEl.setAttribute("tabindex", "0");

  if (hasTiles) {
    L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: 19 }).addTo(map);
  }

  function baseStyle(feature) {
    return {
      fillColor: colourFor(feature.properties.antal_projekter),
      fillOpacity: hasTiles ? 0.68 : 1,
      color: hasTiles ? "#33415c" : "#ffffff",
      weight: hasTiles ? 0.6 : 0.9,
      opacity: 1
    };
  }

  function municipalityPopup(p) {
    var children = [
      el("h3", { text: p.navn }),
      el("p", { className: "map-popup-region", text: p.region || "" }),
      el("p", { className: "map-popup-count", text: plural("Count", p.antal_projekter || 0) })
    ];
    if (p.url) {
      children.push(el("p", {}, [el("a", { href: p.url, text: t("SeeMunicipality") })]));
    }
    return el("div", { className: "map-popup" }, children);
  }

  function municipalityTooltip(p) {
    return el("div", {}, [
      el("strong", { text: p.navn }),
      el("span", { className: "map-tooltip-region", text: p.region || "" }),
      el("br"),
      plural("Count", p.antal_projekter || 0)
    ]);
  }

  var municipalities = L.geoJSON(null, {
    style: baseStyle,
    onEachFeature: function (feature, layer) {
      var p = feature.properties;
      layer.bindTooltip(function () { return municipalityTooltip(p); }, { sticky: true, direction: "top", offset: [0, -8] });
      layer.bindPopup(function () { return municipalityPopup(p); }, { autoPanPadding: [24, 24] });
      layer.on({
        add: function () {
          // Leaflet's tooltip focus listeners make each SVG path a (nameless) tab stop in
          // Chromium. Keyboard users get the same information, and a "show on map" button per
          // municipality, from the table instead of 98 extra tab stops here.
          var path = layer.getElement && layer.getElement();
          if (path) path.setAttribute("tabindex", "-1");
        },
        mouseover: function (e) {
          e.target.setStyle({ weight: 2.5, color: "#0b2545" });
          e.target.bringToFront();
        },
        mouseout: function (e) {
          municipalities.resetStyle(e.target);
        }
      });
    }
  }).addTo(map);

  var projectIcon = L.divIcon({
    className: "project-marker",
    html: "<span></span>",
    iconSize: [18, 18],
    iconAnchor: [9, 9],
    popupAnchor: [0, -9]
  });

  var projects = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    // Coarser clusters at country level keep the choropleth readable.
    maxClusterRadius: function (zoom) { return zoom < 7 ? 70 : zoom < 9 ? 56 : 44; },
    iconCreateFunction: function (cluster) {
      var n = cluster.getChildCount();
      var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
      return L.divIcon({
        html: "<span>" + escapeHtml(fmt(n)) + '<span class="visually-hidden"> ' + escapeHtml(t("Cluster")) + "</span></span>",
        className: "project-cluster" + (n >= 100 ? " large" : ""),
        iconSize: L.point(size, size)
      });
    }
  }).addTo(map);

  function projectPopup(row) {
    var url = projectUrl(row[2]);
    return el("div", { className: "map-popup" }, [
      el("h3", {}, [el("a", { href: url, text: row[3] })]),
      el("p", {}, [el("span", { className: "status-" + row[4], text: row[5] || row[4] })])
    ]);
  }

  function projectMarker(row) {
    var marker = L.marker([row[0], row[1]], { icon: projectIcon, title: row[3], keyboard: true });
    marker.bindPopup(function () { return projectPopup(row); }, { autoPanPadding: [24, 24] });
    return marker;
  }

  // ---------- page parts outside the map ----------
  var countEl = document.getElementById("map-count");
  var noteEl = document.getElementById("map-note");
  var legendEl = document.getElementById("map-legend");
  var legendList = document.getElementById("map-legend-classes");
  var tableSection = document.getElementById("map-table-section");
  var tableBody = document.querySelector("#map-table tbody");
  var tableLink = document.getElementById("map-table-link");
  var listLink = document.getElementById("map-list-link");
  var resetLink = document.getElementById("map-reset");
  var toggleMunicipalities = document.getElementById("layer-municipalities");
  var toggleProjects = document.getElementById("layer-projects");

  function swatch(colour) {
    var s = el("span", { className: "swatch", "aria-hidden": "true" });
    s.style.background = colour;
    return s;
  }

  function renderLegend() {
    var items = [el("li", {}, [swatch(ZERO_COLOUR), t("None")])];
    classes.forEach(function (cls) {
      items.push(el("li", {}, [swatch(cls.colour), rangeLabel(cls)]));
    });
    replaceChildren(legendList, items);
    legendEl.hidden = false;
  }

  function layerFor(kode) {
    var found = null;
    municipalities.eachLayer(function (layer) {
      if (layer.feature.properties.kode === kode) found = layer;
    });
    return found;
  }

  /* From the table: zoom to a municipality, open its popup and move focus to the map. */
  function showOnMap(kode) {
    var layer = layerFor(kode);
    if (!layer) return;
    if (toggleMunicipalities && !toggleMunicipalities.checked) {
      toggleMunicipalities.checked = true;
      map.addLayer(municipalities);
    }
    map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 11 });
    layer.openPopup(layer.getBounds().getCenter());
    mapEl.scrollIntoView({ block: "nearest", behavior: "smooth" });
    mapEl.focus({ preventScroll: true });
  }

  function renderTable(features) {
    var rows = features.slice().sort(function (a, b) {
      return collator.compare(a.properties.navn, b.properties.navn);
    }).map(function (f) {
      var p = f.properties;
      var name = p.url ? el("a", { href: p.url, text: p.navn }) : p.navn;
      var cells = [
        el("th", { scope: "row" }, [name]),
        el("td", { text: p.region || "" }),
        el("td", { className: "num", text: fmt(p.antal_projekter || 0) })
      ];
      var action = el("td", { className: "action" });
      if (f.geometry) {
        var button = el("button", { type: "button", className: "link", "data-kode": p.kode }, [
          t("ShowOnMap"),
          el("span", { className: "visually-hidden", text: ": " + p.navn })
        ]);
        action.appendChild(button);
      }
      cells.push(action);
      return el("tr", {}, cells);
    });
    if (!rows.length) {
      rows = [el("tr", {}, [el("td", { colspan: "4", text: t("Empty") })])];
    }
    replaceChildren(tableBody, rows);
    tableSection.hidden = false;
    if (tableLink) tableLink.hidden = false;
  }

  function renderStatus(markers) {
    replaceChildren(countEl, withStrongNumber(t(markers.count === 1 ? "ShownOne" : "ShownMany"), markers.count));
    if (markers.truncated) {
      noteEl.textContent = t("Truncated", { shown: fmt(markers.projects.length), n: fmt(markers.count) });
      noteEl.hidden = false;
    } else {
      noteEl.textContent = "";
      noteEl.hidden = true;
    }
  }

  function renderError() {
    noteEl.textContent = t("Error");
    noteEl.hidden = false;
  }

  var boundariesAttribution = "";

  function setBoundariesAttribution(text) {
    var html = text ? escapeHtml(text) : "";
    if (html === boundariesAttribution) return;
    if (boundariesAttribution) map.attributionControl.removeAttribution(boundariesAttribution);
    if (html) map.attributionControl.addAttribution(html);
    boundariesAttribution = html;
  }

  // ---------- filters, URL and loading ----------
  function queryString() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value.trim() !== "") params.append(key, value.trim());
    });
    return params.toString();
  }

  function selectedRegionName() {
    var select = form.elements.namedItem("region");
    if (!select || !select.value || !select.options) return "";
    return select.options[select.selectedIndex].text;
  }

  /* Fit to the selected region's municipalities, or to the whole country. */
  function fitView() {
    var regionName = selectedRegionName();
    var layers = municipalities.getLayers().filter(function (layer) {
      return !regionName || layer.feature.properties.region === regionName;
    });
    if (!layers.length) layers = municipalities.getLayers();
    if (!layers.length) return;
    var bounds = L.featureGroup(layers).getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
  }

  var controller = null;
  var loadedQuery = null;
  var loadedRegion = null;
  var firstLoad = true;

  function getJSON(url, qs, signal) {
    return fetch(url + (qs ? "?" + qs : ""), {
      signal: signal,
      credentials: "same-origin",
      headers: { Accept: "application/json, application/geo+json" }
    }).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  function update(force) {
    var qs = queryString();
    if (!force && qs === loadedQuery) return;
    loadedQuery = qs;

    var url = window.location.pathname + (qs ? "?" + qs : "");
    window.history.replaceState(window.history.state, "", url);
    if (listLink) listLink.href = data.listUrl + (qs ? "?" + qs : "");

    if (controller) controller.abort();
    var current = (controller = new AbortController());
    mapEl.setAttribute("aria-busy", "true");

    Promise.all([
      getJSON(data.geojsonUrl, qs, current.signal),
      getJSON(data.markersUrl, qs, current.signal)
    ]).then(function (results) {
      if (current !== controller) return;
      var geo = results[0];
      var markers = results[1];
      var features = (geo && geo.features) || [];

      classes = computeClasses(features.map(function (f) { return f.properties.antal_projekter || 0; }));
      municipalities.clearLayers();
      municipalities.addData(features);
      setBoundariesAttribution(geo.attribution);

      projects.clearLayers();
      projects.addLayers((markers.projects || []).map(projectMarker));

      var region = selectedRegionName();
      if (firstLoad || region !== loadedRegion) fitView();
      if (firstLoad) {
        var all = municipalities.getBounds();
        if (all.isValid()) map.setMaxBounds(all.pad(0.6));
      }
      firstLoad = false;
      loadedRegion = region;

      renderLegend();
      renderTable(features);
      renderStatus(markers);
    }).catch(function (error) {
      if (error && error.name === "AbortError") return;
      loadedQuery = null; // allow a retry with the same filters
      renderError();
    }).then(function () {
      if (current === controller) mapEl.removeAttribute("aria-busy");
    });
  }

  var debounceTimer = null;

  function updateSoon() {
    window.clearTimeout(debounceTimer);
    debounceTimer = window.setTimeout(function () { update(false); }, TEXT_DEBOUNCE_MS);
  }

  function isTextField(target) {
    return target && target.tagName === "INPUT" && !/^(checkbox|radio|hidden|submit|button)$/.test(target.type);
  }

  form.addEventListener("input", function (e) {
    if (isTextField(e.target)) updateSoon();
  });

  form.addEventListener("change", function () {
    window.clearTimeout(debounceTimer);
    update(false);
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    window.clearTimeout(debounceTimer);
    update(true);
  });

  if (resetLink) {
    resetLink.addEventListener("click", function (e) {
      e.preventDefault();
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.tagName === "SELECT") {
          field.selectedIndex = 0;
        } else if (isTextField(field)) {
          field.value = "";
        }
      });
      window.clearTimeout(debounceTimer);
      update(false);
    });
  }

  tableBody.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-kode]");
    if (button) showOnMap(button.getAttribute("data-kode"));
  });

  function bindToggle(input, layer) {
    if (!input) return;
    input.addEventListener("change", function () {
      if (input.checked) {
        map.addLayer(layer);
      } else {
        map.removeLayer(layer);
      }
    });
  }
  bindToggle(toggleMunicipalities, municipalities);
  bindToggle(toggleProjects, projects);

  update(true);
})();
