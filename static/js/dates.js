// Date fields (input[data-date]): typed as people type them, tidied to dd/mm/yyyy on leaving the
// field, with a calendar button that opens the phone's or browser's own date picker. No inline script.
(function () {
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function fullYear(y) {
    if (y.length === 4) { return parseInt(y, 10); }
    var c = 2000 + parseInt(y, 10);
    return c <= new Date().getFullYear() + 10 ? c : c - 100;
  }
  // The same reading as vietnamese/dates.py (the server decides; this only tidies what is shown).
  function parse(text) {
    var v = text.trim(), m, d, mo, y;
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v))) { y = +m[1]; mo = +m[2]; d = +m[3]; }
    else if ((m = /^(\d{1,2})\s*[\/.\-\s]\s*(\d{1,2})\s*[\/.\-\s]\s*(\d{2}|\d{4})$/.exec(v))) { d = +m[1]; mo = +m[2]; y = fullYear(m[3]); }
    else if (/^\d{6}$|^\d{8}$/.test(v)) { d = +v.slice(0, 2); mo = +v.slice(2, 4); y = fullYear(v.slice(4)); }
    else { return null; }
    var date = new Date(y, mo - 1, d);
    if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) { return null; }
    return { d: d, m: mo, y: y };
  }
  document.querySelectorAll("input[data-date]").forEach(function (input) {
    input.addEventListener("blur", function () {
      var p = parse(input.value);
      if (p) { input.value = pad(p.d) + "/" + pad(p.m) + "/" + p.y; }
    });
    var picker = document.createElement("input");
    picker.type = "date";
    if (picker.type !== "date" || typeof picker.showPicker !== "function") { return; }
    picker.className = "date-picker-native";
    picker.tabIndex = -1;
    picker.setAttribute("aria-hidden", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "date-button";
    button.setAttribute("aria-label", "Chọn ngày trên lịch");
    button.textContent = "Lịch";
    button.addEventListener("click", function () {
      var p = parse(input.value);
      picker.value = p ? p.y + "-" + pad(p.m) + "-" + pad(p.d) : "";
      try { picker.showPicker(); } catch (e) { input.focus(); }
    });
    picker.addEventListener("change", function () {
      var p = parse(picker.value);
      if (p) { input.value = pad(p.d) + "/" + pad(p.m) + "/" + p.y; input.dispatchEvent(new Event("change", { bubbles: true })); }
    });
    var wrap = input.closest(".date-field") || input.parentNode;
    wrap.insertBefore(button, input.nextSibling);
    wrap.appendChild(picker);
  });
})();
