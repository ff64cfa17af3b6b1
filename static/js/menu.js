// The compact menu is a <details> element: it works without this script. On a wide screen it is
// kept open (the CSS also shows it there); Escape closes it on a phone.
(function () {
  var wide = window.matchMedia("(min-width: 641px)");
  var menus = document.querySelectorAll("details.menu");
  function sync() { menus.forEach(function (m) { if (wide.matches) { m.open = true; } }); }
  sync();
  if (wide.addEventListener) { wide.addEventListener("change", sync); }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || wide.matches) { return; }
    menus.forEach(function (m) {
      if (m.open) { m.open = false; m.querySelector("summary").focus(); }
    });
  });
})();
