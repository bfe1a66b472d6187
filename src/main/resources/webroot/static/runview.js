// openlgd: draws one run (convergence plots, coefficient table, validation, rounds) from its record.
// Used by the dashboard and inlined into the standalone report. Plain SVG and DOM, no library.
(function (global) {
  'use strict';
  var COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];
  var SVG = 'http://www.w3.org/2000/svg';

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in (attrs || {})) { e.setAttribute(k, attrs[k]); }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    return e;
  }
  function fmt(v, digits) {
    if (v === null || v === undefined || (typeof v === 'number' && !isFinite(v))) { return '-'; }
    if (typeof v !== 'number') { return String(v); }
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-4 || a >= 1e6)) { return v.toExponential(3); }
    return v.toFixed(digits === undefined ? 6 : digits);
  }
  function ticks(lo, hi, n) {
    if (lo === hi) { return [lo]; }
    var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / n)));
    var err = (hi - lo) / n / step;
    step *= err >= 7.5 ? 10 : err >= 3.5 ? 5 : err >= 1.5 ? 2 : 1;
    var out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) { out.push(Math.abs(t) < step * 1e-9 ? 0 : t); }
    return out;
  }

  // A line chart: series = [{name, points: [[x, y], ...]}]; opts = {title, xLabel, logY, id}
  function lineChart(series, opts) {
    var W = 640, H = 300, L = 70, R = 150, T = 28, B = 40;
    var svg = svgEl('svg', {viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, 'class': 'chart', role: 'img'});
    if (opts.id) { svg.setAttribute('id', opts.id); }
    var xs = [], ys = [];
    series.forEach(function (s) {
      s.points.forEach(function (p) {
        var y = opts.logY ? (p[1] > 0 ? Math.log10(p[1]) : null) : p[1];
        if (y !== null && isFinite(y)) { xs.push(p[0]); ys.push(y); }
      });
    });
    var title = svgEl('text', {x: L, y: 18, 'class': 'chart-title'});
    title.textContent = opts.title;
    svg.appendChild(title);
    if (xs.length === 0) { return svg; }
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    if (x0 === x1) { x1 = x0 + 1; }
    if (y0 === y1) { y0 -= 0.5; y1 += 0.5; }
    var pad = (y1 - y0) * 0.05; y0 -= pad; y1 += pad;
    function sx(x) { return L + (x - x0) / (x1 - x0) * (W - L - R); }
    function sy(y) { return H - B - (y - y0) / (y1 - y0) * (H - T - B); }
    svg.appendChild(svgEl('rect', {x: L, y: T, width: W - L - R, height: H - T - B, 'class': 'plot-area'}));
    ticks(y0, y1, 5).forEach(function (t) {
      svg.appendChild(svgEl('line', {x1: L, x2: W - R, y1: sy(t), y2: sy(t), 'class': 'grid'}));
      var lab = svgEl('text', {x: L - 6, y: sy(t) + 4, 'text-anchor': 'end', 'class': 'tick'});
      lab.textContent = opts.logY ? '1e' + t.toFixed(0) : fmt(t, 3);
      svg.appendChild(lab);
    });
    ticks(x0, x1, 6).filter(function (t) { return Math.abs(t - Math.round(t)) < 1e-9; }).forEach(function (t) {
      var lab = svgEl('text', {x: sx(t), y: H - B + 16, 'text-anchor': 'middle', 'class': 'tick'});
      lab.textContent = String(t);
      svg.appendChild(lab);
    });
    var xl = svgEl('text', {x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle', 'class': 'axis-label'});
    xl.textContent = opts.xLabel || 'round';
    svg.appendChild(xl);
    series.forEach(function (s, i) {
      var color = COLORS[i % COLORS.length];
      var pts = s.points.map(function (p) { return [p[0], opts.logY ? (p[1] > 0 ? Math.log10(p[1]) : null) : p[1]]; })
        .filter(function (p) { return p[1] !== null && isFinite(p[1]); });
      if (pts.length === 0) { return; }
      var path = svgEl('polyline', {points: pts.map(function (p) { return sx(p[0]).toFixed(1) + ',' + sy(p[1]).toFixed(1); }).join(' '),
        fill: 'none', stroke: color, 'stroke-width': 2, 'class': 'series', 'data-name': s.name});
      svg.appendChild(path);
      pts.forEach(function (p) { svg.appendChild(svgEl('circle', {cx: sx(p[0]), cy: sy(p[1]), r: 2.5, fill: color})); });
      var ly = T + 6 + i * 18;
      svg.appendChild(svgEl('line', {x1: W - R + 10, x2: W - R + 28, y1: ly, y2: ly, stroke: color, 'stroke-width': 3}));
      var name = svgEl('text', {x: W - R + 32, y: ly + 4, 'class': 'legend'});
      name.textContent = s.name;
      svg.appendChild(name);
    });
    return svg;
  }

  function table(headers, rows, cls) {
    var t = el('table', {'class': cls || ''});
    var tr = el('tr');
    headers.forEach(function (h) { tr.appendChild(el('th', {}, h)); });
    t.appendChild(el('thead')).appendChild(tr);
    var body = t.appendChild(el('tbody'));
    rows.forEach(function (r) {
      var row = el('tr');
      r.forEach(function (c) {
        var td = el('td', c && c.attrs ? c.attrs : {}, c && c.text !== undefined ? c.text : c);
        row.appendChild(td);
      });
      body.appendChild(row);
    });
    return t;
  }

  // run: {id, status, model, parameters, rounds: [roundLine], result, error, servers, manifest}
  function renderRun(container, run) {
    container.innerHTML = '';
    container.setAttribute('data-run', run.id || '');
    container.setAttribute('data-status', run.status || '');
    var rounds = run.rounds || [];
    var names = run.parameters || (rounds.length ? Object.keys(rounds[0].parameters) : []);
    var head = el('div', {'class': 'run-head'});
    head.appendChild(el('h2', {}, 'Run ' + (run.id || '') + ' - ' + (run.model || '')));
    head.appendChild(el('p', {'class': 'status status-' + run.status, id: 'run-status'},
      run.status + ' - ' + rounds.length + ' round' + (rounds.length === 1 ? '' : 's') + (run.error ? ': ' + run.error : '')));
    container.appendChild(head);
    var design = run.design || (run.result && run.result.design);
    if (design) {
      container.appendChild(el('p', {'class': 'formula', id: 'run-formula'}, 'formula ' + design.formula
        + (design.weights ? ', weights ' + design.weights : '') + (design.serverEffects ? ', server effects' : '')
        + ' · rows dropped for a missing value: ' + design.dropped
        + (design.rows && design.rows.length > 1 ? ' (' + design.rows.map(function (r) {
          return r.address + ' ' + r.dropped;
        }).join(', ') + ')' : '')));
      if (design.categoricals.length) {
        container.appendChild(table(['categorical', 'levels', 'reference'], design.categoricals.map(function (c) {
          return [c.factor, c.levels.join(', '), c.reference];
        }), 'categoricals'));
      }
    }

    var plots = el('div', {'class': 'plots'});
    var coef = names.map(function (n) {
      return {name: n, points: rounds.map(function (r) { return [r.epoch, r.parameters[n]]; })};
    });
    plots.appendChild(lineChart(coef, {title: 'Coefficients by round', id: 'plot-coefficients',
      xLabel: run.model === 'sgd' ? 'epoch' : 'round'}));
    var dev = rounds.filter(function (r) { return r.deviance !== null && r.deviance !== undefined; });
    if (dev.length) {
      plots.appendChild(lineChart([{name: run.model === 'beta' ? '-2 loglik' : 'deviance',
        points: dev.map(function (r) { return [r.epoch, r.deviance]; })}], {title: 'Deviance by round', id: 'plot-deviance'}));
    }
    var steps = rounds.filter(function (r) { return r.stepNorm > 0; });
    if (steps.length) {
      plots.appendChild(lineChart([{name: '||step||', points: steps.map(function (r) { return [r.epoch, r.stepNorm]; })}],
        {title: 'Parameter change ||delta beta|| (log scale)', logY: true, id: 'plot-step'}));
    }
    container.appendChild(plots);

    var result = run.result && run.result.coefficients ? run.result : null;
    if (result) {
      container.appendChild(el('h3', {}, 'Final estimate'));
      var se = result.standardErrors, pv = result.pValues, ci = result.confidenceIntervals;
      var rows = Object.keys(result.coefficients).map(function (n) {
        var b = result.coefficients[n];
        var r = [n, {text: fmt(b), attrs: {'data-param': n, 'data-value': String(b), 'class': 'estimate'}}];
        if (se) {
          r.push(fmt(se[n]), fmt(b / se[n], 3), fmt(pv[n], 4), fmt(ci[n][0]), fmt(ci[n][1]));
        }
        return r;
      });
      var headers = se ? ['', 'estimate', 'std. error', 'z', 'p', '95% CI low', '95% CI high'] : ['', 'estimate'];
      container.appendChild(table(headers, rows, 'coefficients'));
      var facts = ['n = ' + result.n, result.servers + ' servers', result.rounds + ' rounds',
        'converged: ' + (result.converged ? 'yes' : 'no')];
      if (result.deviance !== undefined) { facts.push('deviance ' + fmt(result.deviance)); }
      if (result.pseudoRSquared !== undefined && result.pseudoRSquared !== null) { facts.push('pseudo R2 ' + fmt(result.pseudoRSquared, 4)); }
      if (result.rSquared !== undefined) { facts.push('R2 ' + fmt(result.rSquared, 4)); }
      if (result.aic !== undefined) { facts.push('AIC ' + fmt(result.aic, 8) + ', BIC ' + fmt(result.bic, 8)); }
      if (result.maxAbsDiffFromPooled !== undefined) { facts.push('max |difference| from the exact pooled fit ' + fmt(result.maxAbsDiffFromPooled)); }
      container.appendChild(el('p', {'class': 'facts'}, facts.join(' · ')));
      if (result.meta) { global.OpenLgd.renderMeta(container, result.meta, result); }
      if (result.validation) {
        container.appendChild(el('h3', {}, 'Validation of the final estimate'));
        var vrows = [];
        (result.validation.servers || []).forEach(function (v) { vrows.push(['server ' + v.id, v.n, fmt(v.rmse, 5), fmt(v.mae, 5), fmt(v.rSquared, 5), fmt(v.meanRealised, 5), fmt(v.meanPredicted, 5), fmt(v.pairedT, 3), fmt(v.pairedTPValue, 4), fmt(v.gAuc, 5)]); });
        var p = result.validation.pooled;
        vrows.push([{text: 'pooled', attrs: {'class': 'pooled'}}, p.n, fmt(p.rmse, 5), fmt(p.mae, 5), fmt(p.rSquared, 5), fmt(p.meanRealised, 5), fmt(p.meanPredicted, 5), fmt(p.pairedT, 3), fmt(p.pairedTPValue, 4), fmt(p.gAuc, 5)]);
        container.appendChild(table(['', 'n', 'RMSE', 'MAE', 'R2', 'mean LGD', 'mean pred.', 'paired t', 'p', 'gAUC'], vrows, 'validation'));
        if (result.validation.calibration && result.validation.calibration.length) {
          var cal = el('div', {'class': 'plots'});
          cal.appendChild(global.OpenLgd.calibrationPlot(result.validation.calibration));
          if (result.validation.histogram) { cal.appendChild(global.OpenLgd.histogramPlot(result.validation.histogram)); }
          container.appendChild(cal);
        }
      }
    }
    if (rounds.length) {
      container.appendChild(el('h3', {}, 'Rounds'));
      container.appendChild(table(['round', 'epoch', 'servers', 'absent', '||step||', 'deviance', 'ms'], rounds.map(function (r) {
        return [r.round, r.epoch, r.participants.map(function (p) { return p.address + ' (n=' + p.n + ')'; }).join(', '),
          (r.absent || []).join('; ') || '-', fmt(r.stepNorm, 4), fmt(r.deviance), fmt(r.millis, 1)];
      }), 'rounds'));
    }
    var servers = run.servers || (run.manifest && run.manifest.servers) || [];
    if (servers.length) {
      container.appendChild(el('h3', {}, 'Servers'));
      container.appendChild(table(['id', 'address', 'rows', 'data fingerprint'], servers.map(function (s) {
        return [s.id, s.address, s.n, s.fingerprint || '-'];
      }), 'servers'));
    }
  }

  global.OpenLgd = {renderRun: renderRun, lineChart: lineChart, table: table, fmt: fmt, el: el, svgEl: svgEl,
    ticks: ticks};
})(window);
