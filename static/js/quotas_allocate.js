// Allocation form: live sum of the children's targets and the difference from the parent's target.
(function () {
  var form = document.getElementById("allocation");
  if (!form) return;
  var sumCell = document.getElementById("alloc-sum");
  var diffCell = document.getElementById("alloc-diff");
  function parse(text) {
    text = (text || "").replace(/[.\s]/g, "");
    if (text === "") return 0;
    return /^\d+$/.test(text) ? parseInt(text, 10) : NaN;
  }
  function fmt(n) {
    var sign = n < 0 ? "-" : n > 0 ? "+" : "";
    return sign + Math.abs(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }
  function parentValue() {
    var input = form.querySelector("input[data-role=parent]");
    if (input) return input.value.trim() === "" ? null : parse(input.value);
    var shown = form.querySelector("[data-parent-value]");
    var raw = shown ? shown.getAttribute("data-parent-value") : "";
    return raw === "" ? null : parse(raw);
  }
  function update() {
    var sum = 0, bad = false;
    form.querySelectorAll("input[data-role=child]").forEach(function (input) {
      var n = parse(input.value);
      input.style.borderColor = isNaN(n) ? "#c5221f" : "";
      if (isNaN(n)) bad = true; else sum += n;
    });
    sumCell.textContent = bad ? "số không hợp lệ" : fmt(sum).replace("+", "");
    var parent = parentValue();
    if (bad || parent === null || isNaN(parent)) { diffCell.textContent = "—"; return; }
    var diff = sum - parent;
    diffCell.textContent = diff === 0 ? "0 (khớp)" : fmt(diff) + (diff > 0 ? " (giao nhiều hơn)" : " (giao ít hơn)");
  }
  form.addEventListener("input", update);
  update();
})();
