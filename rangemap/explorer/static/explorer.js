// The rangemap explorer's page: the panel's state is the URL (the command line's option names as
// query keys), questions go to /api/<command> with those options, answers are drawn on the map.
// Every text from a catalog, a file or an answer reaches the page through textContent.
"use strict";
(function () {
  const geod = geodesic.Geodesic.WGS84;
  const $ = (id) => document.getElementById(id);
  const MODES = ["ring", "plan", "need", "reach", "strike", "track"];
  const LISTS = ["via", "target", "refuel-at", "overfly"];
  const KEYS = ["aircraft", "range-km", "cruise-kmh", "range-source", "from", "via", "target",
    "refuel-at", "overfly", "reserve", "takeoff", "landings", "one-way", "weapon", "launch-from",
    "escort"];
  const COLOURS = { leg: "#c0392b", ring: "#1f5fa8", reach: "#2e8b57", "launch-zone": "#8e44ad",
    missile: "#d35400", site: "#333" };
  let state = { mode: "plan" };
  let aircraft = {};
  let sites = {};              // site id -> [lat, lon], as found
  let asking = null;           // the AbortController of the question in flight
  let ticking = null;

  // ---- the URL is the state -------------------------------------------------------------
  function readUrl() {
    const query = new URLSearchParams(location.search);
    state = { mode: MODES.includes(query.get("mode")) ? query.get("mode") : "plan" };
    for (const key of KEYS) {
      if (LISTS.includes(key)) state[key] = query.getAll(key);
      else if (query.has(key)) state[key] = query.get(key);
    }
    if (state.mode === "ring" && query.has("at")) state.from = query.get("at");
    if (state.mode === "need") { state.via = query.getAll("target"); state.target = []; }  // need's targets
  }
  function writeUrl() {
    const query = new URLSearchParams();
    query.set("mode", state.mode);
    for (const [key, value] of Object.entries(cliOptions())) {
      for (const one of [].concat(value)) query.append(key, one === true ? "1" : one);
    }
    history.replaceState(null, "", "?" + query.toString());
    $("command").textContent = commandLine();
  }

  // ---- the question as command-line options (dashed) and as an API body (underscored) ---
  function cliOptions() {
    const o = {};
    const put = (key, value) => { if (value !== undefined && value !== "" && value !== null && !(Array.isArray(value) && !value.length)) o[key] = value; };
    if (state.aircraft) put("aircraft", state.aircraft);
    else { put("range-km", state["range-km"]); put("cruise-kmh", state["cruise-kmh"]); }
    put("range-source", state.aircraft ? state["range-source"] : undefined);
    put(state.mode === "ring" ? "at" : "from", state.from);
    if (state.mode === "plan") put("via", state.via);
    if (state.mode === "need") put("target", state.via);
    if (state.mode === "strike") { put("weapon", state.weapon); put("target", (state.target || [])[0]);
      put("launch-from", state["launch-from"]); put("escort", state.escort); }
    if (state.mode === "reach") { put("landings", state.landings); if (state["one-way"] === "1") put("one-way", true); }
    if (state.mode !== "ring") { put("refuel-at", state["refuel-at"]); put("overfly", state.overfly); }
    put("reserve", state.reserve);
    if (state.mode === "plan") put("takeoff", state.takeoff);
    if (state.mode === "track") delete o.from;
    return o;
  }
  async function asked() {  // the body sent: the options, and an uploaded track's text
    const b = body();
    if (state.mode === "track") b.file = { name: trackFile.name, text: await trackFile.text() };
    return b;
  }
  function body() {
    const b = {};
    for (const [key, value] of Object.entries(cliOptions())) b[key.replace(/-/g, "_")] = value;
    return b;
  }
  function quoted(text) { return /^[\w.,:@%+=\/-]+$/.test(text) ? text : "'" + text.replace(/'/g, "'\\''") + "'"; }
  function commandLine() {
    const parts = ["rangemap", state.mode];
    if (state.mode === "track") parts.push(quoted(trackFile ? trackFile.name : "FILE"));
    for (const [key, value] of Object.entries(cliOptions())) {
      for (const one of [].concat(value)) parts.push(one === true ? "--" + key : "--" + key + " " + quoted(String(one)));
    }
    return parts.join(" ");
  }

  // ---- the map -----------------------------------------------------------------------------
  const map = L.map("map", { zoomSnap: 0.25, worldCopyJump: false }).setView([38, 130], 3);
  L.control.scale({ imperial: false }).addTo(map);
  const landLayer = L.layerGroup().addTo(map);
  const drawn = L.layerGroup().addTo(map);
  const rings = L.layerGroup().addTo(map);
  const pins = L.layerGroup().addTo(map);
  map.createPane("airspace").style.zIndex = 350;  // under the answer's shapes and lines
  const adizLayer = L.layerGroup().addTo(map);
  const sovereignLayer = L.layerGroup().addTo(map);
  L.control.layers(null, {
    "ADIZs (air defence identification zones)": adizLayer,
    "Sovereign airspace (land and 12 NM)": sovereignLayer,
  }, { collapsed: true, position: "topright" }).addTo(map);
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => {  // open beside a wide map, folded on a phone's
    const box = L.DomUtil.create("details", "legend");
    box.open = window.matchMedia("(min-width: 701px)").matches;
    box.append(text("summary", "Legend"));
    const rows = L.DomUtil.create("div", "", box); rows.id = "legend";
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  legend.addTo(map);
  let centerLon = 130;
  let fitPending = true;       // the next answer sets the view (first load, a new mode), unless the map was clicked

  function near(lon, center) { return lon + 360 * Math.round((center - lon) / 360); }
  function unwrapped(coords, center) {  // [[lon, lat], ...] -> [[lat, lon], ...], continuous
    const out = [];
    let last = null;
    for (const [lon, lat] of coords) {
      const x = last === null ? near(lon, center) : near(lon, last);
      out.push([Math.max(-85, Math.min(85, lat)), x]);
      last = x;
    }
    return out;
  }
  function drawLand(collection) {
    for (const f of collection.features) {
      const polys = f.geometry.type === "MultiPolygon" ? f.geometry.coordinates
        : f.geometry.type === "Polygon" ? [f.geometry.coordinates] : [];
      const lines = f.geometry.type === "MultiLineString" ? f.geometry.coordinates
        : f.geometry.type === "LineString" ? [f.geometry.coordinates] : [];
      for (const shift of [-360, 0, 360]) {
        const moved = (ring) => ring.map(([lon, lat]) => [Math.max(-85, Math.min(85, lat)), lon + shift]);
        for (const p of polys) L.polygon(p.map(moved), { stroke: false, fillColor: "#dcd6c8", fillOpacity: 1, interactive: false }).addTo(landLayer);
        for (const l of lines) L.polyline(moved(l), { color: "#a9a294", weight: 0.6, interactive: false }).addTo(landLayer);
      }
    }
  }
  function ringPoints(lat, lon, km) {  // a geodesic ring on WGS84, closed round a pole it holds
    const pts = [];
    for (let az = 0; az <= 360; az += 2) {
      const r = geod.Direct(lat, lon, az, km * 1000);
      pts.push([r.lon2, r.lat2]);
    }
    const out = unwrapped(pts, lon);
    const span = out[out.length - 1][1] - out[0][1];
    if (Math.abs(span) > 180) {
      const pole = geod.Inverse(lat, lon, 90, 0).s12 < km * 1000 ? 85 : -85;
      out.push([pole, out[out.length - 1][1]], [pole, out[0][1]]);
    }
    return out;
  }
  function drawRings(lat, lon) {
    rings.clearLayers();
    for (const [km, label, dash] of ringRadii()) {
      L.polygon(ringPoints(lat, lon, km), { color: COLOURS.ring, weight: 2, dashArray: dash, fillOpacity: 0.06, interactive: false, className: "live-ring" }).addTo(rings);
      void label;
    }
  }
  let answeredRadii = null;   // the radii the server gave for the rings asked
  function publishedRange() {  // the aircraft's figure in use: its default, or the one chosen
    const plane = aircraft[state.aircraft];
    if (!plane) return null;
    const chosen = plane.published_ranges.find((r) => r.label === state["range-source"]);
    return chosen || { label: plane.range_source, range_km: plane.range_km, figure: plane.figure, source: plane.source };
  }
  function ringRadii() {
    if (answeredRadii) return answeredRadii;
    const plane = publishedRange();
    const range = !plane ? Number(state["range-km"]) : plane.figure === "combat_radius" ? 2 * plane.range_km : plane.range_km;
    if (!range) return [];
    const usable = range * (1 - (Number(state.reserve) || 0));
    return [[usable, "one-way reach", null], [usable / 2, "combat radius", "6 6"]];
  }

  // ---- pins: the base (dragged: rings follow live; dropped: asked again) and waypoints ---
  function icon(text, kind) {
    return L.divIcon({ className: "pin pin-" + kind, html: "", iconSize: [18, 18], iconAnchor: [9, 9] });
  }
  function latLonOf(query) {
    if (!query) return null;
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(query);
    if (m) return [Number(m[1]), Number(m[2])];
    return sites[query.toLowerCase()] || sites[query] || null;
  }
  function fixed(latlng) { return latlng.lat.toFixed(4) + "," + (((latlng.lng + 540) % 360) - 180).toFixed(4); }
  function drawPins() {
    pins.clearLayers();
    const base = latLonOf(state.from);
    if (base && state.mode !== "track") {
      centerLon = base[1];
      const m = L.marker([base[0], near(base[1], centerLon)], { icon: icon("", "base"), draggable: true, title: "base (drag me)" }).addTo(pins);
      m.on("dragstart", () => { fitPending = false; });
      m.on("drag", (e) => drawRings(e.latlng.lat, e.latlng.lng));
      m.on("dragend", (e) => { state.from = fixed(e.target.getLatLng()); answeredRadii = ringRadii() && answeredRadii; changed(true); });
      drawRings(base[0], base[1]);
    } else rings.clearLayers();
    const points = state.mode === "strike" ? state.target || [] : (state.mode === "plan" || state.mode === "need") ? state.via : [];
    points.forEach((query, i) => {
      const at = latLonOf(query);
      if (!at) return;
      const m = L.marker([at[0], near(at[1], centerLon)], { icon: icon(String(i + 1), "way"), draggable: true, title: query }).addTo(pins);
      m.on("dragend", (e) => { points[i] = fixed(e.target.getLatLng()); changed(true); });
      m.on("contextmenu", () => { points.splice(i, 1); changed(true); });
    });
  }
  map.on("click", (e) => {
    fitPending = false;  // the reader has chosen the view: it stays
    const here = fixed(e.latlng);
    if (e.originalEvent.shiftKey || state.mode === "strike" && latLonOf(state.from)) { state.target = [here]; }
    else if (!latLonOf(state.from) || state.mode === "ring" || state.mode === "reach") { state.from = here; answeredRadii = null; }
    else if (state.mode === "plan" || state.mode === "need") state.via = [...(state.via || []), here];
    else state.from = here;
    changed(true);
  });

  // ---- the panel --------------------------------------------------------------------------
  function text(tag, content, cls) { const e = document.createElement(tag); e.textContent = content; if (cls) e.className = cls; return e; }
  function showPanel() {
    for (const b of document.querySelectorAll("#modes button")) b.classList.toggle("on", b.dataset.mode === state.mode);
    for (const s of document.querySelectorAll("[data-for]")) s.hidden = !s.dataset.for.split(" ").includes(state.mode);
    $("aircraft").value = state.aircraft || "";
    $("own").hidden = !!state.aircraft;
    const plane = aircraft[state.aircraft];
    const figure = publishedRange();
    const choices = plane ? plane.published_ranges : [];
    $("range-source-box").hidden = choices.length < 2;
    $("range-source").replaceChildren(...choices.map((r) => new Option(`${r.label} — ${r.range_km.toLocaleString("en")} km`, r.label)));
    if (figure) $("range-source").value = figure.label;
    $("aircraft-figures").textContent = plane ? `${figure.range_km.toLocaleString("en")} km (${figure.figure.replace(/_/g, " ")}), cruise ${plane.cruise_kmh || "–"} km/h, ${plane.operator || "no operator"}` : "";
    $("aircraft-source").textContent = plane ? figure.source : "";
    $("range-km").value = state["range-km"] || "";
    $("cruise-kmh").value = state["cruise-kmh"] || "";
    $("base").textContent = state.from ? "base: " + state.from : "no base yet: search or click the map";
    $("refuel-at").value = (state["refuel-at"] || []).join(" ");
    $("overfly").value = (state.overfly || []).join(" ");
    $("reserve").value = state.reserve || "";
    $("takeoff").value = state.takeoff || "";
    $("landings").value = state.landings || "1";
    $("one-way").checked = state["one-way"] === "1";
    $("target").value = (state.target || [])[0] || "";
    $("launch-from").value = state["launch-from"] || "";
    $("escort").value = state.escort || "";
    if (state.weapon) $("weapon").value = state.weapon;
    const list = $("waypoints");
    list.replaceChildren();
    (state.via || []).forEach((query, i) => {
      const li = text("li", query + " ");
      const up = text("button", "↑"); up.type = "button"; up.title = "earlier"; up.disabled = i === 0;
      up.onclick = () => { [state.via[i - 1], state.via[i]] = [state.via[i], state.via[i - 1]]; changed(true); };
      const out = text("button", "✕"); out.type = "button"; out.title = "remove";
      out.onclick = () => { state.via.splice(i, 1); changed(true); };
      li.append(up, out);
      list.append(li);
    });
  }
  function listFrom(value) { return value.split(/[\s;]+/).filter(Boolean); }
  function bindInputs() {
    $("aircraft").onchange = () => { state.aircraft = $("aircraft").value; delete state["range-source"]; answeredRadii = null; changed(true); };
    $("range-source").onchange = () => {
      const plane = aircraft[state.aircraft];
      state["range-source"] = plane && $("range-source").value !== plane.range_source ? $("range-source").value : "";
      answeredRadii = null; changed(true);
    };
    const simple = { "range-km": "range-km", "cruise-kmh": "cruise-kmh", reserve: "reserve", takeoff: "takeoff",
      landings: "landings", "launch-from": "launch-from", escort: "escort" };
    for (const [id, key] of Object.entries(simple)) $(id).onchange = () => { state[key] = $(id).value.trim(); answeredRadii = null; changed(true); };
    $("refuel-at").onchange = () => { state["refuel-at"] = listFrom($("refuel-at").value); changed(true); };
    $("overfly").onchange = () => { state.overfly = listFrom($("overfly").value); changed(true); };
    $("target").onchange = () => { state.target = $("target").value.trim() ? [$("target").value.trim()] : []; changed(true); };
    $("one-way").onchange = () => { state["one-way"] = $("one-way").checked ? "1" : ""; changed(true); };
    $("weapon").onchange = () => { state.weapon = $("weapon").value; changed(true); };
    $("track-file").onchange = () => { trackFile = $("track-file").files[0] || null; changed(true); };
    $("add-edge").onclick = () => { if ($("edge-zone").value) { state.via = [...(state.via || []), "edge:" + $("edge-zone").value]; changed(true); } };
    for (const b of document.querySelectorAll("#modes button")) b.onclick = () => { state.mode = b.dataset.mode; answeredRadii = null; fitPending = true; changed(true); };
    $("go").onclick = () => ask();
    $("cancel").onclick = () => { if (asking) asking.abort(); };
    for (const b of document.querySelectorAll("[data-download]")) b.onclick = () => download(b.dataset.download);
    let timer = null;
    $("base-search").oninput = () => { clearTimeout(timer); timer = setTimeout(search, 150); };
  }
  async function search() {
    const q = $("base-search").value.trim();
    const found = $("found");
    found.replaceChildren();
    if (!q) return;
    for (const site of await fetched("/api/sites?q=" + encodeURIComponent(q.slice(0, 100)))) {
      sites[site.id.toLowerCase()] = [site.lat, site.lon];
      const li = text("li", `${site.name} (${site.id}, ${site.country}) `);
      li.append(text("small", site.tags.join(", ")));
      li.tabIndex = 0;
      li.onclick = li.onkeydown = (e) => { if (e.type === "keydown" && e.key !== "Enter") return;
        state.from = site.id; found.replaceChildren(); $("base-search").value = ""; answeredRadii = null; changed(true);
        map.panTo([site.lat, near(site.lon, centerLon)]); };
      found.append(li);
    }
  }
  async function said(reply) {  // the answer's JSON; a reply that is none (a proxy's, uvicorn's own) in a line
    try { return await reply.json(); } catch (error) { return { error: `the server answered ${reply.status} ${reply.statusText}`.trim() }; }
  }
  async function fetched(url) {  // a JSON answer, or [] where the server said no (it says why)
    try {
      const reply = await fetch(url);
      return reply.ok ? await reply.json() : [];
    } catch (error) { return []; }
  }
  async function known(query) {  // learn where a site id of the URL is (a site search takes 100)
    if (!query || query.length > 100 || latLonOf(query) || query.startsWith("edge:")) return;
    for (const site of await fetched("/api/sites?q=" + encodeURIComponent(query))) sites[site.id.toLowerCase()] = [site.lat, site.lon];
  }

  // ---- asking ------------------------------------------------------------------------------
  let trackFile = null;
  function ready() {
    if (!state.aircraft && !state["range-km"]) return "choose an aircraft or give a range";
    if (state.mode === "track") return trackFile ? null : "choose a flown track file";
    if (!state.from) return "choose a base: search, or click the map";
    if (state.mode === "need" && !(state.via || []).length) return "add a target: click the map";
    if (state.mode === "plan" && !(state.via || []).length && !state.to) return "add a waypoint: click the map";
    if (state.mode === "strike" && (!state.weapon || !(state.target || []).length)) return "choose a weapon and a target (shift-click the map)";
    return null;
  }
  function changed(recompute) {
    writeUrl();
    showPanel();
    drawPins();
    if (recompute && !ready()) ask();
    else if (ready()) $("answer").textContent = ready();
  }
  async function ask() {
    const missing = ready();
    if (missing) { $("answer").textContent = missing; return; }
    if (asking) asking.abort();
    const controller = new AbortController();
    asking = controller;
    const b = await asked();
    const started = performance.now();
    $("cancel").hidden = false;
    clearInterval(ticking);
    ticking = setInterval(() => { $("busy").textContent = `computing… ${((performance.now() - started) / 1000).toFixed(1)} s`; }, 100);
    document.body.classList.add("busy");
    try {
      const reply = await fetch(`/api/${state.mode}?with=features`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(b), signal: controller.signal });
      const data = await said(reply);
      if (asking !== controller) return;
      if (!reply.ok) showError(data.error || reply.statusText);
      else if (data && data.no_plan) showError("no plan: " + data.no_plan);
      else if (!data || !data.record || !data.features) showError("the server's answer could not be read");
      else show(data, (performance.now() - started) / 1000);
    } catch (error) {
      if (error.name === "AbortError") { if (asking === controller) $("answer").textContent = "cancelled"; }
      else showError(String(error));
    } finally {
      if (asking === controller) { asking = null; clearInterval(ticking); $("busy").textContent = ""; $("cancel").hidden = true; document.body.classList.remove("busy"); }
    }
  }
  function showError(message) {
    clear();
    const a = $("answer"); a.textContent = message; a.className = "answer error";
  }
  function clear() {
    drawn.clearLayers();
    for (const id of ["band", "text"]) $(id).textContent = "";
    for (const id of ["table", "crossings", "timeline"]) $(id).replaceChildren();
    counted();
    $("answer").className = "answer";
  }
  function table(headers, rows) {
    const t = $("table");
    t.replaceChildren();
    const head = document.createElement("tr");
    for (const h of headers) head.append(text("th", h));
    t.append(head);
    for (const row of rows) { const tr = document.createElement("tr"); for (const cell of row) tr.append(text("td", cell)); t.append(tr); }
  }
  const place = ([lat, lon]) => `${Math.abs(lat).toFixed(2)}${lat < 0 ? "S" : "N"} ${Math.abs(lon).toFixed(2)}${lon < 0 ? "W" : "E"}`;
  const km = (v) => v === null || v === undefined ? "–" : Math.round(v).toLocaleString("en");
  function planOf(record) {  // the plan inside an answer, if it holds one
    if (state.mode === "plan") return record;
    return state.mode === "strike" || state.mode === "track" ? record.plan : null;
  }
  function show(data, seconds) {
    clear();
    const record = data.record;
    $("text").textContent = data.text;
    drawFeatures(data.features);
    drawAirspace(data.airspace);
    const kinds = new Set(data.features.features.map((f) => f.properties.role === "refuel" ? (state.mode === "reach" ? "field" : "refuel") : f.properties.kind));
    if (latLonOf(state.from) || state.mode === "ring") kinds.add("ring");
    for (const f of (data.airspace || { features: [] }).features) kinds.add(f.properties.kind);
    showLegend(kinds);
    if (fitPending) {
      fitPending = false;
      const wide = state.mode === "ring" || state.mode === "reach";  // else the answer, not the rings
      const shown = L.featureGroup([...drawn.getLayers(), ...pins.getLayers(), ...(wide ? rings.getLayers() : [])]);
      map.invalidateSize();
      if (shown.getLayers().length) map.fitBounds(shown.getBounds(), { padding: [20, 20], maxZoom: 6, animate: false });
    }
    const plan = planOf(record);
    if (state.mode === "ring") {
      const first = record.rings[0];
      answeredRadii = record.rings.filter((r) => r.kind === "ring").map((r) => [r.radius_km, r.mode, r.mode === "combat_radius" ? "6 6" : null]);
      if (first) drawRings(first.site_lat, first.site_lon);
      $("answer").textContent = record.rings.map((r) => `${r.mode.replace(/_/g, " ")} ${km(r.radius_km)} km`).join(" · ");
      table(["site", "ring", "radius km", "area km²"], record.rings.map((r) => [r.site, r.mode.replace(/_/g, " "), km(r.radius_km), km(r.area_km2)]));
    } else if (state.mode === "need") {
      $("answer").textContent = record.map((r) => `${r.target}: ${r.reachable_unrefuelled ? "unrefuelled" : r.stops === null ? "out of reach" : r.stops + " landing(s) " + r.fields.join(", ")}`).join(" · ");
      table(["from", "target", "out and back km", "landings", "fields", "margin km", "problem"], record.map((r) => [r.origin, r.target, km(r.out_and_back_km), r.stops === null ? "–" : String(r.stops), r.fields.join(", "), km(r.min_margin_km), r.problem || ""]));
    } else if (state.mode === "reach") {
      $("answer").textContent = `${record.aircraft} from ${record.origin}: ${record.bands.length} band(s), ${record.method}`;
      table(["landings", "area km²", "fields", "band"], record.bands.map((b) => [String(b.landings), km(b.area_km2), b.fields.join(", "), b.label]));
    } else if (state.mode === "track") {
      $("answer").textContent = `${km(record.length_km)} km flown in ${record.points} points: ` + (record.unrefuelled ? "flown unrefuelled" : record.landings === null ? "no landing plan flies it" : `lands at ${record.landings.map((l) => l.field).join(", ")}`);
      for (const e of record.events) $("crossings").append(text("li", `${km(e.km)} km ${e.time || ""} ${e.event}${e.zone ? " " + e.zone : ""}`));
      counted();
    }
    if (state.mode === "strike") $("answer").textContent = `launch at ${place(record.launch_point)}: missile ${km(record.missile_km)} km` + (record.launch_at_base ? " from the base" : "");
    if (plan) showPlan(plan, state.mode === "plan");
    $("busy").textContent = "";
    $("answer").append(text("small", ` (${seconds.toFixed(2)} s)`));
  }
  function showPlan(plan, headline) {
    const stops = plan.refuel_stops.length ? `${plan.refuel_stops.length} landing(s): ${plan.refuel_stops.join(", ")}` : "no landing";
    if (headline) $("answer").textContent = `${stops}; ${km(plan.total_km)} km; tightest stretch leaves ${km(plan.min_margin_km)} km`;
    const band = plan.range_band;
    if (band) $("band").textContent = `holds for published ranges ${km(band.low_km)}–${band.high_km === null ? "∞" : km(band.high_km)} km (used ${km(band.published_km)} km)` + (band.knife_edge ? " — knife-edge" : "");
    table(["from", "to", "km", "NM", "hours", "total km", "departs", "arrives"], plan.legs.map((l) => [l.from, l.to + (l.ends_with_refuel ? " (refuel)" : ""), km(l.distance_km), km(l.distance_nm), l.duration_h === null ? "–" : l.duration_h.toFixed(1), km(l.cumulative_km), l.departs || "", l.arrives || ""]));
    for (const leg of plan.legs) {
      const at = (v, end) => v === null || v === undefined ? end : km(v) + " km";
      for (const z of leg.zones) $("crossings").append(text("li", `${leg.from}→${leg.to}: in ${z.zone} from ${at(z.enter_km, "the start")} to ${at(z.exit_km, "the end")}`));
      for (const c of leg.line_crossings || []) $("crossings").append(text("li", `${leg.from}→${leg.to}: crosses the ${c.zone} line ${c.direction} at ${km(c.km)} km`));
    }
    if (plan.timeline) for (const e of plan.timeline.events) $("timeline").append(text("li", `${e.time} ${e.text}`));
    counted();
  }
  function counted() {  // the lists' headings say how many they hold
    $("crossings-count").textContent = `Zones entered and lines crossed (${$("crossings").children.length})`;
    $("timeline-count").textContent = `Timeline (${$("timeline").children.length})`;
    $("crossings-box").hidden = !$("crossings").children.length;
    $("timeline-box").hidden = !$("timeline").children.length;
  }
  let airspaceKey = null;
  function drawAirspace(collection) {  // redrawn only when the answer's region changes
    if (!collection) return;
    const key = JSON.stringify(collection.bbox) + ":" + collection.features.length + ":" + centerLon;
    if (key === airspaceKey) return;
    airspaceKey = key;
    adizLayer.clearLayers();
    sovereignLayer.clearLayers();
    for (const f of collection.features) {
      const adiz = f.properties.kind === "adiz";
      const g = f.geometry;
      const lines = g.type === "LineString" ? [g.coordinates] : g.type === "MultiLineString" ? g.coordinates
        : g.type === "Polygon" ? g.coordinates : g.type === "MultiPolygon" ? g.coordinates.flat() : [];
      const style = adiz ? { color: "#6a3d9a", weight: 1.6, dashArray: "8 5" } : { color: "#b2182b", weight: 1, opacity: 0.7 };
      for (const l of lines) {
        L.polyline(unwrapped(l, centerLon), { ...style, pane: "airspace", className: "airspace-" + f.properties.kind })
          .bindTooltip(text("span", f.properties.label), { sticky: true }).addTo(adiz ? adizLayer : sovereignLayer);
      }
    }
  }
  const LEGEND = {
    ring: ["ring", "one-way reach; dashed: combat radius"],
    leg: ["leg", "route"],
    refuel: ["refuel", "refuelling landing"],
    field: ["field", "refuelling field that opens a band"],
    reach: ["reach", "reach with landings"],
    "launch-zone": ["launch-zone", "where the weapon can be launched"],
    missile: ["missile", "the weapon's flight"],
    adiz: ["adiz", "ADIZ boundary (some known in part)"],
    sovereign: ["sovereign", "sovereign airspace: 12 NM (3 NM in the straits)"],
  };
  function showLegend(kinds) {
    const box = $("legend");
    box.replaceChildren();
    for (const kind of Object.keys(LEGEND)) {
      if (!kinds.has(kind)) continue;
      const row = text("div", "");
      row.append(text("span", "", "swatch swatch-" + LEGEND[kind][0]), text("span", LEGEND[kind][1]));
      box.append(row);
    }
  }
  function drawFeatures(collection) {
    for (const f of collection.features) {
      const kind = f.properties.kind;
      if (kind === "ring" && state.mode === "ring") continue;  // the live rings stand for them
      const colour = COLOURS[kind] || "#555";
      const g = f.geometry;
      const tip = kind === "leg" ? `${f.properties.from} → ${f.properties.to}: ${km(f.properties.distance_km)} km` : (f.properties.label || f.properties.name || f.properties.site_name || kind);
      const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      const lines = g.type === "LineString" ? [g.coordinates] : g.type === "MultiLineString" ? g.coordinates : [];
      for (const p of polys) L.polygon(p.map((r) => unwrapped(r, centerLon)), { color: colour, weight: 1.5, fillOpacity: 0.12 }).bindTooltip(text("span", String(tip))).addTo(drawn);
      if (lines.length) {
        let last = null;
        for (const l of lines) {  // pieces cut at 180 join up: each starts where the last ended
          const pts = unwrapped(l, last === null ? centerLon : last);
          last = pts[pts.length - 1][1];
          L.polyline(pts, { color: colour, weight: kind === "leg" ? 3 : 2, className: "drawn-" + kind }).bindTooltip(text("span", String(tip))).addTo(drawn);
        }
      }
      if (g.type === "Point") {
        const [lon, lat] = g.coordinates;
        const role = f.properties.role;
        const named = ["refuel", "origin", "target", "launch"].includes(role) && !(role === "refuel" && state.mode === "reach");
        const fieldColour = state.mode === "reach" ? "#a6761d" : "#e67e22";  // reach: candidates, not stops
        const marker = L.circleMarker([lat, near(lon, centerLon)], { radius: role === "refuel" ? 6 : 4, color: role === "refuel" ? fieldColour : colour, weight: 1, fillOpacity: 0.9 });
        marker.bindTooltip(text("span", named ? `${f.properties.id}` : String(tip)), named ? { permanent: true, direction: "right", className: "site-label" } : {}).addTo(drawn);
      }
    }
  }
  async function download(format) {
    if (ready()) { $("answer").textContent = ready(); return; }
    const b = await asked();
    const reply = await fetch(`/api/${state.mode}?download=${format}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(b) });
    if (!reply.ok) { showError((await said(reply)).error); return; }
    const url = URL.createObjectURL(await reply.blob());
    const a = document.createElement("a");
    a.href = url; a.download = `rangemap-${state.mode}.${format}`;
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // ---- start -------------------------------------------------------------------------------
  async function start() {
    readUrl();
    bindInputs();
    const [planes, weapons, zones, tags, land] = await Promise.all(
      ["aircraft", "weapons", "zones", "tags", "land"].map((name) => fetched("/api/" + name)));
    for (const plane of planes) { aircraft[plane.id] = plane; $("aircraft").append(new Option(`${plane.name} — ${plane.range_km.toLocaleString("en")} km`, plane.id)); }
    for (const w of weapons) $("weapon").append(new Option(`${w.name} (${w.range_km.toLocaleString("en")} km)`, w.id));
    $("edge-zone").append(new Option("", ""));
    for (const z of zones) $("edge-zone").append(new Option(`${z.id} — ${z.short_name}`, z.id));
    for (const t of tags) $("tags").append(new Option(t, t));
    if (land.features) drawLand(land);
    if (!location.search) state = { mode: "plan", aircraft: "h-6k", "refuel-at": ["ru-far-east"], via: [] };
    if (!state.weapon && weapons.length) state.weapon = weapons[0].id;
    await Promise.all([state.from, ...(state.via || []), ...(state.target || [])].map(known));
    const base = latLonOf(state.from);
    if (base) map.setView([base[0], base[1]], 3);
    document.body.dataset.ready = "1";
    changed(true);
  }
  start();
})();
