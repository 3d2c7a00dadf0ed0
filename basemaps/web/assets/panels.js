/* rangemap: the page's panels (the timeline, the legend) go where the story is not. Each, the
 * biggest first, is tried in every corner and left in the one where it covers no other control
 * and the fewest points of the routes, sites and zone crossings as the map opens; a panel that
 * covers some even there starts closed (a click on its title opens it). */
var rangemapPanels = (function () {
  "use strict";
  var CORNERS = ["topright", "bottomleft", "topleft", "bottomright"];
  var STEP_PX = 8;  // points taken along each line at most this far apart on screen
  var STORY = /(^|\s)rangemap-(leg|site|crossing|missile|arrow)(\s|$)/;

  /* The story's points, in the map container's pixels. */
  function storyPoints(map) {
    var points = [];
    map.eachLayer(function (layer) {
      var name = (layer.options && layer.options.className) || "";
      if (!STORY.test(name)) { return; }
      if (layer instanceof L.CircleMarker) {
        points.push(map.latLngToContainerPoint(layer.getLatLng()));
      } else if (layer instanceof L.Polyline) {
        var line = L.LineUtil.isFlat(layer.getLatLngs()) ? layer.getLatLngs() : [].concat.apply([], layer.getLatLngs());
        var previous = null;
        line.forEach(function (latlng) {
          var point = map.latLngToContainerPoint(latlng);
          if (previous) {
            var steps = Math.ceil(previous.distanceTo(point) / STEP_PX);
            for (var i = 1; i < steps; i++) { points.push(previous.add(point.subtract(previous).multiplyBy(i / steps))); }
          }
          points.push(point);
          previous = point;
        });
      }
    });
    return points;
  }

  function covered(map, control, points) {
    var box = control.getContainer().getBoundingClientRect();
    var origin = map.getContainer().getBoundingClientRect();
    var left = box.left - origin.left, top = box.top - origin.top;
    return points.filter(function (point) {
      return point.x >= left && point.x <= left + box.width && point.y >= top && point.y <= top + box.height;
    }).length;
  }

  /* Whether the panel lies over another control (in another corner: one corner stacks its own). */
  function overlaps(map, control) {
    var box = control.getContainer().getBoundingClientRect();
    var others = map.getContainer().querySelectorAll(".leaflet-control");
    return Array.prototype.some.call(others, function (other) {
      if (other.parentNode === control.getContainer().parentNode) { return false; }
      var rect = other.getBoundingClientRect();
      return rect.left < box.right && box.left < rect.right && rect.top < box.bottom && box.top < rect.bottom;
    });
  }

  function place(map, panels) {
    var points = storyPoints(map);
    panels.forEach(function (control) {
      var best = null, own = control.getPosition();  // its own corner wins a tie
      [own].concat(CORNERS.filter(function (corner) { return corner !== own; })).forEach(function (corner) {
        control.setPosition(corner);
        var count = covered(map, control, points) + (overlaps(map, control) ? points.length + 1 : 0);
        if (best === null || count < best.count) { best = {corner: corner, count: count}; }
      });
      control.setPosition(best.corner);
      var details = control.getContainer().querySelector("details");
      if (best.count > 0 && details) { details.open = false; }
      control.getContainer().setAttribute("data-covers", String(covered(map, control, points)));
    });
  }

  return place;
})();
