/* rangemap: the page's panels (the timeline, the legend) go where the story is not. Each, the
 * biggest first, is tried in every corner and left in the one where it covers no other control
 * and the fewest points of the routes, sites and zone crossings as the map opens (its own corner
 * if that is as good); a panel that covers some even there starts closed (a click on its title
 * opens it). */
var rangemapPanels = (function () {
  "use strict";
  var CORNERS = ["topright", "bottomleft", "topleft", "bottomright"];
  var STEP_PX = 8;  // points taken along each line at most this far apart on screen
  var STORY = /(^|\s)rangemap-(leg|site|crossing|missile|arrow)(\s|$)/;

  /* The points of a line on screen, STEP_PX apart at most. */
  function alongLine(map, latlngs, points) {
    var previous = null;
    latlngs.forEach(function (latlng) {
      var point = map.latLngToContainerPoint(latlng);
      if (previous) {
        var steps = Math.ceil(previous.distanceTo(point) / STEP_PX);
        for (var i = 1; i < steps; i++) {
          points.push(previous.add(point.subtract(previous).multiplyBy(i / steps)));
        }
      }
      points.push(point);
      previous = point;
    });
  }

  /* The story's points, in the map container's pixels. */
  function storyPoints(map) {
    var points = [];
    map.eachLayer(function (layer) {
      var name = (layer.options && layer.options.className) || "";
      if (!STORY.test(name)) { return; }
      if (layer instanceof L.CircleMarker) {
        points.push(map.latLngToContainerPoint(layer.getLatLng()));
      } else if (layer instanceof L.Polyline) {
        var latlngs = layer.getLatLngs();
        (L.LineUtil.isFlat(latlngs) ? [latlngs] : latlngs).forEach(function (line) {
          alongLine(map, line, points);
        });
      }
    });
    return points;
  }

  function box(map, element) {
    var rect = element.getBoundingClientRect(), origin = map.getContainer().getBoundingClientRect();
    return {left: rect.left - origin.left, top: rect.top - origin.top,
      right: rect.right - origin.left, bottom: rect.bottom - origin.top};
  }

  function covered(map, control, points) {
    var panel = box(map, control.getContainer());
    return points.filter(function (p) {
      return p.x >= panel.left && p.x <= panel.right && p.y >= panel.top && p.y <= panel.bottom;
    }).length;
  }

  /* Whether the panel lies over another control (in another corner: one corner stacks its own). */
  function overlaps(map, control) {
    var container = control.getContainer(), panel = box(map, container);
    var others = map.getContainer().querySelectorAll(".leaflet-control");
    return Array.prototype.some.call(others, function (other) {
      if (other.parentNode === container.parentNode) { return false; }
      var rect = box(map, other);
      return rect.left < panel.right && panel.left < rect.right &&
        rect.top < panel.bottom && panel.top < rect.bottom;
    });
  }

  function place(map, panels) {
    var points = storyPoints(map);
    panels.forEach(function (control) {
      var own = control.getPosition(), best = null;
      var corners = [own].concat(CORNERS.filter(function (corner) { return corner !== own; }));
      corners.forEach(function (corner) {
        control.setPosition(corner);
        var count = covered(map, control, points) +
          (overlaps(map, control) ? points.length + 1 : 0);
        if (best === null || count < best.count) { best = {corner: corner, count: count}; }
      });
      control.setPosition(best.corner);
      var details = control.getContainer().querySelector("details");
      if (best.count > 0 && details) { details.open = false; }
    });
  }

  return place;
})();
