// openlgd dashboard, Data tab: the servers' data described per server and pooled (GET /api/describe), counts a
// server held back shown as "-"; a bar chart of the pooled counts per numeric column.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';

  function text(v, digits) {
    if (v === null || v === undefined) { return '-'; }
    return typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(digits || 5) : String(v);
  }

  function cell(row, v, tag) {
    var c = document.createElement(tag || 'td');
    c.textContent = v;
    row.appendChild(c);
    return c;
  }

  function table(head) {
    var t = document.createElement('table');
    var r = t.insertRow();
    head.forEach(function (h) { cell(r, h, 'th'); });
    return t;
  }

  /** Bars of the pooled counts on the column's grid (the open bins below and above left out). */
  function bars(column) {
    var counts = column.pooled.counts;
    if (!counts || !column.grid) { return null; }
    var inner = counts.slice(1, counts.length - 1);
    var max = Math.max.apply(null, inner.concat([1]));
    var w = 240, h = 48;
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'chart distribution');
    svg.setAttribute('width', w);
    svg.setAttribute('height', h);
    svg.setAttribute('data-column', column.name);
    inner.forEach(function (c, i) {
      var b = document.createElementNS(SVG, 'rect');
      var bh = Math.round((h - 2) * c / max);
      b.setAttribute('x', (i * w / inner.length).toFixed(2));
      b.setAttribute('width', Math.max(1, w / inner.length - 0.5).toFixed(2));
      b.setAttribute('y', h - bh);
      b.setAttribute('height', bh);
      b.setAttribute('fill', '#4a78b5');
      b.setAttribute('data-count', c);
      svg.appendChild(b);
    });
    var title = document.createElementNS(SVG, 'title');
    title.textContent = column.name + ': pooled counts from ' + text(column.grid.lo) + ' to ' + text(column.grid.hi);
    svg.appendChild(title);
    return svg;
  }

  function numeric(d, out) {
    var head = ['', 'n', 'missing', 'mean', 'sd'].concat(d.quantiles.map(function (q) { return 'p' + Math.round(q * 100); }));
    d.numbers.forEach(function (v) {
      var h = document.createElement('h3');
      h.textContent = v.name;
      out.appendChild(h);
      var t = table(head);
      t.setAttribute('data-column', v.name);
      var rows = v.servers.map(function (s) { return ['server ' + s.id, s]; });
      rows.push([v.pooled.incomplete ? 'pooled (of shown)' : 'pooled', v.pooled]);
      rows.forEach(function (pair) {
        var r = t.insertRow();
        var s = pair[1];
        r.setAttribute('data-row', pair[0]);
        [pair[0], text(s.n), text(s.missing), text(s.mean), text(s.sd)].concat(s.quantiles.map(function (q) { return text(q); }))
          .forEach(function (x) { cell(r, x); });
      });
      out.appendChild(t);
      var chart = bars(v);
      if (chart) { out.appendChild(chart); }
    });
  }

  function categorical(d, out) {
    d.categories.forEach(function (c) {
      var h = document.createElement('h3');
      h.textContent = c.name + ' (mean ' + (d.target || 'target') + ' by level)';
      out.appendChild(h);
      var t = table(['level', 'rows', 'mean target'].concat(c.servers.map(function (s) { return 'server ' + s.id; })));
      t.setAttribute('data-column', c.name);
      function add(label, pooled, pick) {
        var r = t.insertRow();
        cell(r, label);
        cell(r, text(pooled.n));
        cell(r, text(pooled.targetMean));
        c.servers.forEach(function (s) { cell(r, text(pick(s))); });
      }
      c.pooled.levels.forEach(function (l) {
        add(l.level + (l.partial ? ' *' : ''), l, function (s) {
          var found = s.levels.filter(function (x) { return x.level === l.level; })[0];
          return found ? found.n : (s.other ? null : 0);
        });
      });
      if (c.pooled.other) {
        add('(rare or missing)', c.pooled.other, function (s) { return s.other ? s.other.n : 0; });
      }
      out.appendChild(t);
    });
  }

  function show(d) {
    var out = document.getElementById('description');
    out.textContent = '';
    var p = document.createElement('p');
    p.className = 'facts';
    var rows = d.servers.reduce(function (a, s) { return a + s.rows; }, 0);
    p.textContent = d.servers.length + ' servers, ' + rows + ' rows; quantiles read from ' + d.bins
      + ' bins per column; "-" is held back by a server (fewer loans than its minimum).';
    out.appendChild(p);
    d.leftOut.forEach(function (l) {
      var x = document.createElement('p');
      x.className = 'status-failed';
      x.textContent = 'left out: ' + l.address + ': ' + l.reason;
      out.appendChild(x);
    });
    numeric(d, out);
    categorical(d, out);
  }

  function describe(ev) {
    if (ev) { ev.preventDefault(); }
    var q = new URLSearchParams();
    var target = document.getElementById('describe-target').value.trim();
    if (target) { q.set('target', target); }
    q.set('bins', document.getElementById('describe-bins').value);
    var out = document.getElementById('description');
    out.textContent = 'describing...';
    fetch('/api/describe?' + q.toString()).then(function (r) {
      return r.json().then(function (b) { if (!r.ok) { throw new Error(b.error || r.statusText); } return b; });
    }).then(show).catch(function (e) { out.textContent = 'cannot describe the data: ' + e.message; });
  }

  function tab(name) {
    document.querySelectorAll('[data-tab]').forEach(function (el) {
      el.hidden = el.getAttribute('data-tab') !== name;
    });
    document.querySelectorAll('nav.tabs button').forEach(function (b) {
      b.className = b.getAttribute('data-show') === name ? 'active' : '';
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('describe').addEventListener('submit', describe);
    document.querySelectorAll('nav.tabs button').forEach(function (b) {
      b.addEventListener('click', function () { tab(b.getAttribute('data-show')); });
    });
    document.getElementById('describe').setAttribute('data-ready', 'true'); // its handlers are attached
  });
}());
