// Searchable unit pickers (type-ahead, diacritics ignored). No inline script; without JS the plain
// select (or code field) stays and works.
//  - select[data-unit-picker]: the options of the select are searched here (the form's own scope).
//  - input[data-unit-lookup=URL]: a unit code field; units are looked up at URL (units-lookup, scoped
//    to the user), the code is kept in the field and the unit's full name shown.
(function () {
  var counter = 0;
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function matches(label, words) {
    var key = fold(label);
    return words.every(function (w) { return key.indexOf(w) !== -1; });
  }
  function build(original, initialLabel, search, choose) {
    var id = "unit-picker-" + (++counter);
    var wrap = document.createElement("div");
    wrap.className = "unit-picker";
    var input = document.createElement("input");
    input.type = "search";
    input.autocomplete = "off";
    input.className = "unit-picker-input";
    input.value = initialLabel || "";
    input.placeholder = "Gõ tên đơn vị, không cần dấu";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    var labelled = original.id && document.querySelector("label[for='" + original.id + "']");
    if (labelled) { labelled.htmlFor = id + "-input"; }
    input.id = id + "-input";
    var list = document.createElement("ul");
    list.id = id;
    list.className = "unit-picker-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrap.appendChild(input);
    wrap.appendChild(list);
    original.parentNode.insertBefore(wrap, original);
    var items = [], active = -1, timer = null;
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; }
    function highlight(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      if (i >= 0) { input.setAttribute("aria-activedescendant", id + "-" + i); } else { input.removeAttribute("aria-activedescendant"); }
    }
    function pick(i) {
      var item = items[i];
      if (!item) { return; }
      choose(item);
      input.value = item.label;
      close();
    }
    function show(results) {
      items = results;
      list.innerHTML = "";
      results.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = id + "-" + i;
        li.setAttribute("role", "option");
        li.textContent = item.label;
        if (item.kind) {
          var small = document.createElement("span");
          small.className = "muted small";
          small.textContent = " · " + item.kind;
          li.appendChild(small);
        }
        li.addEventListener("mousedown", function (e) { e.preventDefault(); pick(i); });
        list.appendChild(li);
      });
      if (!results.length) {
        var none = document.createElement("li");
        none.className = "muted";
        none.textContent = "Không tìm thấy đơn vị nào.";
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(-1);
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var term = input.value.trim();
      if (!term) { close(); return; }
      timer = setTimeout(function () { search(term, show); }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) { return; }
      if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); pick(active); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    return input;
  }

  document.querySelectorAll("select[data-unit-picker]").forEach(function (select) {
    var selected = select.options[select.selectedIndex];
    build(select, selected && selected.value ? selected.text.trim() : "", function (term, show) {
      var words = fold(term).split(/\s+/).filter(Boolean), results = [];
      Array.prototype.forEach.call(select.options, function (o) {
        if (o.value && results.length < 30 && matches(o.text, words)) { results.push({ value: o.value, label: o.text.trim() }); }
      });
      show(results);
    }, function (item) {
      select.value = item.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    select.classList.add("unit-picker-enhanced");
    select.tabIndex = -1;
    select.setAttribute("aria-hidden", "true");
  });

  document.querySelectorAll("input[data-unit-lookup]").forEach(function (field) {
    var url = field.getAttribute("data-unit-lookup"), kind = field.getAttribute("data-unit-kind") || "";
    build(field, field.getAttribute("data-unit-label") || field.value, function (term, show) {
      var q = url + "?q=" + encodeURIComponent(term) + (kind ? "&loai=" + encodeURIComponent(kind) : "");
      fetch(q, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { show(data.results.map(function (u) { return { value: u.code, label: u.label, kind: u.kind }; })); });
    }, function (item) { field.value = item.value; });
    field.type = "hidden";
  });
})();
