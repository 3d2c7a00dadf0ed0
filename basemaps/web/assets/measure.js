/* rangemap: a measuring tool. Click the ruler, then points on the map (a click near a site's
 * marker takes the site): the line between them is drawn along geodesics and measured on the WGS84
 * ellipsoid (GeographicLib, Karney 2013), in km and nautical miles. While it measures, the map's
 * shapes let clicks through. Each leg stays drawn, labelled and listed with its length and initial
 * bearing: Escape, or the ruler, pauses (the ruler again goes on from the last point); only
 * "clear" removes them. */
var rangemapMeasure = (function () {
  "use strict";
  var KM_PER_NM = 1.852;
  var STEP_M = 25000; // drawn vertices at most this far apart along each geodesic

  var text = rangemapText;

  function formatKm(metres) {
    var km = metres / 1000;
    return km.toLocaleString("en-GB", {minimumFractionDigits: 1, maximumFractionDigits: 1}) +
      " km (" + (km / KM_PER_NM).toLocaleString("en-GB",
        {minimumFractionDigits: 1, maximumFractionDigits: 1}) + " NM)";
  }

  /* The geodesic from a to b: its length (m), initial azimuth, and vertices in longitudes that
   * run on from each other (so a line across 180 stays in one piece on an unwrapped map), shifted
   * by whole turns so that it ends where b was clicked. */
  function geodesicLine(a, b) {
    var Geodesic = geodesic.Geodesic, wgs84 = Geodesic.WGS84;
    var line = wgs84.InverseLine(a.lat, a.lng, b.lat, b.lng);
    var steps = Math.max(1, Math.ceil(line.s13 / STEP_M));
    var points = [];
    for (var i = 0; i <= steps; i++) {
      var at = line.Position(line.s13 * i / steps, Geodesic.STANDARD | Geodesic.LONG_UNROLL);
      points.push([at.lat2, at.lon2]);
    }
    var turns = 360 * Math.round((b.lng - points[steps][1]) / 360);
    points = points.map(function (point) { return [point[0], point[1] + turns]; });
    points[steps] = [b.lat, b.lng];
    var middle = line.Position(line.s13 / 2, Geodesic.STANDARD | Geodesic.LONG_UNROLL);
    var middleLng = middle.lon2 + turns;
    return {metres: line.s13, azimuth: line.azi1, points: points, middle: [middle.lat2, middleLng]};
  }

  /* A click snaps to a site's marker within SNAP_PX of it (a base, a field, a target). */
  var SNAP_PX = 10;
  function snapped(map, latlng) {
    var clicked = map.latLngToContainerPoint(latlng), best = null, nearest = SNAP_PX;
    map.eachLayer(function (layer) {
      var name = layer.options && layer.options.className;
      if (!(layer instanceof L.CircleMarker) || !name || name.indexOf("rangemap-") !== 0) { return; }
      var distance = map.latLngToContainerPoint(layer.getLatLng()).distanceTo(clicked);
      if (distance <= nearest) { nearest = distance; best = layer.getLatLng(); }
    });
    return best || latlng;
  }

  function bearing(azimuth) {
    return ("00" + ((Math.round(azimuth) + 360) % 360)).slice(-3) + "\u00b0";
  }

  function legWords(leg) {
    return formatKm(leg.metres) + ", bearing " + bearing(leg.azimuth);
  }

  function install(map) {
    var state = {active: false, points: [], legs: [], metres: 0};
    var layer = L.layerGroup().addTo(map);
    var rubber = null;
    var bar = L.DomUtil.create("div", "leaflet-bar rangemap-measure-bar");
    var button = L.DomUtil.create("a", "rangemap-measure-button", bar);
    button.href = "#";
    button.title = "Measure a distance (geodesic, WGS84)";
    button.setAttribute("role", "button");
    button.appendChild(text("span", "\u2194"));
    var panel = text("div", "", "rangemap-measure");
    panel.id = "rangemap-measure";
    panel.style.display = "none";
    var readout = text("div", "", "readout");
    var clear = text("a", "clear", "clear");
    clear.href = "#";
    panel.appendChild(readout);
    panel.appendChild(clear);
    bar.appendChild(panel);
    L.DomEvent.disableClickPropagation(bar);

    function show(extra) {
      panel.style.display = "";
      panel.setAttribute("data-total-m", String(state.metres));
      readout.textContent = "";
      if (!state.points.length) {
        readout.appendChild(text("div", "Click on the map to start measuring."));
        return;
      }
      state.legs.forEach(function (leg, index) {
        readout.appendChild(text("div", "Leg " + (index + 1) + ": " + legWords(leg), "leg"));
      });
      if (extra) { readout.appendChild(text("div", "Next leg: " + legWords(extra), "next")); }
      var total = state.metres + (extra ? extra.metres : 0);
      readout.appendChild(text("div", "Total: " + formatKm(total), "total"));
      readout.appendChild(text("div", state.active ? "Click to add a point; Esc to pause."
        : "Paused: the ruler goes on from the last point.", "hint"));
    }

    function addPoint(latlng) {
      var last = state.points[state.points.length - 1];
      if (last) {
        var piece = geodesicLine(last, latlng);
        state.metres += piece.metres;
        state.legs.push(piece);
        L.polyline(piece.points, {color: "#111", weight: 2.5, dashArray: "6 4",
          interactive: false}).addTo(layer);
        L.tooltip({permanent: true, direction: "center", className: "rangemap-measure-label",
          interactive: false}).setLatLng(piece.middle)
          .setContent(text("span", Math.round(piece.metres / 1000).toLocaleString("en-GB") +
            " km, " + bearing(piece.azimuth))).addTo(layer);
      }
      state.points.push(latlng);
      L.circleMarker(latlng, {radius: 4, color: "#111", weight: 1.5, fillColor: "#fff",
        fillOpacity: 1, interactive: false}).addTo(layer);
      show(null);
    }

    function onMove(event) {
      var last = state.points[state.points.length - 1];
      if (!last) { return; }
      var piece = geodesicLine(last, event.latlng);
      if (rubber) { rubber.setLatLngs(piece.points); }
      else {
        rubber = L.polyline(piece.points, {color: "#111", weight: 1.5, opacity: 0.6,
          interactive: false}).addTo(layer);
      }
      show(piece);
    }

    function stop() {
      state.active = false;
      L.DomUtil.removeClass(button, "active");
      L.DomUtil.removeClass(map.getContainer(), "rangemap-measuring");
      map.off("click", onClick);
      map.off("mousemove", onMove);
      if (map.options.doubleClickZoom) { map.doubleClickZoom.enable(); }
      if (rubber) { layer.removeLayer(rubber); rubber = null; }
      show(null);
    }

    function start() {
      state.active = true;
      L.DomUtil.addClass(button, "active");
      L.DomUtil.addClass(map.getContainer(), "rangemap-measuring");
      map.doubleClickZoom.disable();
      map.on("click", onClick);
      map.on("mousemove", onMove);
      show(null);
    }

    function onClick(event) { addPoint(snapped(map, event.latlng)); }

    L.DomEvent.on(button, "click", function (event) {
      L.DomEvent.preventDefault(event);
      if (state.active) { stop(); } else { start(); }
    });
    L.DomEvent.on(clear, "click", function (event) {
      L.DomEvent.preventDefault(event);
      if (state.active) { stop(); }
      layer.clearLayers();
      state = {active: false, points: [], legs: [], metres: 0};
      panel.style.display = "none";
    });
    L.DomEvent.on(document, "keydown", function (event) {
      if (event.key === "Escape" && state.active) { stop(); }
    });

    var Control = L.Control.extend({
      options: {position: "topleft"},
      onAdd: function () { return bar; }
    });
    new Control().addTo(map);
    return {start: start, stop: stop, addPoint: addPoint};
  }

  return install;
})();
