/* The review queue: "select all" and a count of the selected rows for the bulk form. */
(function () {
  "use strict";
  var all = document.getElementById("select-all");
  var count = document.getElementById("selected-count");
  var picks = Array.prototype.slice.call(document.querySelectorAll("input.pick"));
  function update() {
    var n = picks.filter(function (p) { return p.checked; }).length;
    if (count) { count.textContent = String(n); }
  }
  if (all) {
    all.addEventListener("change", function () {
      picks.forEach(function (p) { p.checked = all.checked; });
      update();
    });
  }
  picks.forEach(function (p) { p.addEventListener("change", update); });
  update();
}());
