// tracegraph day report: details on click (with a link to the service's operations), focus on a service, zoom,
// sortable tables. Reads the data block as JSON and writes names only through textContent, never as markup, and
// shown() as Html.java shows them. No network, no external code.
(function () {
  'use strict';
  // The invisible characters of InvisibleCharacters.java: controls, bidi marks and overrides, separators, BOM.
  var INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]/g;
  var MAX_NAME = 200;
  var dataEl = document.getElementById('graph-data');
  var svg = document.getElementById('graph');
  var data = dataEl ? JSON.parse(dataEl.textContent) : null;
  var details = document.getElementById('details');

  // A name as the page shows it: at most MAX_NAME characters, each invisible character as the text \\uXXXX, so
  // that no name can reverse or hide the text beside it.
  function shown(name) {
    var chars = Array.from(name);
    var s = chars.length > MAX_NAME ? chars.slice(0, MAX_NAME - 1).join('') + '\u2026' : name;
    return s.replace(INVISIBLE, function (c) {
      return '\\u' + ('000' + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4);
    });
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function fmt(n) { return n === null || n === undefined ? '\u2013' : Number(n).toLocaleString('en-US'); }
  function pct(c, e) { return c > 0 ? (100 * e / c).toFixed(e * 1000 < c ? 2 : 1) + '%' : '\u2013'; }
  function us(v) {
    if (v === null || v === undefined) return '\u2013';
    return v < 1000 ? v.toFixed(0) + ' \u00b5s' : v < 1e6 ? (v / 1000).toFixed(1) + ' ms' : (v / 1e6).toFixed(2) + ' s';
  }
  function showDetails(title, rows, lists) {
    if (!details) return;
    details.replaceChildren();
    var close = el('button', '\u00d7');
    close.type = 'button';
    close.className = 'close';
    close.addEventListener('click', function () { details.hidden = true; clearFocus(); });
    details.appendChild(close);
    details.appendChild(el('h4', title));
    var table = el('table');
    rows.forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('td', r[0], 'muted'));
      tr.appendChild(el('td', r[1]));
      table.appendChild(tr);
    });
    details.appendChild(table);
    (lists || []).forEach(function (l) {
      if (!l[1].length) return;
      details.appendChild(el('div', l[0], 'muted'));
      details.appendChild(el('div', l[1].join(', ')));
    });
    details.hidden = false;
  }
  function clearFocus() {
    if (!svg) return;
    svg.classList.remove('focus');
    svg.querySelectorAll('.on, .sel').forEach(function (e) { e.classList.remove('on', 'sel'); });
  }
  function focusNodes(indexes, selected) {
    clearFocus();
    if (!indexes.length) return;
    svg.classList.add('focus');
    var set = {};
    indexes.forEach(function (i) { set[i] = true; });
    svg.querySelectorAll('.node').forEach(function (n) {
      var i = Number(n.dataset.i);
      if (set[i]) n.classList.add('on');
      if (selected !== undefined && i === selected) n.classList.add('sel');
    });
    svg.querySelectorAll('.edge').forEach(function (g) {
      var e = data.edges[Number(g.dataset.i)];
      if (selected !== undefined ? (e.s === selected || e.t === selected) : (set[e.s] && set[e.t])) g.classList.add('on');
    });
  }
  function selectNode(i) {
    var n = data.nodes[i];
    var near = [i].concat(n.callers, n.callees);
    focusNodes(near, i);
    var name = function (j) { return shown(data.nodes[j].n); };
    showDetails(shown(n.n) + ' (' + n.k + ')', [
      ['calls in', fmt(n.ci)], ['errors in', fmt(n.ei) + ' (' + pct(n.ci, n.ei) + ')'], ['calls out', fmt(n.co)],
      ['fan-in / fan-out', n.fi + ' / ' + n.fo], ['depth', n.d], ['entry point', n.entry ? 'yes' : 'no'],
      ['depend on it', fmt(n.dep) + ' services'], ['reach', n.r === null ? '\u2013' : (100 * n.r).toFixed(1) + '%'],
      ['self time', us(n.st)]
    ], [['called by', n.callers.map(name)], ['calls', n.callees.map(name)], ['entry points affected if it fails', n.ep.map(shown)]]);
    var block = operationsOf(n.n);
    if (block && details) {
      var link = el('a', 'its operations \u2193');
      link.href = '#' + block.id;
      link.className = 'ops-link';
      link.addEventListener('click', function () { block.open = true; });
      details.appendChild(link);
    }
  }
  // The "Operations by service" block of a service: matched on the name its summary shows (shown(), as Html.name
  // writes it), as text, never as markup.
  function operationsOf(service) {
    var blocks = document.querySelectorAll('details.ops');
    for (var i = 0; i < blocks.length; i++) {
      var name = blocks[i].querySelector('summary b');
      if (name && name.textContent === shown(service)) return blocks[i];
    }
    return null;
  }
  function selectEdge(i) {
    var e = data.edges[i];
    focusNodes([e.s, e.t]);
    svg.querySelectorAll('.edge').forEach(function (g) { if (Number(g.dataset.i) === i) g.classList.add('on'); });
    showDetails(shown(data.nodes[e.s].n) + ' \u2192 ' + shown(data.nodes[e.t].n), [
      ['calls', fmt(e.c)], ['errors', fmt(e.e) + ' (' + pct(e.c, e.e) + ')'], ['p50', us(e.p50)], ['p99', us(e.p99)]
    ]);
  }
  if (svg && data) {
    svg.addEventListener('click', function (ev) {
      var node = ev.target.closest('.node');
      var edge = ev.target.closest('.edge');
      if (node) selectNode(Number(node.dataset.i));
      else if (edge) selectEdge(Number(edge.dataset.i));
      else { clearFocus(); if (details) details.hidden = true; }
    });
    var filter = document.getElementById('filter');
    if (filter) {
      filter.addEventListener('input', function () {
        var q = filter.value.trim().toLowerCase();
        if (!q) { clearFocus(); return; }
        var exact = -1;
        var hits = [];
        data.nodes.forEach(function (n, i) {
          var name = n.n.toLowerCase();
          if (name === q) exact = i;
          if (name.indexOf(q) >= 0) hits.push(i);
        });
        if (exact >= 0) {
          selectNode(exact);
          var g = svg.querySelector('.node[data-i="' + exact + '"]');
          if (g && g.scrollIntoView) g.scrollIntoView({block: 'center', inline: 'center'});
        } else {
          focusNodes(hits);
        }
      });
    }
    var naturalWidth = Number(svg.getAttribute('width'));
    var scale = 1;
    function zoom(f) {
      scale = f === 0 ? Math.min(1, svg.parentNode.clientWidth / naturalWidth) : Math.max(0.2, Math.min(3, scale * f));
      svg.setAttribute('width', String(Math.round(naturalWidth * scale)));
      svg.setAttribute('height', String(Math.round(Number(svg.dataset.h) * scale)));
    }
    document.querySelectorAll('[data-zoom]').forEach(function (b) {
      b.addEventListener('click', function () { zoom(Number(b.dataset.zoom)); });
    });
    if (naturalWidth > svg.parentNode.clientWidth) zoom(0);
  }
  // Sortable tables: click a heading; numeric cells sort by their data-v value.
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('th').forEach(function (th, col) {
      th.addEventListener('click', function () {
        var asc = !th.classList.contains('sorted-asc');
        table.querySelectorAll('th').forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
        th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col];
          var vx = x.dataset.v !== undefined ? Number(x.dataset.v) : x.textContent;
          var vy = y.dataset.v !== undefined ? Number(y.dataset.v) : y.textContent;
          var c = typeof vx === 'number' && typeof vy === 'number' ? vx - vy : String(vx).localeCompare(String(vy));
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
}());
