// Expand/collapse rows of a unit tree table. Without JS every row stays visible.
document.querySelectorAll("table.tree").forEach(function (table) {
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-path]"));
  var openLevels = parseInt(table.dataset.open || "1", 10);
  function descendants(path) {
    return rows.filter(function (r) { return r.dataset.path !== path && r.dataset.path.indexOf(path) === 0; });
  }
  function setOpen(row, open) {
    row.dataset.open = open ? "1" : "0";
    var btn = row.querySelector("button.toggle");
    if (btn) { btn.textContent = open ? "▾" : "▸"; btn.setAttribute("aria-expanded", open); }
    descendants(row.dataset.path).forEach(function (d) {
      var parentOpen = true;
      rows.forEach(function (a) {
        if (a !== d && d.dataset.path.indexOf(a.dataset.path) === 0 && a.dataset.path.length < d.dataset.path.length &&
            a.dataset.path.length >= row.dataset.path.length && a.dataset.open === "0") { parentOpen = false; }
      });
      d.hidden = !parentOpen;
    });
  }
  rows.forEach(function (r) { r.dataset.open = "1"; });
  rows.slice().reverse().forEach(function (r) {
    if (parseInt(r.dataset.level, 10) >= openLevels && r.querySelector("button.toggle")) { setOpen(r, false); }
  });
  table.addEventListener("click", function (e) {
    var btn = e.target.closest(".toggle");
    if (!btn) { return; }
    var row = btn.closest("tr");
    setOpen(row, row.dataset.open !== "1");
  });
});
