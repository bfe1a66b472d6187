// openlgd dashboard: servers, starting runs, live progress over server-sent events, past runs.
(function () {
  'use strict';
  var O = window.OpenLgd;
  var current = null; // the run shown: {id, status, model, parameters, rounds, result, ...}

  /** The CSRF token the dashboard set in its cookie; sent back in a header with every state-changing request. */
  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)openlgd-xsrf=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : '';
  }

  function answer(r) {
    if (r.status === 401) { location.href = '/login'; throw new Error('not logged in'); }
    return r.json().then(function (b) { if (!r.ok) { throw new Error(b.error || r.statusText); } return b; });
  }

  function getJson(url) {
    return fetch(url).then(answer);
  }

  function post(url, body) {
    return fetch(url, {method: 'POST', headers: {'content-type': 'application/json', 'X-XSRF-TOKEN': csrf()},
      body: JSON.stringify(body)}).then(answer);
  }

  /** Shows the form's fields that apply to the chosen model (data-for lists the models). */
  function showModelOptions() {
    var model = document.getElementById('model').value;
    document.querySelectorAll('#start [data-for]').forEach(function (el) {
      el.hidden = el.getAttribute('data-for').split(' ').indexOf(model) < 0;
    });
  }

  function loadMe() {
    return getJson('/api/me').then(function (me) {
      if (me.login) {
        document.getElementById('user').textContent = 'logged in as ' + me.user;
        document.getElementById('who').hidden = false;
      }
    });
  }

  function logout() {
    return fetch('/logout', {method: 'POST', headers: {'X-XSRF-TOKEN': csrf()}})
      .then(function () { location.href = '/login?out=1'; });
  }

  function loadServers() {
    return getJson('/api/servers').then(function (list) {
      var box = document.getElementById('servers');
      box.innerHTML = '';
      box.appendChild(O.table(['id', 'address', 'status', 'rows'], list.map(function (s) {
        return [s.id === undefined ? '-' : s.id, s.address, {text: s.status + (s.error ? ' (' + s.error + ')' : ''), attrs: {'class': s.status}},
          s.n === undefined ? '-' : s.n];
      }), 'servers'));
      return list;
    }).catch(function (e) { document.getElementById('servers').textContent = 'cannot list the servers: ' + e.message; });
  }

  function loadRuns() {
    return getJson('/api/runs').then(function (list) {
      var ul = document.getElementById('runs');
      ul.innerHTML = '';
      list.forEach(function (r) {
        var li = O.el('li', {'data-run': r.id}, (r.startedAt || '').replace('T', ' ').substring(0, 19) + '  ' + r.model + '  ' +
          r.status + '  ' + r.rounds + ' rounds' + (r.n ? ', n = ' + r.n : '') + '  (' + r.id + ')');
        li.addEventListener('click', function () { show(r.id); });
        ul.appendChild(li);
      });
    });
  }

  function show(id) {
    return getJson('/api/runs/' + encodeURIComponent(id)).then(function (run) {
      current = run;
      O.renderRun(document.getElementById('run'), run);
      document.body.setAttribute('data-state', run.status);
      history.replaceState(null, '', '?run=' + encodeURIComponent(id));
    });
  }

  function start(ev) {
    if (ev) { ev.preventDefault(); }
    var model = document.getElementById('model').value;
    var body = {model: model, secure: document.getElementById('secure').checked};
    if (model === 'sgd') { body.epochs = parseInt(document.getElementById('epochs').value, 10); }
    if (document.getElementById('se').value && model !== 'sgd') { body.se = document.getElementById('se').value; }
    if (model === 'beta' || model === 'two-stage') { body.boundary = document.getElementById('boundary').value; }
    var formula = document.getElementById('formula').value.trim();
    if (formula) { body.formula = formula; }
    var weights = document.getElementById('weights').value.trim();
    if (weights) { body.weights = weights; }
    if (document.getElementById('missing').value !== 'drop') { body.missing = document.getElementById('missing').value; }
    if (document.getElementById('server-effects').checked) { body['server-effects'] = true; }
    if (document.getElementById('meta').checked) { body.meta = true; }
    if (document.getElementById('cross-validate').checked) { body['cross-validate'] = 'servers'; }
    var servers = document.getElementById('run-servers').value.trim();
    if (servers) { body.servers = servers.split(/[\s,]+/).filter(function (s) { return s; }); }
    var msg = document.getElementById('message');
    msg.textContent = 'starting...';
    document.body.setAttribute('data-state', 'starting');
    return post('/api/runs', body)
      .then(function (b) {
        msg.textContent = 'run ' + b.id + ' started';
        current = {id: b.id, status: 'running', model: body.model, rounds: []};
        document.body.setAttribute('data-state', 'running');
        return show(b.id);
      })
      .catch(function (e) { msg.textContent = 'could not start: ' + e.message; document.body.setAttribute('data-state', 'failed'); });
  }

  function listen() {
    var es = new EventSource('/api/events');
    es.addEventListener('round', function (e) {
      var ev = JSON.parse(e.data);
      if (current && current.id === ev.runId && current.status === 'running') {
        current.rounds = (current.rounds || []).concat([ev.round]);
        O.renderRun(document.getElementById('run'), current);
      }
    });
    ['finished', 'failed'].forEach(function (type) {
      es.addEventListener(type, function (e) {
        var ev = JSON.parse(e.data);
        loadRuns();
        if (current && current.id === ev.runId) { show(ev.runId); }
      });
    });
    es.addEventListener('started', function () { loadRuns(); });
  }

  document.getElementById('start').addEventListener('submit', start);
  document.getElementById('model').addEventListener('change', showModelOptions);
  document.getElementById('logout-button').addEventListener('click', logout);
  showModelOptions();
  loadMe();
  listen();
  var params = new URLSearchParams(location.search);
  Promise.all([loadServers(), loadRuns()]).then(function () {
    if (params.get('run')) {
      show(params.get('run'));
    } else if (params.get('autorun')) {
      // what a user does: pick the model and epochs, press Start (used by the browser test)
      document.getElementById('model').value = params.get('model') || 'ols';
      showModelOptions();
      if (params.get('epochs')) { document.getElementById('epochs').value = params.get('epochs'); }
      if (params.get('boundary')) { document.getElementById('boundary').value = params.get('boundary'); }
      document.getElementById('secure').checked = params.get('secure') === 'true';
      document.getElementById('meta').checked = params.get('meta') === 'true';
      document.getElementById('cross-validate').checked = params.get('cross-validate') === 'servers';
      if (params.get('formula')) { document.getElementById('formula').value = params.get('formula'); }
      if (params.get('weights')) { document.getElementById('weights').value = params.get('weights'); }
      document.getElementById('start-button').click();
    }
  });
  setInterval(loadServers, 10000);
})();
