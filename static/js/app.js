// Loaded on every page. The Content-Security-Policy allows no inline script or style attribute, so
// the few values drawn per row (bar widths, tree indents) come as data attributes and are set here
// through the DOM, and confirmations are data-confirm instead of onclick.
(function () {
  function each(selector, fn) { document.querySelectorAll(selector).forEach(fn); }
  each("[data-width]", function (el) { el.style.width = el.dataset.width + "%"; });
  each("[data-left]", function (el) { el.style.left = el.dataset.left + "%"; });
  each("[data-indent]", function (el) { el.style.paddingLeft = "calc(" + Number(el.dataset.indent) + " * 1.2rem + .5rem)"; });
  each("[data-maxw]", function (el) { el.style.maxWidth = el.dataset.maxw + "px"; });
  each("[data-confirm]", function (el) {
    el.addEventListener("click", function (event) {
      if (!window.confirm(el.dataset.confirm)) { event.preventDefault(); }
    });
  });
})();
