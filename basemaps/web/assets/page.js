/* rangemap: shows the page's text (PageText, a JSON data block) with DOM text nodes: nothing in it
 * is ever parsed as HTML or run as code. Leaflet writes layer names and attributions into its
 * controls as HTML, so those alone are escaped, here, once. */
var rangemap = (function () {
  "use strict";
  var text = rangemapText;
  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  function popup(data) {
    var box = text("div", "", "rangemap-popup");
    box.appendChild(text("b", data.title));
    var table = document.createElement("table");
    data.rows.forEach(function (row) {
      var line = document.createElement("tr");
      line.appendChild(text("th", row[0]));
      line.appendChild(text("td", row[1]));
      table.appendChild(line);
    });
    box.appendChild(table);
    return box;
  }
  function legendBox(data) {
    var box = L.DomUtil.create("div", "rangemap-legend");
    box.id = "rangemap-legend";
    var details = document.createElement("details");
    details.open = window.innerWidth >= 800;  // on a phone, the map first
    details.appendChild(text("summary", data.title, "title"));
    data.answers.forEach(function (answer) { details.appendChild(text("div", answer, "answer")); });
    data.entries.forEach(function (entry) {
      var row = text("div", "", "entry");
      var swatch = text("span", "", "swatch");
      swatch.style.background = entry.colour;
      row.appendChild(swatch);
      row.appendChild(text("b", entry.name));
      row.appendChild(document.createTextNode(": " + entry.detail));
      details.appendChild(row);
    });
    data.areas.forEach(function (area) {
      var row = text("div", "", "entry");
      var swatch = text("span", "", area.hatched ? "swatch hatched" : "swatch");
      swatch.style.background = area.colour;
      swatch.style.opacity = area.hatched ? 1 : area.opacity;
      row.appendChild(swatch);
      row.appendChild(document.createTextNode(area.label));
      details.appendChild(row);
    });
    var markers = text("div", "", "markers");
    data.markers.forEach(function (marker) {
      var dot = text("span", "", "dot");
      dot.style.background = marker.colour;
      markers.appendChild(dot);
      markers.appendChild(document.createTextNode(marker.label + " "));
    });
    details.appendChild(markers);
    var more = document.createElement("details");
    more.appendChild(text("summary", "lines, airspace and sources", "more"));
    data.notes.forEach(function (note) { more.appendChild(text("div", note, "note")); });
    more.appendChild(text("div", "Sources:", "source"));
    data.sources.forEach(function (source) { more.appendChild(text("div", source, "source")); });
    details.appendChild(more);
    box.appendChild(details);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  }
  /* The tile provider, over the Natural Earth base. While the browser is online the page asks
   * for one tile, the whole world's, and adds the layer once it has come: on a closed network one
   * request fails, unseen, and the base stays. */
  function tiles(map, spec) {
    var layer = L.tileLayer(spec.url, {
      maxZoom: spec.max_zoom, attribution: escapeHtml(spec.attribution)
    });
    function probe() {
      if (!navigator.onLine || map.hasLayer(layer)) { return; }
      var tile = new Image();
      tile.onload = function () { layer.addTo(map); };
      tile.src = L.Util.template(spec.url, {s: "a", r: "", x: 0, y: 0, z: 0});
    }
    window.addEventListener("online", probe);
    probe();
    return layer;
  }
  function bind(map) {
    var data = JSON.parse(document.getElementById("rangemap-data").textContent);
    document.title = data.title;
    Object.keys(data.tooltips).forEach(function (name) {
      var tip = data.tooltips[name];
      window[name].bindTooltip(text("span", tip.text), {sticky: tip.sticky});
    });
    Object.keys(data.popups).forEach(function (name) {
      window[name].bindPopup(popup(data.popups[name]), {maxWidth: 360});
    });
    var overlays = {};
    if (data.tiles) { overlays[escapeHtml(data.tiles.name)] = tiles(map, data.tiles); }
    data.layers.forEach(function (layer) {
      overlays[escapeHtml(layer.name)] = window[layer.variable];
    });
    L.control.layers({}, overlays, {collapsed: true}).addTo(map);
    var Legend = L.Control.extend({
      options: {position: "bottomleft"},
      onAdd: function () { return legendBox(data.legend); }
    });
    var panels = [new Legend().addTo(map)];
    rangemapLabels(map, data.labels);
    rangemapMeasure(map);
    if (data.timeline) { panels.unshift(rangemapTimeline(map, data.timeline)); }
    rangemapPanels(map, panels);
    if (document.readyState !== "complete") {  // again once all is laid out: sizes may change
      window.addEventListener("load", function () { rangemapPanels(map, panels); });
    }
  }
  return {bind: bind};
})();
