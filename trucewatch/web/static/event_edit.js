/* The event page: pick a corrected place from the gazetteer or by clicking the map, and say
   "I am editing this" while the form is open (a notice that lapses by itself, never a lock).
   Text from the record or the gazetteer is only ever set with textContent. */
(function () {
  "use strict";
  var form = document.getElementById("correct-form");
  var article = document.getElementById("event");
  if (!form || !article) { return; }
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var chosen = document.getElementById("place-chosen");
  var fields = {id: document.getElementById("c-place-id"), lat: document.getElementById("c-lat"),
                lon: document.getElementById("c-lon"), name: document.getElementById("c-place-name")};

  function choose(place) {
    fields.id.value = place.id || "";
    fields.lat.value = place.id ? "" : place.lat.toFixed(6);
    fields.lon.value = place.id ? "" : place.lon.toFixed(6);
    fields.name.value = place.name || "";
    chosen.textContent = (place.name || "a point on the map") + " (" + place.lat.toFixed(4) + ", " + place.lon.toFixed(4) + ")";
    chosen.dataset.lat = place.lat;
    chosen.dataset.lon = place.lon;
    if (marker) { marker.setLatLng([place.lat, place.lon]); } else if (map) { marker = L.marker([place.lat, place.lon]).addTo(map); }
  }

  /* the map: Natural Earth outlines served by TruceWatch itself, the event's point, click to move it */
  var box = document.getElementById("event-map");
  var map = null, marker = null;
  if (box && window.L) {
    var lat = parseFloat(box.dataset.lat), lon = parseFloat(box.dataset.lon);
    var placed = !isNaN(lat) && !isNaN(lon);
    map = L.map(box, {minZoom: 2, maxZoom: 16, worldCopyJump: true, attributionControl: false});
    map.setView(placed ? [lat, lon] : [34.5, 38.5], placed ? 8 : 6);
    fetch("/basemap/countries.geojson", {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
      L.geoJSON(data, {interactive: false, style: {color: "#8a8a8a", weight: 1, fillColor: "#f4f2ec", fillOpacity: 1}}).addTo(map).bringToBack();
      box.dataset.state = "ready";
    }).catch(function () { box.dataset.state = "ready"; });
    if (placed) { marker = L.marker([lat, lon]).addTo(map); }
    map.on("click", function (e) { choose({lat: e.latlng.lat, lon: e.latlng.lng}); });
    window.twEventMap = map;  /* for the browser tests: where a place is on screen */
  }

  /* gazetteer search */
  var results = document.getElementById("place-results");
  var search = document.getElementById("place-search");
  var query = document.getElementById("place-q");
  function find() {
    var q = query.value.trim();
    results.textContent = "";
    if (!q) { return; }
    fetch("/api/v1/places?q=" + encodeURIComponent(q) + "&limit=8", {credentials: "same-origin",
      headers: {"Accept": "application/json"}}).then(function (r) { return r.json(); }).then(function (places) {
      (Array.isArray(places) ? places : []).forEach(function (p) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "place-result";
        button.textContent = p.name + (p.admin1 ? ", " + p.admin1 : "") + (p.country ? " (" + p.country + ")" : "");
        button.addEventListener("click", function () { choose(p); if (map) { map.setView([p.lat, p.lon], 9); } });
        li.appendChild(button);
        results.appendChild(li);
      });
      if (!results.children.length) { results.textContent = "No place of that name."; }
    });
  }
  if (search) { search.addEventListener("click", find); }
  if (query) {
    query.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); find(); } });
  }

  /* the soft "being edited by" notice */
  var notice = document.getElementById("editing-notice");
  var script = document.querySelector("script[data-presence-seconds]");
  var seconds = script ? parseInt(script.dataset.presenceSeconds, 10) || 90 : 90;
  var key = article.dataset.id;
  function show(editing) {
    notice.textContent = "";
    editing.forEach(function (e) {
      var span = document.createElement("span");
      span.className = "editor";
      var who = document.createElement("strong");
      who.textContent = e.user;
      span.appendChild(document.createTextNode("Being edited by "));
      span.appendChild(who);
      span.appendChild(document.createTextNode(" (the notice lapses at " + e.until.substring(11, 19) + " UTC unless their form is still open). "));
      notice.appendChild(span);
    });
    notice.hidden = editing.length === 0;
  }
  function beat() {
    fetch("/api/v1/review/presence", {method: "PUT", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify({kind: "event", key: key})}).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { show(data.editing); notice.dataset.state = "ready"; } });
  }
  beat();
  setInterval(beat, Math.max(5, seconds / 3) * 1000);
}());
