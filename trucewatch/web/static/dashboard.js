/* The dashboard map: server-side clusters for the current view, drawn with Leaflet and
   markercluster over Natural Earth outlines served by TruceWatch itself (no tile server).
   Text from the record is only ever set with textContent, never as HTML. */
(function () {
  "use strict";
  var box = document.getElementById("map");
  var status = document.getElementById("map-count");
  if (!box || !window.L) { return; }
  var query = box.dataset.query || "";
  var truce = box.dataset.truce || "";
  var colours = JSON.parse(box.dataset.colours || "{}");
  var severity = JSON.parse(box.dataset.severity || "[]");

  var map = L.map(box, {minZoom: 2, maxZoom: 16, worldCopyJump: true, attributionControl: false});
  map.setView([34.5, 38.5], 6);
  var countries = L.geoJSON(null, {interactive: false,
    style: {color: "#8a8a8a", weight: 1, fillColor: "#f4f2ec", fillOpacity: 1}}).addTo(map);
  var provinces = L.geoJSON(null, {interactive: false,
    style: {color: "#b0b0b0", weight: 0.7, dashArray: "3 3", fill: false}});
  function getJSON(url) {
    return fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}}).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }
  getJSON("/basemap/countries.geojson").then(function (d) { countries.addData(d); countries.bringToBack(); });
  getJSON("/basemap/admin1.geojson").then(function (d) { provinces.addData(d); showProvinces(); });
  function showProvinces() {
    if (map.getZoom() >= 6) { provinces.addTo(map); } else { map.removeLayer(provinces); }
  }
  if (truce) {
    getJSON("/api/v1/truces/" + encodeURIComponent(truce) + "/area").then(function (area) {
      L.geoJSON(area, {interactive: false, style: {color: "#b2182b", weight: 2, dashArray: "6 4", fillOpacity: 0.05}}).addTo(map);
    }).catch(function () { /* a truce whose area cannot be drawn still has a map */ });
  }

  function worst(verdicts) {
    for (var i = 0; i < severity.length; i++) { if (verdicts[severity[i]]) { return severity[i]; } }
    return Object.keys(verdicts)[0] || "unchecked";
  }
  function icon(count, verdict) {
    var el = document.createElement("div");
    var span = document.createElement("span");
    span.textContent = String(count);
    el.appendChild(span);
    el.style.background = colours[verdict] || "#555";
    var size = count < 10 ? 26 : count < 100 ? 32 : 40;
    return L.divIcon({html: el, className: "tw-cluster", iconSize: [size, size]});
  }
  var group = L.markerClusterGroup({
    maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
    iconCreateFunction: function (cluster) {
      var total = 0, verdicts = {};
      cluster.getAllChildMarkers().forEach(function (m) {
        total += m.options.count;
        Object.keys(m.options.verdicts).forEach(function (v) { verdicts[v] = (verdicts[v] || 0) + m.options.verdicts[v]; });
      });
      return icon(total, worst(verdicts));
    }
  }).addTo(map);

  function line(parent, tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }
  function popup(p) {
    var div = document.createElement("div");
    if (p.count === 1 && p.id) {
      line(div, "strong", (p.type || "").replace(/_/g, " ") + " — " + (p.place || "?"));
      line(div, "div", (p.start || "undated") + " · " + p.verdict);
      var a = line(div, "a", "Open the incident");
      a.href = "/incidents/" + encodeURIComponent(p.id);
    } else {
      line(div, "strong", p.count + " incidents here");
      var ul = line(div, "ul", "");
      Object.keys(p.verdicts).forEach(function (v) { line(ul, "li", p.verdicts[v] + " " + v); });
      var params = new URLSearchParams(query);
      params.set("bbox", p.bbox.join(","));
      var link = line(div, "a", "List them");
      link.href = "/?" + params.toString();
    }
    return div;
  }

  var fitted = false, seq = 0;
  function load() {
    var b = map.getBounds();
    var west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
    var view = [west, Math.max(-90, b.getSouth()), east, Math.min(90, b.getNorth())].map(function (x) { return x.toFixed(5); });
    var mine = ++seq;
    status.dataset.state = "loading";
    getJSON("/api/v1/map?zoom=" + map.getZoom() + "&view=" + view.join(",") + (query ? "&" + query : "")).then(function (data) {
      if (mine !== seq) { return; }
      if (!fitted) {
        fitted = true;
        if (data.extent) {  /* first view: every placed incident that matches */
          var e = data.extent, before = map.getBounds();
          map.fitBounds([[e[1], e[0]], [e[3], e[2]]], {padding: [30, 30], maxZoom: 10, animate: false});
          if (!before.equals(map.getBounds())) { return; }  /* moveend loads again for the fitted view */
        }
      }
      group.clearLayers();
      var markers = data.features.map(function (f) {
        var c = f.geometry.coordinates, p = f.properties;
        return L.marker([c[1], c[0]], {icon: icon(p.count, p.verdict), count: p.count, verdicts: p.verdicts})
          .bindPopup(popup(p));
      });
      group.addLayers(markers);
      status.dataset.inView = data.in_view;
      status.dataset.total = data.total;
      status.dataset.unplaced = data.unplaced;
      status.dataset.features = data.features.length;
      status.textContent = data.in_view + " of " + data.total + " incident(s) on the map in this view" +
        (data.unplaced ? "; " + data.unplaced + " without a position" : "") + ".";
      status.dataset.state = "ready";
    }).catch(function (err) {
      status.dataset.state = "error";
      status.textContent = "The map could not load: " + err.message;
    });
  }
  map.on("moveend", load);
  map.on("zoomend", showProvinces);
  load();

  var useView = document.getElementById("use-view");
  if (useView) {
    useView.addEventListener("click", function () {
      var b = map.getBounds();
      document.getElementById("f-bbox").value = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
        .map(function (x) { return Math.max(-180, Math.min(180, x)).toFixed(5); }).join(",");
      document.getElementById("filters").submit();
    });
  }
  /* Empty fields would put "date_after=&country=" into shareable URLs: leave them out. */
  var form = document.getElementById("filters");
  if (form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.type !== "checkbox" && !el.value) { el.disabled = true; }
      });
    });
  }
}());
