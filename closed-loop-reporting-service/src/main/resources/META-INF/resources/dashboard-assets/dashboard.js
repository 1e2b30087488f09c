/*
 * The weekly SLA meeting's dashboard. Everything it shows comes from the reports of this service,
 * fetched with the API key the page was opened with (/dashboard?token=<key>), and from the live
 * breach feed (server-sent events). Numbers are written as text next to every chart, formatted
 * without rounding, so what the meeting reads is what the API says.
 */
'use strict';

(function () {
  const MAX_FEED = 50;
  const F = window.LeadPactFormat;
  const { parseDate, iso, periodStart, periodEnd, shift, duration, amount, percent } = F;
  const FUNNEL = [
    ['leads', 'Leads', null],
    ['mqls', 'MQLs', 'mqlRate'],
    ['sqls', 'SQLs', 'sqlRate'],
    ['contacted', 'Contacted', 'contactedRate'],
    ['connected', 'Connected', 'connectedRate'],
    ['meetings', 'Meetings', 'meetingRate'],
    ['won', 'Won', 'winRate'],
    ['lost', 'Lost', null]
  ];
  const GREEN = '#2e7d32';
  const RED = '#c62828';
  const GREY = '#9e9e9e';
  const BLUE = '#1565c0';

  // ---- the key: from the address, then off it (history, screen sharing); sent as Bearer ----
  const query = new URLSearchParams(location.search);
  const token = query.get('token');

  const $ = (id) => document.getElementById(id);
  // the zone of the reports' weeks and months (leadpact.reporting.zone), written into the page by the server
  const zone = F.zoneOrUtc(document.body.dataset.zone || 'UTC');
  const state = {
    period: query.get('period') === 'month' ? 'month' : 'week',
    start: null,
    model: query.get('model') || 'linear'
  };
  if (!Array.from($('model').options).some((o) => o.value === state.model)) {
    state.model = 'linear';
  }
  state.start = periodStart(state.period, parseDate(query.get('start')) || F.today(zone));

  function instant(text) {
    return F.instant(text, zone);
  }
  function scopeLabel(scope) {
    if (scope === 'all') {
      return '';
    }
    const i = scope.indexOf(':');
    return i < 0 ? scope : scope.slice(0, i) + ' ' + scope.slice(i + 1);
  }

  // ---- DOM helpers (text only: values such as channels come from public forms) ----
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    if (className) {
      node.className = className;
    }
    return node;
  }
  function row(cells, attributes, className) {
    const tr = el('tr', null, className);
    for (const cell of cells) {
      tr.appendChild(cell);
    }
    Object.assign(tr.dataset, attributes || {});
    return tr;
  }
  function fill(tableId, rows) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren(...rows);
  }

  // ---- API ----
  function headers(more) {
    const all = Object.assign({ Accept: 'application/json' }, more);
    if (token) {
      all.Authorization = 'Bearer ' + token;
    }
    return all;
  }
  /** What went wrong, for a person: the problem's detail, else the status. */
  async function problemDetail(response) {
    let detail = response.status === 401 ? 'no or an unknown API key: open the page as /dashboard?token=<key>'
      : response.status + ' ' + response.statusText;
    try {
      const problem = await response.json();
      detail = problem.detail || detail;
    } catch (ignored) {
      // not a problem document
    }
    return detail;
  }
  async function getJson(path, params) {
    const url = path + (params ? '?' + new URLSearchParams(params) : '');
    const response = await fetch(url, { headers: headers(), cache: 'no-store' });
    if (!response.ok) {
      throw new Error(path + ': ' + await problemDetail(response));
    }
    return response.json();
  }

  // ---- charts ----
  const charts = {};
  function chart(id, option) {
    if (!charts[id]) {
      charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
    }
    charts[id].setOption(option, true);
  }
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  function empty(text) {
    return { title: { text, left: 'center', top: 'middle', textStyle: { color: GREY, fontSize: 14, fontWeight: 'normal' } } };
  }

  // ---- sections ----
  function renderScorecards(rows) {
    for (const side of ['marketing', 'sales', 'closed-loop']) {
      const lines = rows
        .filter((r) => r.side === side && r.metric !== 'revenue_by_channel')
        .map((r) => {
          const verdict = r.met === true ? 'met' : r.met === false ? 'missed' : r.target === null ? 'info' : 'open';
          const label = el('td', r.label || r.metric, 'label');
          const scope = scopeLabel(r.scope);
          if (scope) {
            label.appendChild(el('span', ' ' + scope, 'scope'));
          }
          return row(
            [
              label,
              el('td', F.value(r.unit, r.value, r.currency), 'value'),
              el('td', r.target === null ? '' : F.comparator(r.direction) + F.value(r.unit, r.target, r.currency), 'target'),
              el('td', verdict === 'met' ? '✓' : verdict === 'missed' ? '✗' : '', 'verdict')
            ],
            { metric: r.metric, scope: r.scope, verdict },
            verdict);
        });
      if (side === 'marketing' && !rows.some((r) => r.side === side && r.target !== null)) {
        lines.push(row([el('td', 'No lead commitment configured (leadpact.reporting.marketing.*-reps)', 'hint')]));
      }
      fill('scorecard-' + side, lines);
    }
  }

  function renderFunnel(report, from) {
    const r = report.rows.find((x) => x.periodStart === from);
    const steps = FUNNEL.filter(([key]) => key !== 'lost');
    chart('funnel-chart', {
      animationDuration: 300,
      grid: { left: 8, right: 40, top: 10, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: steps.map(([, label]) => label) },
      series: [{
        type: 'bar',
        data: steps.map(([key]) => (r ? r[key] : 0)),
        itemStyle: { color: BLUE },
        label: { show: true, position: 'right' }
      }]
    });
    fill('funnel-table', FUNNEL.map(([key, label, rate]) => row(
      [el('td', label), el('td', r ? String(r[key]) : '0', 'count'),
        el('td', rate && r && r[rate] !== null ? percent(r[rate]) : '', 'rate')],
      { step: key })));
  }

  function renderSpeed(report) {
    const contacted = report.contacted;
    chart('speed-chart', report.leads === 0 ? empty('No SQLs in this period') : {
      animationDuration: 300,
      grid: { left: 28, right: 8, top: 24, bottom: 8, containLabel: true }, // room for the first rotated label
      xAxis: { type: 'category', data: report.rows.map((b) => b.bucket), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{
        type: 'bar',
        data: report.rows.map((b) => ({
          value: b.leads,
          itemStyle: { color: b.minSeconds === null ? GREY : b.withinDeadline ? GREEN : RED }
        })),
        label: { show: true, position: 'top' }
      }]
    });
    const summary = $('speed-summary');
    summary.replaceChildren(
      el('span', report.leads + ' SQLs', null), document.createTextNode(' · '),
      el('span', contacted + ' contacted', null), document.createTextNode(' · median '),
      el('span', report.medianSeconds === null ? '–' : duration(report.medianSeconds), 'median'),
      document.createTextNode(' · p90 '),
      el('span', report.p90Seconds === null ? '–' : duration(report.p90Seconds), 'p90'),
      document.createTextNode(' · ' + report.withinDeadline + ' within the ' + duration(report.deadlineSeconds) + ' deadline'));
    fill('speed-table', report.rows.filter((b) => b.leads > 0).map((b) => row(
      [el('td', b.bucket), el('td', String(b.leads), 'count'), el('td', percent(b.share), 'rate')],
      { bucket: b.bucket })));
  }

  function renderRevenue(report, from) {
    const rows = report.rows.filter((r) => r.periodStart === from);
    $('revenue-model').textContent = $('model').selectedOptions[0].textContent;
    const channels = [...new Set(rows.map((r) => r.groupValue))];
    const currencies = [...new Set(rows.map((r) => r.currency))];
    chart('revenue-chart', rows.length === 0 ? empty('No won deals in this period') : {
      animationDuration: 300,
      legend: { show: currencies.length > 1, bottom: 0 },
      grid: { left: 8, right: 80, top: 10, bottom: currencies.length > 1 ? 30 : 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: channels },
      series: currencies.map((currency) => ({
        name: currency,
        type: 'bar',
        data: channels.map((c) => {
          const hit = rows.find((r) => r.groupValue === c && r.currency === currency);
          return hit ? hit.revenue : null;
        }),
        label: { show: true, position: 'right', formatter: (p) => amount(p.value) }
      }))
    });
    fill('revenue-table', rows.map((r) => row(
      [el('td', r.groupValue), el('td', amount(r.revenue) + ' ' + r.currency, 'revenue'),
        el('td', r.creditShare === null ? '' : percent(r.creditShare), 'rate')],
      { channel: r.groupValue, currency: r.currency })));
  }

  // ---- the breach feed: newest first, live ones added as they come ----
  const feed = new Map();
  function feedDetail(item) {
    const parts = [];
    if (item.rule === 'LEAD_VOLUME_SHORTFALL') {
      // the commitment's scope: team:<team> or segment:<SEGMENT>
      parts.push(item.scope ? scopeLabel(item.scope) : item.team ? 'team ' + item.team : item.leadId);
      if (item.delivered != null && item.expected != null) {
        parts.push(item.delivered + ' of ' + item.expected + ' qualified leads delivered');
      }
      if (item.gap != null) {
        parts.push(item.gap + ' short');
      }
    } else {
      parts.push('lead ' + item.leadId);
      if (item.ownerId) {
        parts.push('owner ' + item.ownerId);
      }
      if (item.segment) {
        parts.push(item.segment);
      }
      if (item.attemptsMade != null && item.attemptsRequired != null) {
        parts.push(item.attemptsMade + ' of ' + item.attemptsRequired + ' attempts');
      }
      if (item.lateBySeconds) {
        parts.push(duration(item.lateBySeconds) + ' late');
      }
    }
    if (item.dueAt) {
      parts.push('due ' + instant(item.dueAt));
    }
    return parts.join(' · ');
  }
  function addToFeed(items, live) {
    for (const item of items) {
      if (!feed.has(item.eventId)) {
        feed.set(item.eventId, { item, live });
      }
    }
    const entries = [...feed.values()].sort((a, b) =>
      a.item.detectedAt < b.item.detectedAt ? 1 : a.item.detectedAt > b.item.detectedAt ? -1
        : a.item.eventId < b.item.eventId ? 1 : -1);
    for (const dropped of entries.splice(MAX_FEED)) {
      feed.delete(dropped.item.eventId);
    }
    $('feed').replaceChildren(...entries.map(({ item, live: isLive }) => {
      const li = el('li', null, 'kind-' + item.kind.toLowerCase() + (isLive ? ' live' : ''));
      li.dataset.eventId = item.eventId;
      li.dataset.rule = item.rule;
      li.appendChild(el('time', instant(item.detectedAt)));
      li.appendChild(el('strong', item.title));
      li.appendChild(el('span', feedDetail(item), 'detail'));
      return li;
    }));
  }
  function setFeedState(name) {
    const status = $('feed-status');
    status.dataset.state = name;
    status.textContent = name;
  }
  function connectFeed() {
    // EventSource cannot send headers: the key goes in the query, as for BI tools
    const source = new EventSource('/dashboard/breaches/stream' + (token ? '?token=' + encodeURIComponent(token) : ''));
    source.onopen = () => {
      setFeedState('live');
      // what came while (re)connecting
      getJson('/dashboard/breaches', { limit: 20 }).then((items) => addToFeed(items, false), showError);
    };
    source.onmessage = (event) => addToFeed([JSON.parse(event.data)], true);
    source.onerror = () => setFeedState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
  }

  // ---- what-if: this month under proposed deadlines and attempt minimums, simulated by the SLA monitor ----
  const SEGMENTS = [['SMALL', 'Small'], ['MID', 'Mid'], ['LARGE', 'Large']];
  const UNITS = [[86400, 'days'], [3600, 'hours'], [60, 'minutes'], [1, 'seconds']];
  const POLL_MS = 1000;
  /** Each segment's first-contact deadline and attempt minimum in force, once the monitor told us. */
  const inForce = {};
  let simulation = 0;

  function thisMonth() {
    return iso(periodStart('month', F.today(zone))).slice(0, 7);
  }
  function whatIfInput(segment, field) {
    return $('what-if-' + segment.toLowerCase() + '-' + field);
  }
  function buildProposalRows() {
    fill('what-if-proposal', SEGMENTS.map(([segment, label]) => {
      const amount = el('input');
      Object.assign(amount, { type: 'number', min: 1, step: 1, id: 'what-if-' + segment.toLowerCase() + '-first-contact' });
      amount.setAttribute('aria-label', label + ': proposed first-contact deadline');
      const unit = el('select');
      unit.id = 'what-if-' + segment.toLowerCase() + '-unit';
      unit.setAttribute('aria-label', label + ': unit of the first-contact deadline');
      for (const [seconds, name] of UNITS) {
        const option = el('option', name);
        option.value = String(seconds);
        unit.appendChild(option);
      }
      unit.value = '3600';
      const attempts = el('input');
      Object.assign(attempts, { type: 'number', min: 1, max: 100, step: 1, id: 'what-if-' + segment.toLowerCase() + '-attempts' });
      attempts.setAttribute('aria-label', label + ': proposed attempt minimum');
      const deadline = el('td', null, 'deadline');
      deadline.append(amount, unit);
      const attemptCell = el('td', null, 'attempts');
      attemptCell.appendChild(attempts);
      const header = el('th', label);
      header.scope = 'row';
      return row([header, deadline, attemptCell, el('td', 'unknown', 'in-force')], { segment });
    }));
  }
  function showPolicies(policies) {
    for (const policy of policies) {
      inForce[policy.segment] = policy;
      const unit = F.deadlineUnit(policy.firstContactSeconds);
      whatIfInput(policy.segment, 'first-contact').value = String(policy.firstContactSeconds / unit);
      whatIfInput(policy.segment, 'unit').value = String(unit);
      whatIfInput(policy.segment, 'attempts').value = String(policy.attemptsRequired);
      $('what-if-proposal').querySelector('tr[data-segment="' + policy.segment + '"] td.in-force').textContent =
        duration(policy.firstContactSeconds) + ', ' + policy.attemptsRequired + ' attempts';
    }
  }
  function whatIfError(text) {
    const box = $('what-if-error');
    box.textContent = text;
    box.hidden = !text;
  }
  /** What differs from the policies in force; an empty field keeps them. */
  function proposal() {
    const segments = {};
    for (const [segment, label] of SEGMENTS) {
      const current = inForce[segment];
      const amount = whatIfInput(segment, 'first-contact');
      const unit = Number(whatIfInput(segment, 'unit').value);
      const attempts = whatIfInput(segment, 'attempts');
      if (amount.validity.badInput || attempts.validity.badInput) {
        throw new Error(label + ': the deadline and the attempt minimum are numbers');
      }
      const proposed = {};
      if (amount.value !== '' && !(current && Number(amount.value) * unit === current.firstContactSeconds)) {
        proposed.firstContact = F.isoDeadline(amount.value, unit);
      }
      if (attempts.value !== '' && !(current && Number(attempts.value) === current.attemptsRequired)) {
        proposed.attemptsRequired = attempts.value;
      }
      if (Object.keys(proposed).length) {
        segments[segment.toLowerCase()] = proposed;
      }
    }
    return { month: thisMonth(), segments };
  }
  function setWhatIfState(name, id) {
    const panel = $('what-if');
    panel.dataset.state = name;
    panel.dataset.simulation = id || '';
    $('what-if-run').disabled = name === 'running';
  }
  function renderWhatIf(result) {
    const group = (dimension, value) => result.groups.find((g) => g.dimension === dimension && g.value === value);
    const lines = SEGMENTS.map(([segment, label]) => [segment, label, group('segment', segment)]);
    lines.push(['TOTAL', 'All segments', group('total', 'all')]);
    fill('what-if-result', lines.map(([segment, label, g]) => {
      const now = g ? g.current : null;
      const proposed = g ? g.proposed : null;
      const change = !g || proposed.breaches === now.breaches ? 'same' : proposed.breaches < now.breaches ? 'fewer' : 'more';
      const header = el('th', label);
      header.scope = 'row';
      return row([
        header,
        el('td', F.value('ratio', now && now.compliance), 'compliance-now'),
        el('td', F.value('ratio', proposed && proposed.compliance), 'compliance-proposed'),
        el('td', String(now ? now.breaches : 0), 'breaches-now'),
        el('td', String(proposed ? proposed.breaches : 0), 'breaches-proposed')
      ], { segment, change });
    }));
    $('what-if-result').hidden = false;
    const flips = $('what-if-flips');
    flips.replaceChildren(el('span', String(result.flips), 'count'),
      document.createTextNode(result.flips === 1 ? ' commitment is' : ' commitments are'),
      document.createTextNode(' judged differently under the proposal: a breach under one and not the other'));
    flips.hidden = false;
  }
  async function simulate(event) {
    event.preventDefault();
    const mine = ++simulation;
    whatIfError('');
    $('what-if-result').hidden = true;
    $('what-if-flips').hidden = true;
    try {
      const body = proposal();
      setWhatIfState('running');
      $('what-if-status').textContent = 'Queued at the SLA monitor…';
      const response = await fetch('/dashboard/what-if', {
        method: 'POST',
        headers: headers({ 'Content-Type': 'application/json' }),
        body: JSON.stringify(body),
        cache: 'no-store'
      });
      if (!response.ok) {
        throw new Error(await problemDetail(response));
      }
      const id = (await response.json()).id;
      setWhatIfState('running', id);
      while (mine === simulation) {
        const job = await getJson('/dashboard/what-if/' + encodeURIComponent(id));
        if (job.status === 'DONE') {
          $('what-if-status').textContent = body.month + ' simulated over ' + job.progress.leadsDone + ' leads, as of '
            + instant(job.result.evaluatedAt);
          renderWhatIf(job.result);
          setWhatIfState('done', id);
          return;
        }
        if (job.status === 'FAILED' || job.status === 'STALLED') {
          throw new Error(job.error || 'the simulation ' + job.status.toLowerCase());
        }
        const p = job.progress;
        $('what-if-status').textContent = job.status === 'QUEUED' ? 'Queued at the SLA monitor…'
          : 'Simulating: ' + p.leadsDone + (p.leadsTotal === null ? '' : ' of ' + p.leadsTotal) + ' leads'
            + (p.secondsLeft === null ? '' : ', about ' + duration(p.secondsLeft) + ' left');
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (error) {
      if (mine === simulation) {
        $('what-if-status').textContent = '';
        whatIfError(String(error.message || error));
        setWhatIfState('failed');
      }
    }
  }
  function initWhatIf() {
    buildProposalRows();
    $('what-if-month').textContent = 'this month, ' + thisMonth() + ' (' + zone + ')';
    $('what-if-form').addEventListener('submit', simulate);
    getJson('/dashboard/what-if/policies').then(showPolicies,
      (error) => whatIfError('The policies in force are unknown (' + error.message + '); an empty field keeps them.'));
  }

  // ---- the period and loading ----
  function showError(error) {
    const box = $('error');
    box.textContent = String(error.message || error);
    box.hidden = false;
  }
  function syncControls() {
    $('period').value = state.period;
    $('start').value = iso(state.start);
    $('model').value = state.model;
    const end = periodEnd(state.period, state.start);
    $('range').textContent = (state.period === 'month' ? 'Month ' : 'Week ') + iso(state.start) + ' to ' + iso(end)
      + ' (' + zone + ')';
    const params = new URLSearchParams({ period: state.period, start: iso(state.start), model: state.model });
    history.replaceState(null, '', location.pathname + '?' + params);
  }

  let generation = 0;
  async function load() {
    const mine = ++generation;
    syncControls();
    delete document.body.dataset.loaded;
    $('error').hidden = true;
    const from = iso(state.start);
    const to = iso(periodEnd(state.period, state.start));
    const range = { period: state.period, from, to };
    try {
      const [evaluation, funnel, speed, attribution] = await Promise.all([
        getJson('/reports/sla-evaluation', Object.assign({ model: state.model }, range)),
        getJson('/reports/funnel', range),
        getJson('/reports/speed-to-lead/distribution', { from, to }),
        getJson('/reports/attribution', Object.assign({ model: state.model, groupBy: 'channel' }, range))
      ]);
      if (mine !== generation) {
        return; // a newer choice is loading
      }
      renderScorecards(evaluation.rows.filter((r) => r.periodStart === from));
      renderFunnel(funnel, from);
      renderSpeed(speed);
      renderRevenue(attribution, from);
      document.body.dataset.loaded = [state.period, from, to, state.model].join('/');
    } catch (error) {
      showError(error);
    }
  }

  $('period').addEventListener('change', () => {
    state.period = $('period').value;
    state.start = periodStart(state.period, state.start);
    load();
  });
  $('start').addEventListener('change', () => {
    const chosen = parseDate($('start').value);
    if (chosen) {
      state.start = periodStart(state.period, chosen);
      load();
    }
  });
  $('model').addEventListener('change', () => {
    state.model = $('model').value;
    load();
  });
  $('previous').addEventListener('click', () => {
    state.start = shift(state.period, state.start, -1);
    load();
  });
  $('next').addEventListener('click', () => {
    state.start = shift(state.period, state.start, 1);
    load();
  });
  $('refresh').addEventListener('click', load);

  load();
  connectFeed();
  initWhatIf();
})();
