/* powrec HTML report: pages, sorts and filters the tables from their JSON data islands.
   Values from the lists only ever reach the page through textContent, never as markup.
   Without this script the page still shows each table's first page. */
(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;
  var PAGE = parseInt(doc.body.getAttribute("data-page-rows"), 10) || 100;
  var state = { kind: "", cat: "", q: "" };
  var sections = [];
  var levelsNode = doc.getElementById("data-levels");
  var LEVELS = levelsNode ? JSON.parse(levelsNode.textContent) : [];

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function signed(x) {
    if (Math.abs(x) < 0.005) { x = 0; }
    return (x >= 0 ? "+" : "\u2212") + Math.abs(x).toFixed(2);
  }

  function total(w) {
    var s = 0;
    for (var i = 0; i < w.length; i++) { s += w[i][1]; }
    return s;
  }

  /* The same geometry as Waterfall::steps in html.rs. */
  function waterfall(w) {
    var box = el("div", "wf");
    var cum = 0, lo = 0, hi = 0, i;
    for (i = 0; i < w.length; i++) {
      cum += w[i][1];
      lo = Math.min(lo, cum);
      hi = Math.max(hi, cum);
    }
    var span = hi - lo < 1e-9 ? 1 : hi - lo;
    cum = 0;
    for (i = 0; i < w.length; i++) {
      var from = cum;
      var weight = w[i][1];
      cum += weight;
      var row = el("div", "wf-s");
      var label = LEVELS[w[i][0]];
      if (typeof label !== "string") { throw new Error("waterfall step " + w[i][0] + " has no label"); }
      row.appendChild(el("span", "wf-l", label));
      var track = el("span", "wf-t");
      var bar = el("i", weight >= 0 ? "pos" : "neg");
      bar.style.left = ((Math.min(from, cum) - lo) / span * 100).toFixed(1) + "%";
      bar.style.width = Math.max(Math.abs(weight) / span * 100, 0.5).toFixed(1) + "%";
      track.appendChild(bar);
      row.appendChild(track);
      row.appendChild(el("span", "wf-v", signed(weight)));
      box.appendChild(row);
    }
    var sum = el("div", "wf-s wf-sum");
    sum.appendChild(el("span", "wf-l", "total"));
    sum.appendChild(el("span", "wf-t"));
    sum.appendChild(el("span", "wf-v", signed(total(w))));
    box.appendChild(sum);
    return box;
  }

  /* A cell is a string, {m: highlighted text}, an array of [field, a, b, detail] diffs,
     or {w: [[step label number, weight], ...]}; html.rs writes the same four shapes. */
  function fillCell(td, c) {
    if (typeof c === "string") {
      td.textContent = c;
    } else if (Array.isArray(c)) {
      c.forEach(function (d) {
        var line = el("div", "diff");
        line.appendChild(el("span", "field", d[0] + ":"));
        line.appendChild(doc.createTextNode(" "));
        line.appendChild(el("mark", "", d[1]));
        line.appendChild(doc.createTextNode(" \u2260 "));
        line.appendChild(el("mark", "", d[2]));
        if (d[3]) {
          line.appendChild(doc.createTextNode(" "));
          line.appendChild(el("span", "detail", "(" + d[3] + ")"));
        }
        td.appendChild(line);
      });
    } else if (c && typeof c.m === "string") {
      td.appendChild(el("mark", "", c.m));
    } else if (c && Array.isArray(c.w)) {
      td.appendChild(waterfall(c.w));
    }
  }

  function cellText(c) {
    if (typeof c === "string") { return c; }
    if (Array.isArray(c)) { return c.map(function (d) { return d.join(" "); }).join(" "); }
    if (c && typeof c.m === "string") { return c.m; }
    if (c && Array.isArray(c.w)) { return String(total(c.w)); }
    return "";
  }

  function Section(node) {
    this.node = node;
    this.id = node.getAttribute("data-section");
    this.total = parseInt(node.getAttribute("data-total"), 10) || 0;
    this.table = node.querySelector("table.rows");
    this.pager = node.querySelector(".pager");
    this.rows = null;
    this.text = null;
    this.view = null;
    this.page = 0;
    this.sortCol = -1;
    this.sortDir = 1;
    this.numeric = [];
  }

  Section.prototype.data = function () {
    if (this.rows === null) {
      var island = doc.getElementById("data-" + this.id);
      var rows = island ? JSON.parse(island.textContent) : [];
      if (rows.length !== this.total) {
        throw new Error("section " + this.id + ": " + rows.length + " rows in the data, " + this.total + " expected");
      }
      this.rows = rows;
      this.text = rows.map(function (r) { return r.c.map(cellText).join(" ").toLowerCase(); });
    }
    return this.rows;
  };

  Section.prototype.refresh = function () {
    if (!this.table) { return; }
    var rows = this.data();
    var self = this;
    var idx = [];
    for (var i = 0; i < rows.length; i++) {
      if (state.cat && rows[i].g.indexOf(state.cat) < 0) { continue; }
      if (state.q && self.text[i].indexOf(state.q) < 0) { continue; }
      idx.push(i);
    }
    if (this.sortCol >= 0) {
      var k = this.sortCol, dir = this.sortDir, num = this.numeric[k];
      var key = function (i) {
        var t = cellText(rows[i].c[k]);
        if (num) { var v = parseFloat(t.replace("\u2212", "-")); return isNaN(v) ? -Infinity : v; }
        return t.toLowerCase();
      };
      var keys = {};
      idx.forEach(function (i) { keys[i] = key(i); });
      idx.sort(function (x, y) {
        var a = keys[x], b = keys[y];
        if (a < b) { return -dir; }
        if (a > b) { return dir; }
        return x - y;
      });
    }
    this.view = idx;
    this.page = Math.min(this.page, Math.max(0, this.pages() - 1));
    this.render();
  };

  Section.prototype.pages = function () {
    return Math.ceil((this.view ? this.view.length : this.total) / PAGE);
  };

  Section.prototype.render = function () {
    var rows = this.data();
    var view = this.view;
    var tbody = el("tbody");
    var start = this.page * PAGE, end = Math.min(view.length, start + PAGE);
    for (var i = start; i < end; i++) {
      var tr = el("tr");
      rows[view[i]].c.forEach(function (c) {
        var td = el("td");
        fillCell(td, c);
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    }
    this.table.replaceChild(tbody, this.table.tBodies[0]);
    this.showPage();
  };

  Section.prototype.showPage = function () {
    if (!this.pager) { return; }
    var n = this.view ? this.view.length : this.total;
    var start = n === 0 ? 0 : this.page * PAGE + 1;
    var end = Math.min(n, (this.page + 1) * PAGE);
    var info = n === 0 ? "no rows match the filter" : "rows " + start + "\u2013" + end + " of " + n;
    if (n !== this.total) { info += " (filtered from " + this.total + ")"; }
    this.pager.querySelector(".pageinfo").textContent = info;
    this.pager.querySelector(".prev").disabled = this.page <= 0;
    this.pager.querySelector(".next").disabled = end >= n;
    this.pager.hidden = false;
  };

  Section.prototype.init = function () {
    var self = this;
    if (!this.table) { return; }
    var more = this.node.querySelector(".more");
    if (more) { more.hidden = true; }
    var ths = this.table.tHead.rows[0].cells;
    for (var k = 0; k < ths.length; k++) {
      (function (th, k) {
        self.numeric[k] = th.classList.contains("num");
        th.classList.add("sortable");
        th.tabIndex = 0;
        th.title = "sort by this column";
        var go = function () {
          self.sortDir = self.sortCol === k ? -self.sortDir : 1;
          self.sortCol = k;
          for (var j = 0; j < ths.length; j++) { ths[j].removeAttribute("aria-sort"); }
          th.setAttribute("aria-sort", self.sortDir > 0 ? "ascending" : "descending");
          self.page = 0;
          self.refresh();
        };
        th.addEventListener("click", go);
        th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
      })(ths[k], k);
    }
    this.pager.querySelector(".prev").addEventListener("click", function () {
      if (self.view === null) { self.refresh(); }
      self.page = Math.max(0, self.page - 1);
      self.render();
    });
    this.pager.querySelector(".next").addEventListener("click", function () {
      if (self.view === null) { self.refresh(); }
      self.page = Math.min(self.pages() - 1, self.page + 1);
      self.render();
    });
    this.showPage();
  };

  function applyFilters() {
    var shown = 0;
    sections.forEach(function (s) {
      s.node.hidden = state.kind !== "" && state.kind !== s.id;
      if (!s.node.hidden && s.table && (state.cat || state.q || s.view !== null)) {
        s.page = 0;
        s.refresh();
      }
      if (!s.node.hidden) { shown += s.view ? s.view.length : s.total; }
    });
    doc.getElementById("f-status").textContent = shown + " rows in the sections shown";
  }

  function selftest() {
    var t0 = Date.now();
    sections.forEach(function (s) {
      if (!s.table) { return; }
      s.refresh();
      s.page = s.pages() - 1;
      s.render();
      s.table.tHead.rows[0].cells[0].click();
    });
    state.q = "\u0430";
    applyFilters();
    state.q = "";
    applyFilters();
    root.setAttribute("data-selftest", "ok " + (Date.now() - t0) + " ms, script started " +
      Math.round(t0 - (performance.timeOrigin || t0)) + " ms after navigation");
  }

  try {
    Array.prototype.forEach.call(doc.querySelectorAll("section.findings"), function (node) {
      var s = new Section(node);
      s.init();
      sections.push(s);
    });
    var controls = doc.getElementById("controls");
    var timer = null;
    doc.getElementById("f-kind").addEventListener("change", function (e) { state.kind = e.target.value; applyFilters(); });
    doc.getElementById("f-cat").addEventListener("change", function (e) { state.cat = e.target.value; applyFilters(); });
    doc.getElementById("f-q").addEventListener("input", function (e) {
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = e.target.value.trim().toLowerCase(); applyFilters(); }, 200);
    });
    controls.hidden = false;
    if (location.hash === "#selftest") { selftest(); }
    root.setAttribute("data-powrec", "ready");
  } catch (err) {
    root.setAttribute("data-powrec", "error: " + err.message);
    throw err;
  }
})();
