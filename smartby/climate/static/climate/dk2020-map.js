/* DK2020 map layer: the 98 municipalities coloured by their DK2020 phase. Colours, names and
 * links come from our GeoJSON (/dk2020/kommuner.geojson: kode, navn, region, fase, fase_navn,
 * status, status_navn, farve, demo, url); texts from data-* attributes on #dk2020-app. The
 * table below the map holds the same information without JavaScript. */
(function () {
  "use strict";

  var app = document.getElementById("dk2020-app");
  var mapEl = document.getElementById("dk2020-map");
  if (!app || !mapEl || !window.L) return;
  var data = app.dataset;
  var statusEl = document.getElementById("dk2020-map-status");
  var hasTiles = Boolean(data.tileUrl);

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function popup(p) {
    var children = [
      el("h3", { text: p.navn }),
      el("p", { text: p.region }),
      el("p", { text: data.tPhase + ": " + p.fase_navn }),
      el("p", { text: data.tStatus + ": " + p.status_navn + (p.demo ? " (" + data.tDemo + ")" : "") }),
      el("p", {}, [el("a", { href: p.url, text: data.tSee })])
    ];
    return el("div", { class: "map-popup" }, children);
  }

  var fallback = document.getElementById("dk2020-map-fallback");
  if (fallback) fallback.remove();

  var map = L.map(mapEl, {
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    minZoom: 5,
    maxZoom: hasTiles ? 18 : 15,
    keyboard: true,
    center: [56.1, 11.0],
    zoom: 6.5
  });
  mapEl.setAttribute("tabindex", "0");
  if (hasTiles) {
    L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: 19 }).addTo(map);
  }

  function style(feature) {
    return {
      fillColor: feature.properties.farve,
      fillOpacity: hasTiles ? 0.75 : 1,
      color: hasTiles ? "#33415c" : "#ffffff",
      weight: hasTiles ? 0.6 : 0.9,
      opacity: 1
    };
  }

  var layer = L.geoJSON(null, {
    style: style,
    onEachFeature: function (feature, path) {
      var p = feature.properties;
      path.bindTooltip(p.navn + " – " + p.fase_navn + " (" + p.status_navn + ")", { sticky: true });
      path.bindPopup(function () { return popup(p); });
      path.on({
        add: function () {
          // Keyboard users get the same information from the table (see registry map.js).
          var node = path.getElement && path.getElement();
          if (node) {
            node.setAttribute("tabindex", "-1");
            node.setAttribute("data-kode", p.kode);
            node.setAttribute("data-fase", p.fase);
            node.classList.add("dk2020-area");
          }
        },
        mouseover: function (e) { e.target.setStyle({ weight: 2.5, color: "#0b2545" }); },
        mouseout: function (e) { layer.resetStyle(e.target); }
      });
    }
  }).addTo(map);

  fetch(data.geojsonUrl, { headers: { Accept: "application/geo+json" } })
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (collection) {
      if (collection.attribution) map.attributionControl.addAttribution(collection.attribution);
      layer.addData(collection);
      var bounds = layer.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
      mapEl.setAttribute("data-loaded", String(collection.features.length));
    })
    .catch(function () {
      if (statusEl) statusEl.textContent = data.tError;
    });
})();
