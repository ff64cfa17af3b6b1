// Candidate list: the filter panel starts open on wide screens and folded on phones.
(function () {
  if (window.matchMedia("(min-width: 641px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (el) { el.open = true; });
  }
})();
