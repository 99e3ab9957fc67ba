// Offline search over window.ASCN_SEARCH_INDEX (assets/search-index.js); see ascn/site/searchindex.py.
(function () {
  "use strict";
  var index = window.ASCN_SEARCH_INDEX || [];
  var form = document.getElementById("search");
  var results = document.getElementById("results");
  var summary = document.getElementById("summary");
  var LIMIT = 100;

  // Lower case, Latin accents removed (Vietnamese "Đà Nẵng" -> "da nang"); Thai and Khmer
  // marks are outside U+0300-U+036F and stay, so their words still match as written.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  var prepared = index.map(function (e) {
    return { entry: e, title: fold(e.t), text: fold(e.t + " " + e.x) };
  });

  function score(item, words) {
    var best = 0;
    for (var i = 0; i < words.length; i++) {
      if (item.text.indexOf(words[i]) < 0) return -1;
      if (item.title.indexOf(words[i]) === 0) best += 3;
      else if (item.title.indexOf(words[i]) > 0) best += 2;
      else best += 1;
    }
    return best;
  }

  function matches(entry, filters) {
    if (filters.country && entry.c.indexOf(filters.country) < 0) return false;
    if (filters.area && entry.f.indexOf(filters.area) < 0) return false;
    if (filters.status && entry.s !== filters.status) return false;
    return true;
  }

  function render(found, total) {
    results.textContent = "";
    found.slice(0, LIMIT).forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = hit.entry.u;
      a.textContent = hit.entry.t;
      var kind = document.createElement("span");
      kind.className = "meta";
      kind.textContent = " " + hit.entry.k;
      li.appendChild(a);
      li.appendChild(kind);
      results.appendChild(li);
    });
    summary.textContent = total === 0 ? "Nothing found." :
      total + (total === 1 ? " result" : " results") + (total > LIMIT ? ", the first " + LIMIT + " shown." : ".");
  }

  function run() {
    var data = new FormData(form);
    var words = fold(String(data.get("q") || "")).split(/\s+/).filter(Boolean);
    var filters = { country: data.get("country"), area: data.get("area"), status: data.get("status") };
    if (!words.length && !filters.country && !filters.area && !filters.status) {
      results.textContent = "";
      return;
    }
    var found = [];
    prepared.forEach(function (item, order) {
      if (!matches(item.entry, filters)) return;
      var s = words.length ? score(item, words) : 0;
      if (s >= 0) found.push({ entry: item.entry, score: s, order: order });
    });
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    render(found, found.length);
  }

  var params = new URLSearchParams(window.location.search);
  ["q", "country", "area", "status"].forEach(function (name) {
    if (params.get(name)) form.elements[name].value = params.get(name);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  form.addEventListener("input", run);
  run();
})();
