// tracegraph day report: details on click (with a link to the service's operations), focus on a service, zoom,
// sortable tables, trace waterfalls. Reads the data blocks as JSON and writes names only through textContent, never
// as markup, and shown() as Html.java shows them. No network, no external code.
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
    return visible(chars.length > MAX_NAME ? chars.slice(0, MAX_NAME - 1).join('') + '\u2026' : name);
  }
  // Text that holds names (a sentence built by the page's writer, names already shortened there): every invisible
  // character as \\uXXXX.
  function visible(text) {
    return text.replace(INVISIBLE, function (c) {
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
  function showDetails(title, rows, lists, extra) {
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
    if (extra) details.appendChild(extra);
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
    ], [], slowestTraces(i));
  }
  // Trace waterfalls. The trace-data block holds the page's example traces as compact records; a link to
  // #trace-<id> (or with data-trace) draws one in the #waterfall panel: one bar per span on a time axis, nested by
  // parent, coloured by service, the critical path strong, the error origin and where it surfaced marked.
  var traceEl = document.getElementById('trace-data');
  var traceData = traceEl ? JSON.parse(traceEl.textContent) : null;
  var waterfall = document.getElementById('waterfall');
  var COLOURS = 12;
  var shownTrace = null;
  function nanos(n) { return us(n / 1000); }
  function traceUrl(id) {
    if (!traceData || !traceData.url || !/^https?:\/\//i.test(traceData.url)) return null;
    return traceData.url.split('{traceId}').join(encodeURIComponent(id));
  }
  function colour(name) {
    var h = 0;
    for (var i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
    return 'c' + (Math.abs(h) % COLOURS);
  }
  function externalLink(id, text) {
    var url = traceUrl(id);
    if (!url) return null;
    var a = el('a', text, 'ext');
    a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.title = 'open trace ' + id + ' in your tracing UI';
    return a;
  }
  function traceLink(id, label) {
    var span = el('span');
    if (traceData && traceData.traces[id]) {
      var a = el('a', label, 'trace');
      a.href = '#trace-' + id;
      a.dataset.trace = id;
      span.appendChild(a);
    } else {
      span.appendChild(el('span', label, 'trace-id'));
    }
    var ext = externalLink(id, ' \u2197');
    if (ext) span.appendChild(ext);
    return span;
  }
  function slowestTraces(i) {
    if (!traceData || !traceData.edges || !traceData.edges[i] || !traceData.edges[i].length) return null;
    var box = el('div');
    box.appendChild(el('div', 'slowest calls', 'muted'));
    traceData.edges[i].forEach(function (x) { box.appendChild(traceLink(x[0], nanos(x[1]))); box.appendChild(el('span', ' ')); });
    return box;
  }
  var NO_SERVICE = '(no service name)'; // how a span without one reads (CompactTrace.NO_SERVICE_SHOWN)
  function drawTrace(id) {
    if (!waterfall || !traceData) return;
    shownTrace = id;
    waterfall.replaceChildren();
    waterfall.hidden = false;
    var t = traceData.traces[id];
    var head = el('div', null, 'wf-head');
    head.appendChild(el('h3', 'Trace ' + id));
    var ext = externalLink(id, 'open in your tracing UI \u2197');
    if (ext) head.appendChild(ext);
    waterfall.appendChild(head);
    if (!t) {
      waterfall.appendChild(el('p', 'This trace is not kept in this page; tracegraph trace --trace-id ' + id
          + ' prints it from the archive.', 'note'));
      return;
    }
    var F = traceData.flags;
    var str = t.str;
    var rows = t.s;
    waterfall.appendChild(el('p', t.start + ' \u00b7 ' + nanos(t.dur) + ' \u00b7 ' + fmt(t.spans) + ' spans'
        + (t.errors ? ' \u00b7 ' + fmt(t.errors) + ' failed' : ''), 'muted'));
    if (t.dominant) {
      var p = el('p', null, 'wf-sentence');
      p.appendChild(el('span', 'Where the time went: ', 'muted'));
      p.appendChild(el('b', visible(t.dominant)));
      waterfall.appendChild(p);
    }
    t.errorLines.forEach(function (line) { waterfall.appendChild(el('p', visible(line), 'wf-error')); });
    if (t.cut) waterfall.appendChild(el('p', t.cut, 'note'));
    // Legend: the trace's services in order of appearance.
    var legend = el('div', null, 'wf-legend');
    var seen = {};
    rows.forEach(function (r) {
      var name = str[r[1]] ? shown(str[r[1]]) : NO_SERVICE;
      if (seen[name]) return;
      seen[name] = true;
      var item = el('span');
      item.appendChild(el('i', null, colour(name)));
      item.appendChild(el('span', name));
      legend.appendChild(item);
    });
    waterfall.appendChild(legend);
    var tools = el('div', null, 'wf-tools');
    var expand = el('button', 'expand all');
    var fold = el('button', 'fold to the critical path');
    expand.type = fold.type = 'button';
    tools.appendChild(expand);
    tools.appendChild(fold);
    waterfall.appendChild(tools);
    var extent = Math.max(1, t.extent);
    var grid = el('div', null, 'wf-grid');
    var axis = el('div', null, 'wf-row wf-axisrow');
    axis.appendChild(el('div', 'span', 'wf-label muted'));
    var ticks = el('div', null, 'wf-axis');
    for (var q = 0; q <= 4; q++) {
      var tick = el('span', nanos(extent * q / 4));
      tick.style.left = (q * 25) + '%';
      ticks.appendChild(tick);
    }
    axis.appendChild(ticks);
    axis.appendChild(el('div', 'duration', 'wf-time muted'));
    grid.appendChild(axis);
    // Depth, children and "leads to something marked" per span (parents precede their spans).
    var n = rows.length;
    var depth = new Array(n), kids = new Array(n), marked = new Array(n);
    for (var k = 0; k < n; k++) {
      depth[k] = rows[k][0] < 0 ? 0 : depth[rows[k][0]] + 1;
      kids[k] = 0;
      marked[k] = (rows[k][8] & (F.critical | F.origin | F.surfaced)) !== 0;
    }
    for (k = n - 1; k > 0; k--) {
      var par = rows[k][0];
      if (par >= 0) { kids[par]++; if (marked[k]) marked[par] = true; }
    }
    var rowEls = [];
    var collapsed = new Array(n);
    function applyFolds() {
      var hideBelow = Infinity;
      for (var k = 0; k < n; k++) {
        if (depth[k] > hideBelow) { rowEls[k].classList.add('hide'); continue; }
        hideBelow = Infinity;
        rowEls[k].classList.remove('hide');
        if (collapsed[k]) hideBelow = depth[k];
        var b = rowEls[k].querySelector('.wf-toggle');
        if (b) b.textContent = collapsed[k] ? '\u25b8' : '\u25be';
      }
    }
    function foldToMarked(all) {
      for (var k = 0; k < n; k++) collapsed[k] = !all && kids[k] > 0 && !marked[k] && depth[k] >= 1;
      applyFolds();
    }
    for (k = 0; k < n; k++) {
      var r = rows[k];
      // Names as the page shows them (shortened, invisible characters visible); colours by the same shown name.
      var service = str[r[1]] ? shown(str[r[1]]) : NO_SERVICE, name = shown(str[r[2]]);
      var peer = r[3] >= 0 ? shown(str[r[3]]) : null, kind = str[r[4]];
      var flags = r[8];
      var row = el('div', null, 'wf-row');
      row.dataset.k = String(k);
      var label = el('div', null, 'wf-label');
      label.style.paddingLeft = (Math.min(depth[k], 40) * 14) + 'px';
      if (kids[k] > 0) {
        var toggle = el('button', '\u25be', 'wf-toggle');
        toggle.type = 'button';
        toggle.dataset.k = String(k);
        label.appendChild(toggle);
      } else {
        label.appendChild(el('span', null, 'wf-spacer'));
      }
      label.appendChild(el('i', null, colour(service)));
      label.appendChild(el('b', service));
      // The peer a span names: whom a CLIENT or PRODUCER calls; whom a SERVER or CONSUMER was called by.
      var outgoing = kind === 'client' || kind === 'producer';
      var arrow = outgoing ? ' \u2192 ' : ' \u2190 ';
      label.appendChild(el('span', ' ' + name + (peer && peer !== service ? arrow + peer : '')));
      label.appendChild(el('span', ' ' + kind, 'muted'));
      if (flags & F.origin) label.appendChild(el('span', 'error origin', 'badge origin'));
      if (flags & F.surfaced) label.appendChild(el('span', 'surfaced', 'badge surfaced'));
      if ((flags & F.error) && !(flags & (F.origin | F.surfaced))) label.appendChild(el('span', 'error', 'badge err'));
      if (k === t.dk) label.appendChild(el('span', 'dominant', 'badge dominant'));
      if (r[9] > 0) label.appendChild(el('span', '+' + fmt(r[9]) + ' not kept', 'badge cut'));
      var tip = service + ' ' + name + (peer ? arrow + peer : '') + ' (' + kind + ')\nstart +' + nanos(r[5])
          + ', duration ' + nanos(r[6]) + (flags & F.critical ? ', critical path ' + nanos(r[7]) : '')
          + (flags & F.skew ? '\nclock skew adjusted' : '') + (flags & F.detached ? '\nits parent is not in the trace' : '');
      label.title = tip;
      row.appendChild(label);
      var track = el('div', null, 'wf-track');
      var bar = el('div', null, 'wf-bar ' + colour(service) + (flags & F.critical ? ' crit' : '')
          + (flags & F.error ? ' err' : ''));
      bar.style.left = (100 * r[5] / extent) + '%';
      bar.style.width = Math.max(0.15, 100 * r[6] / extent) + '%';
      bar.title = tip;
      track.appendChild(bar);
      row.appendChild(track);
      row.appendChild(el('div', nanos(r[6]), 'wf-time'));
      grid.appendChild(row);
      rowEls.push(row);
    }
    if (t.hiddenTop > 0) grid.appendChild(el('div', '+' + fmt(t.hiddenTop) + ' more top-level spans, not kept', 'note'));
    grid.addEventListener('click', function (ev) {
      var b = ev.target.closest('.wf-toggle');
      if (!b) return;
      var k = Number(b.dataset.k);
      collapsed[k] = !collapsed[k];
      applyFolds();
    });
    expand.addEventListener('click', function () { foldToMarked(true); });
    fold.addEventListener('click', function () { foldToMarked(false); });
    waterfall.appendChild(grid);
    foldToMarked(n <= 150); // large traces open folded to the critical path and the errors
  }
  function drawFromHash(scroll) {
    var m = /^#trace-([0-9a-f]{32})$/.exec(location.hash);
    if (!m || !traceData) return;
    if (m[1] !== shownTrace) drawTrace(m[1]);
    if (scroll && waterfall && waterfall.scrollIntoView) waterfall.scrollIntoView({block: 'start'});
  }
  if (traceData && waterfall) {
    document.addEventListener('click', function (ev) {
      var a = ev.target.closest('a[data-trace]');
      if (!a) return;
      drawTrace(a.dataset.trace);
      if (waterfall.scrollIntoView) waterfall.scrollIntoView({block: 'start'});
    });
    window.addEventListener('hashchange', function () { drawFromHash(true); });
    if (traceData.open) drawTrace(traceData.open);
    else drawFromHash(true);
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
