/* rangemap: a button that writes every site's name beside its marker, and takes the names off
 * again. The names are text nodes in permanent tooltips; the hover tooltips stay as they are. */
var rangemapLabels = (function () {
  "use strict";
  var text = rangemapText;

  function install(map, labels) {
    var names = L.layerGroup();
    labels.forEach(function (label) {
      names.addLayer(L.tooltip({
        permanent: true, direction: "right", offset: [6, 0], className: "rangemap-label",
        interactive: false
      }).setLatLng(window[label.variable].getLatLng()).setContent(text("span", label.text)));
    });
    var bar = L.DomUtil.create("div", "leaflet-bar");
    var button = L.DomUtil.create("a", "rangemap-labels-button", bar);
    button.href = "#";
    button.title = "Show the names of the sites on the map";
    button.setAttribute("role", "button");
    button.setAttribute("aria-pressed", "false");
    button.appendChild(text("span", "Aa"));
    L.DomEvent.disableClickPropagation(bar);
    L.DomEvent.on(button, "click", function (event) {
      L.DomEvent.preventDefault(event);
      var on = !map.hasLayer(names);
      if (on) { names.addTo(map); } else { map.removeLayer(names); }
      button.setAttribute("aria-pressed", String(on));
      L.DomUtil[on ? "addClass" : "removeClass"](button, "active");
    });
    var Control = L.Control.extend({
      options: {position: "topleft"},
      onAdd: function () { return bar; }
    });
    new Control().addTo(map);
    return names;
  }

  return install;
})();
