/* Progress of a survey round on a map: the 98 municipalities (the registry map's boundaries,
 * /kort/kommuner.geojson) coloured by status. Statuses and labels come from data-* attributes
 * on #progress-map-app; the table below the map shows the same per municipality.
 */
(function () {
  "use strict";

  var app = document.getElementById("progress-map-app");
  var mapEl = document.getElementById("progress-map");
  if (!app || !mapEl || !window.L) return;

  var COLOURS = {
    not_invited: "#d0d7de",
    invited: "#9ecae1",
    draft: "#f2b84b",
    submitted: "#1a7f37"
  };
  var OUTSIDE = "#ffffff";
  var statuses = JSON.parse(app.getAttribute("data-statuses") || "{}");
  var labels = JSON.parse(app.getAttribute("data-labels") || "{}");

  var fallback = mapEl.querySelector(".map-fallback");
  if (fallback) fallback.remove();

  var map = L.map(mapEl, {
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    minZoom: 5,
    maxZoom: 12,
    keyboard: true,
    center: [56.1, 11.0],
    zoom: 6.5
  });
  mapEl.setAttribute("tabindex", "0");

  function label(code) {
    return statuses[code] ? labels[statuses[code]] : app.getAttribute("data-t-outside");
  }

  function showError() {
    var p = document.createElement("p");
    p.className = "map-note";
    p.setAttribute("role", "status");
    p.textContent = app.getAttribute("data-t-error");
    mapEl.parentNode.insertBefore(p, mapEl.nextSibling);
  }

  fetch(app.getAttribute("data-geojson-url"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (geojson) {
      var layer = L.geoJSON(geojson, {
        style: function (feature) {
          var status = statuses[feature.properties.kode];
          return {
            color: "#57606a",
            weight: 0.7,
            fillOpacity: 0.9,
            fillColor: status ? COLOURS[status] : OUTSIDE
          };
        },
        onEachFeature: function (feature, featureLayer) {
          featureLayer.bindTooltip(feature.properties.navn + ": " + label(feature.properties.kode));
        }
      }).addTo(map);
      if (geojson.attribution) map.attributionControl.addAttribution(geojson.attribution);
      var bounds = layer.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds);
      mapEl.setAttribute("data-loaded", "true");
    })
    .catch(showError);
})();
