/* rangemap: timed flights played back with Leaflet.TimeDimension. Each aircraft moves along its
 * track at cruise speed, leaving its trail; a slider and a player set the time (UTC); the events
 * (take-offs, ADIZ and airspace entries, landings) are listed, and a click on one goes to it.
 * `data` is rangemap's own JSON: flights {name, colour, coordinates [[lon, lat]...], times [ms]},
 * events {time (ms), text}, start, end and step (ms). All text is shown as text, never as HTML.
 * The player's speed is said as flight time a second ("2 h 30 min a second"), not in frames. */
var rangemapTimeline = (function () {
  "use strict";

  var text = rangemapText;

  /* A span of time in words: "2 h 30 min", "45 min". */
  function span(ms) {
    var minutes = Math.round(ms / 60000), hours = Math.floor(minutes / 60);
    var words = [];
    if (hours) { words.push(hours + " h"); }
    if (minutes % 60 || !hours) { words.push((minutes % 60) + " min"); }
    return words.join(" ");
  }

  function clock(ms) {
    return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
  }

  function eventList(data, dimension) {
    var box = text("div", "", "rangemap-events");
    box.id = "rangemap-events";
    var details = document.createElement("details");
    details.open = window.innerWidth >= 800;  // on a phone, the map first
    details.appendChild(text("summary", "Timeline (UTC)", "title"));
    var rows = data.events.map(function (event) {
      var row = text("div", "", "event");
      row.appendChild(text("span", clock(event.time), "time"));
      row.appendChild(document.createTextNode(" " + event.text));
      row.setAttribute("role", "button");
      L.DomEvent.on(row, "click", function () { dimension.setCurrentTime(event.time); });
      details.appendChild(row);
      return row;
    });
    box.appendChild(details);
    dimension.on("timeload", function () {
      var now = dimension.getCurrentTime();
      data.events.forEach(function (event, index) {
        rows[index].classList.toggle("past", event.time <= now);
      });
    });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  }

  function times(data) {
    var list = [];
    for (var t = data.start; t < data.end; t += data.step) { list.push(t); }
    list.push(data.end);
    data.events.forEach(function (event) { list.push(event.time); });
    return list.sort(function (a, b) { return a - b; })
      .filter(function (t, i, all) { return i === 0 || t !== all[i - 1]; });
  }

  function flightLayer(flight, dimension) {
    var feature = {
      type: "Feature",
      properties: {times: flight.times},
      geometry: {type: "LineString", coordinates: flight.coordinates}
    };
    var base = L.geoJSON(feature, {
      style: function () { return {color: flight.colour, weight: 5, opacity: 0.85}; },
      pointToLayer: function (point, latlng) {
        return L.circleMarker(latlng, {
          radius: 7, color: "#ffffff", weight: 2, fillColor: flight.colour, fillOpacity: 1,
          className: "rangemap-aircraft", pane: "rangemap-marks"  // over its base
        });
      },
      onEachFeature: function (point, layer) {
        if (point.geometry.type === "Point") {
          layer.bindTooltip(text("span", flight.name), {direction: "right", offset: [8, 0]});
        }
      }
    });
    return L.timeDimension.layer.geoJson(base, {
      timeDimension: dimension, addlastPoint: true, updateTimeDimension: false
    });
  }

  function install(map, data) {
    var dimension = L.timeDimension({times: times(data), currentTime: data.start});
    map.timeDimension = dimension;
    var player = new L.TimeDimension.Player({transitionTime: 100, loop: false, startOver: true},
      dimension);
    var Player = L.Control.TimeDimension.extend({
      _getDisplayDateFormat: function (date) { return clock(date.getTime()) + " UTC"; },
      _getDisplaySpeed: function (stepsPerSecond) {
        return span(stepsPerSecond * data.step) + " a second";
      }
    });
    new Player({
      timeDimension: dimension, player: player, position: "bottomright", autoPlay: false,
      loopButton: false, speedSlider: true, timeSliderDragUpdate: true, timeZones: ["UTC"],
      minSpeed: 1, maxSpeed: 30, speedStep: 1, title: "Play the flights"
    }).addTo(map);
    data.flights.forEach(function (flight) { flightLayer(flight, dimension).addTo(map); });
    var Events = L.Control.extend({
      options: {position: "topright"},
      onAdd: function () { return eventList(data, dimension); }
    });
    var events = new Events().addTo(map);
    dimension.setCurrentTime(data.start);
    return events;
  }

  return install;
})();
