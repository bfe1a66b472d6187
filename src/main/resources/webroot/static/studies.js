// The plots of what a run studies besides its fit: the forest plots of a meta-analysis (--meta) and the calibration
// plot of the validation. Loaded after runview.js, whose drawing helpers they use; the report page embeds both.
(function (global) {
  'use strict';
  var O = global.OpenLgd;
  var el = O.el, svgEl = O.svgEl, fmt = O.fmt, ticks = O.ticks, table = O.table;

  var Z975 = 1.959963984540054;

  // The forest plot of coefficient `name`: each server's own estimate with its 95 % interval, the pooled exact fit
  // and the random-effects combination. Every mark is a <g class="mark"> with data-kind (server, pooled, random),
  // data-id (a server's) and data-estimate.
  function forestPlot(name, meta, result) {
    var rows = [];
    (meta.servers || []).forEach(function (s) {
      if (s.coefficients && s.coefficients[name] !== undefined) {
        var b = s.coefficients[name], se = s.standardErrors[name];
        rows.push({label: 'server ' + s.id, kind: 'server', id: s.id, est: b, lo: b - Z975 * se, hi: b + Z975 * se});
      }
    });
    var ci = result.confidenceIntervals && result.confidenceIntervals[name];
    var pooled = result.coefficients[name];
    rows.push({label: 'pooled (exact)', kind: 'pooled', est: pooled, lo: ci ? ci[0] : pooled, hi: ci ? ci[1] : pooled});
    var c = meta.combined[name];
    rows.push({label: 'random effects', kind: 'random', est: c.random.estimate, lo: c.random.ci[0], hi: c.random.ci[1]});
    var W = 460, L = 120, R = 20, T = 30, ROW = 22, H = T + ROW * rows.length + 28;
    var svg = svgEl('svg', {viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, 'class': 'chart forest', role: 'img',
      id: 'forest-' + name.replace(/[^A-Za-z0-9_-]/g, '_'), 'data-param': name});
    var title = svgEl('text', {x: 8, y: 18, 'class': 'chart-title'});
    title.textContent = name + ' (I2 ' + fmt(100 * c.iSquared, 3) + '%, tau2 ' + fmt(c.tau2, 3) + ')';
    svg.appendChild(title);
    var lo = Math.min.apply(null, rows.map(function (r) { return r.lo; }));
    var hi = Math.max.apply(null, rows.map(function (r) { return r.hi; }));
    if (!(hi > lo)) { hi = lo + 1; }
    var pad = (hi - lo) * 0.05;
    lo -= pad; hi += pad;
    function sx(x) { return L + (x - lo) / (hi - lo) * (W - L - R); }
    svg.appendChild(svgEl('rect', {x: L, y: T - 6, width: W - L - R, height: ROW * rows.length, 'class': 'plot-area'}));
    if (lo < 0 && hi > 0) {
      svg.appendChild(svgEl('line', {x1: sx(0), x2: sx(0), y1: T - 6, y2: T - 6 + ROW * rows.length, 'class': 'grid'}));
    }
    ticks(lo, hi, 4).forEach(function (t) {
      var lab = svgEl('text', {x: sx(t), y: T + ROW * rows.length + 12, 'text-anchor': 'middle', 'class': 'tick'});
      lab.textContent = fmt(t, 3);
      svg.appendChild(lab);
    });
    rows.forEach(function (r, i) {
      var y = T + ROW * i + ROW / 2 - 6;
      var g = svgEl('g', {'class': 'mark mark-' + r.kind, 'data-kind': r.kind, 'data-estimate': String(r.est)});
      if (r.id !== undefined) { g.setAttribute('data-id', String(r.id)); }
      var lab = svgEl('text', {x: L - 6, y: y + 4, 'text-anchor': 'end', 'class': 'tick'});
      lab.textContent = r.label;
      g.appendChild(lab);
      g.appendChild(svgEl('line', {x1: sx(r.lo), x2: sx(r.hi), y1: y, y2: y, stroke: '#333', 'stroke-width': 1.5}));
      if (r.kind === 'server') {
        g.appendChild(svgEl('rect', {x: sx(r.est) - 4, y: y - 4, width: 8, height: 8, fill: '#1f77b4'}));
      } else {
        var x = sx(r.est);
        g.appendChild(svgEl('polygon', {points: [[x - 7, y], [x, y - 6], [x + 7, y], [x, y + 6]].map(function (p) {
          return p.join(','); }).join(' '), fill: r.kind === 'pooled' ? '#d62728' : '#2ca02c'}));
      }
      svg.appendChild(g);
    });
    return svg;
  }

  // The calibration plot: per decile of the pooled prediction, mean realised against mean predicted LGD with the
  // 95 % interval of the difference, on the diagonal when calibrated. Each point is a <g class="mark"> with
  // data-group, data-n, data-predicted and data-realised.
  function calibrationPlot(points) {
    var W = 460, H = 360, L = 56, R = 16, T = 30, B = 44;
    var svg = svgEl('svg', {viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, 'class': 'chart calibration', role: 'img',
      id: 'plot-calibration'});
    var title = svgEl('text', {x: L, y: 18, 'class': 'chart-title'});
    title.textContent = 'Calibration by decile of predicted LGD (pooled)';
    svg.appendChild(title);
    function sx(x) { return L + x * (W - L - R); }
    function sy(y) { return H - B - y * (H - T - B); }
    svg.appendChild(svgEl('rect', {x: L, y: T, width: W - L - R, height: H - T - B, 'class': 'plot-area'}));
    [0, 0.25, 0.5, 0.75, 1].forEach(function (t) {
      svg.appendChild(svgEl('line', {x1: L, x2: W - R, y1: sy(t), y2: sy(t), 'class': 'grid'}));
      var ly = svgEl('text', {x: L - 6, y: sy(t) + 4, 'text-anchor': 'end', 'class': 'tick'});
      ly.textContent = String(t);
      svg.appendChild(ly);
      var lx = svgEl('text', {x: sx(t), y: H - B + 16, 'text-anchor': 'middle', 'class': 'tick'});
      lx.textContent = String(t);
      svg.appendChild(lx);
    });
    svg.appendChild(svgEl('line', {x1: sx(0), y1: sy(0), x2: sx(1), y2: sy(1), stroke: '#999', 'stroke-dasharray': '4 3'}));
    var xl = svgEl('text', {x: (L + W - R) / 2, y: H - 8, 'text-anchor': 'middle', 'class': 'axis-label'});
    xl.textContent = 'mean predicted LGD';
    svg.appendChild(xl);
    var yl = svgEl('text', {x: 14, y: (T + H - B) / 2, 'text-anchor': 'middle', 'class': 'axis-label',
      transform: 'rotate(-90 14 ' + (T + H - B) / 2 + ')'});
    yl.textContent = 'mean realised LGD';
    svg.appendChild(yl);
    points.forEach(function (p) {
      var g = svgEl('g', {'class': 'mark', 'data-group': String(p.group), 'data-n': String(p.n),
        'data-predicted': String(p.meanPredicted), 'data-realised': String(p.meanRealised)});
      var x = sx(Math.min(1, Math.max(0, p.meanPredicted)));
      if (p.ciLow !== undefined && p.ciLow !== null) {
        g.appendChild(svgEl('line', {x1: x, x2: x, y1: sy(p.meanPredicted + p.ciLow), y2: sy(p.meanPredicted + p.ciHigh),
          stroke: '#1f77b4', 'stroke-width': 1.5}));
      }
      g.appendChild(svgEl('circle', {cx: x, cy: sy(p.meanRealised), r: 2 + Math.min(6, Math.sqrt(p.n) / 6),
        fill: '#1f77b4'}));
      svg.appendChild(g);
    });
    return svg;
  }

  // The distribution of realised LGD (pooled): a bar per bucket, the loss-free (0) and total-loss (1) buckets apart
  // from the tenths between them. Each bar is a <g class="mark"> with data-bucket and data-n.
  function histogramPlot(histogram) {
    var W = 460, H = 260, L = 56, R = 16, T = 30, B = 44;
    var names = ['0', '(0,.1]', '(.1,.2]', '(.2,.3]', '(.3,.4]', '(.4,.5]', '(.5,.6]', '(.6,.7]', '(.7,.8]', '(.8,.9]',
      '(.9,1)', '1'];
    var svg = svgEl('svg', {viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, 'class': 'chart histogram', role: 'img',
      id: 'plot-histogram'});
    var title = svgEl('text', {x: L, y: 18, 'class': 'chart-title'});
    title.textContent = 'Realised LGD, pooled (small buckets shown as 0)';
    svg.appendChild(title);
    var top = Math.max.apply(null, histogram.map(function (h) { return h.n; }).concat([1]));
    var slot = (W - L - R) / (histogram.length + 2);
    svg.appendChild(svgEl('rect', {x: L, y: T, width: W - L - R, height: H - T - B, 'class': 'plot-area'}));
    ticks(0, top, 4).forEach(function (t) {
      var y = H - B - t / top * (H - T - B);
      svg.appendChild(svgEl('line', {x1: L, x2: W - R, y1: y, y2: y, 'class': 'grid'}));
      var lab = svgEl('text', {x: L - 6, y: y + 4, 'text-anchor': 'end', 'class': 'tick'});
      lab.textContent = String(Math.round(t));
      svg.appendChild(lab);
    });
    histogram.forEach(function (h, i) {
      // a gap after bucket 0 and before bucket 1: the point masses stand apart
      var x = L + slot * (i + (i > 0 ? 1 : 0) + (i === histogram.length - 1 ? 1 : 0)) + 2;
      var hgt = h.n / top * (H - T - B);
      var g = svgEl('g', {'class': 'mark', 'data-bucket': String(h.bucket), 'data-n': String(h.n)});
      g.appendChild(svgEl('rect', {x: x, y: H - B - hgt, width: slot - 4, height: hgt,
        fill: i === 0 || i === histogram.length - 1 ? '#d62728' : '#1f77b4'}));
      var lab = svgEl('text', {x: x + (slot - 4) / 2, y: H - B + 14, 'text-anchor': 'middle', 'class': 'tick',
        transform: 'rotate(35 ' + (x + (slot - 4) / 2) + ' ' + (H - B + 14) + ')'});
      lab.textContent = names[h.bucket];
      g.appendChild(lab);
      svg.appendChild(g);
    });
    return svg;
  }

  // the meta-analysis of a run: a forest plot per coefficient and the combination's table
  function renderMeta(container, meta, result) {
    var names = Object.keys(meta.combined || {});
    container.appendChild(el('h3', {}, 'Meta-analysis of the servers\' own fits'));
    (meta.servers || []).filter(function (s) { return s.error; }).forEach(function (s) {
      container.appendChild(el('p', {'class': 'facts'}, 'server ' + s.id + ' left out: ' + s.error));
    });
    if (!names.length) { return; }
    var plots = el('div', {'class': 'plots', id: 'forest-plots'});
    names.forEach(function (n) { plots.appendChild(forestPlot(n, meta, result)); });
    container.appendChild(plots);
    container.appendChild(table(['', 'fixed', 'se', 'random', 'se', 'Q', 'p(Q)', 'I2 %', 'tau2'], names.map(function (n) {
      var c = meta.combined[n];
      return [n, fmt(c.fixed.estimate), fmt(c.fixed.se), fmt(c.random.estimate), fmt(c.random.se), fmt(c.q, 4),
        fmt(c.qP, 3), fmt(100 * c.iSquared, 3), fmt(c.tau2, 3)];
    }), 'meta'));
  }

  O.forestPlot = forestPlot;
  O.renderMeta = renderMeta;
  O.calibrationPlot = calibrationPlot;
  O.histogramPlot = histogramPlot;
})(window);
