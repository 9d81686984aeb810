// Proximity dashboard: a thin client of the server's REST API. No build step, no dependencies.
// Every value from the server is inserted with textContent, never as HTML.

const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem('px-token'), me: null, mode: 'AUTO', auditOffset: 0, catalog: [] };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'onclick') node.addEventListener('click', value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = !message;
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    if (response.status === 401 && state.token) signOut();
    throw new Error((data.error && data.error.message) || (response.status + ' ' + response.statusText));
  }
  return data;
}

async function run(action) {
  try {
    showError('');
    return await action();
  } catch (e) {
    showError(e.message);
    return undefined;
  }
}

const bytes = (n) => (n / 1048576).toFixed(0) + ' MiB';
const uptime = (s) => (s >= 86400 ? Math.floor(s / 86400) + 'd ' : '') + Math.floor((s % 86400) / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm';

// ---- session

async function signIn(register) {
  const username = $('auth-username').value.trim();
  const password = $('auth-password').value;
  await run(async () => {
    if (register) await api('POST', '/api/v1/auth/register', { username, password });
    const login = await api('POST', '/api/v1/auth/login', { username, password });
    state.token = login.access_token;
    sessionStorage.setItem('px-token', state.token);
    $('auth-password').value = '';
    await enter();
  });
}

function signOut() {
  state.token = null;
  state.me = null;
  sessionStorage.removeItem('px-token');
  $('main-view').hidden = true;
  $('session').hidden = true;
  $('auth-view').hidden = false;
  $('summary').textContent = '';
}

async function enter() {
  state.me = await api('GET', '/api/v1/auth/me');
  $('whoami').textContent = state.me.username + ' (' + state.me.role + ')';
  $('session').hidden = false;
  $('auth-view').hidden = true;
  $('main-view').hidden = false;
  $('tab-settings').hidden = state.me.role !== 'admin';
  await Promise.all([loadSummary(), loadApps(), loadCatalog()]);
}

// ---- header

async function loadSummary() {
  const info = await api('GET', '/api/v1/system/info');
  const nodes = await api('GET', '/api/v1/system/nodes');
  state.mode = info.mode;
  const summary = $('summary');
  summary.replaceChildren(
    el('span', { id: 'summary-apps', text: info.apps + ' apps, ' + info.apps_running + ' running' }),
    el('span', { id: 'summary-mode', text: 'Mode ' + info.mode }),
    ...nodes.items.map((n) => el('span', { text: n.name + ': ' + n.status + ', CPU ' + Math.round(n.cpu * 100) + '%, RAM ' + Math.round(100 * n.memory_bytes / n.max_memory_bytes) + '%' })));
  if (info.mode === 'AUTO') {
    if (info.next_backup) summary.append(el('span', { text: 'Next backup ' + new Date(info.next_backup).toLocaleString() }));
    if (info.next_update_check) summary.append(el('span', { text: 'Next update check ' + new Date(info.next_update_check).toLocaleString() }));
  }
}

// ---- apps

async function loadApps() {
  const apps = await api('GET', '/api/v1/apps');
  const body = $('apps-body');
  body.replaceChildren(...apps.items.map(appRow));
  $('apps-empty').hidden = apps.items.length > 0;
}

function appRow(app) {
  const act = (label, action) => el('button', { type: 'button', class: 'secondary', 'data-app': app.name, 'data-action': action,
    onclick: () => run(async () => { await api('POST', '/api/v1/apps/' + app.name + '/actions', { action }); await refresh(); }) }, label);
  return el('tr', { id: 'app-' + app.name },
    el('td', {}, el('button', { type: 'button', class: 'secondary', 'data-open': app.name, onclick: () => run(() => openApp(app.name)) }, app.name)),
    el('td', { class: 'status-' + app.status, text: app.status }),
    el('td', { text: app.node }),
    el('td', {}, app.urls.length ? el('a', { href: app.urls[0], rel: 'noopener' }, app.ipv4 || app.urls[0]) : (app.ipv4 || '')),
    el('td', { text: (app.usage.cpu * 100).toFixed(1) + '%' }),
    el('td', { text: bytes(app.usage.memory_bytes) + ' / ' + bytes(app.usage.max_memory_bytes) }),
    el('td', { text: uptime(app.usage.uptime_seconds) }),
    el('td', { class: 'row' }, act('Start', 'start'), act('Stop', 'stop'), act('Restart', 'restart')));
}

async function openApp(name) {
  const detail = await api('GET', '/api/v1/apps/' + name);
  const backups = await api('GET', '/api/v1/apps/' + name + '/backups');
  const box = $('app-detail');
  const output = el('pre', { id: 'app-output' });
  const show = (text) => { output.textContent = text; };
  const pro = state.mode === 'PRO';
  box.replaceChildren(
    el('h3', { text: name + ' (' + detail.app.catalog_id + ' ' + detail.app.version + ')' }),
    el('p', { text: 'Services: ' + detail.services.map((s) => s.service + ' ' + s.state + (s.health ? ' (' + s.health + ')' : '')).join(', ') }),
    el('div', { class: 'row' },
      el('button', { type: 'button', id: 'show-logs', onclick: () => run(async () => show((await api('GET', '/api/v1/apps/' + name + '/logs?tail=200')).lines.join('\n'))) }, 'Logs'),
      ...['status', 'disk', 'processes', 'memory', 'network', 'images', 'volumes', 'system'].map((c) =>
        el('button', { type: 'button', class: 'secondary', 'data-command': c,
          onclick: () => run(async () => { const r = await api('GET', '/api/v1/apps/' + name + '/commands/' + c); show(r.output || r.errors); }) }, c))),
    output,
    el('h4', { text: 'Backups' }),
    el('ul', { id: 'backup-list' }, ...backups.items.map((b) => el('li', {},
      new Date(b.created_at).toLocaleString() + ' ' + b.notes + ' ',
      el('button', { type: 'button', class: 'secondary', 'data-restore': b.id,
        onclick: () => run(async () => { if (confirm('Restore ' + name + ' from this backup? Its current state is replaced.')) { await api('POST', '/api/v1/apps/' + name + '/backups/' + encodeURIComponent(b.id) + '/restore'); await refresh(); } }) }, 'Restore')))),
    el('div', { class: 'row' },
      pro ? el('button', { type: 'button', id: 'backup-now', onclick: () => run(async () => { await api('POST', '/api/v1/apps/' + name + '/backups', { notes: 'from the dashboard' }); await openApp(name); }) }, 'Back up now') : '',
      pro ? el('button', { type: 'button', id: 'clone-app', class: 'secondary', onclick: () => run(async () => {
        const target = prompt('Name of the clone', name + '-copy');
        if (target) { await api('POST', '/api/v1/apps/' + name + '/clone', { hostname: target }); await refresh(); }
      }) }, 'Clone') : '',
      pro ? el('button', { type: 'button', id: 'resize-app', class: 'secondary', onclick: () => run(async () => {
        const memory = prompt('Memory in MiB', String(detail.app.usage.max_memory_bytes / 1048576));
        if (memory) { await api('PUT', '/api/v1/apps/' + name + '/resources', { memory_mb: Number(memory) }); await refresh(); }
      }) }, 'Resize') : '',
      el('button', { type: 'button', id: 'delete-app', 'data-delete': name, class: 'danger', onclick: () => run(async () => {
        if (confirm('Delete the app "' + name + '" and its container? This cannot be undone.')) {
          await api('DELETE', '/api/v1/apps/' + name + '?force=true');
          box.hidden = true;
          await refresh();
        }
      }) }, 'Delete ' + name)));
  box.hidden = false;
}

async function refresh() {
  await Promise.all([loadApps(), loadSummary()]);
}

// ---- catalog and deploy

async function loadCatalog() {
  const q = encodeURIComponent($('catalog-search').value);
  const category = encodeURIComponent($('catalog-category').value);
  const catalog = await api('GET', '/api/v1/catalog?q=' + q + '&category=' + category);
  const select = $('catalog-category');
  if (select.options.length === 1) {
    for (const c of catalog.categories) select.append(el('option', { value: c }, c));
  }
  $('catalog-grid').replaceChildren(...catalog.items.map((entry) => el('div', { class: 'card', 'data-catalog': entry.id },
    entry.icon ? el('img', { src: entry.icon, alt: '' }) : '',
    el('strong', { text: entry.name }),
    el('span', { class: 'hint', text: entry.category + ' · ' + entry.resources.recommended_cores + ' cores, ' + entry.resources.recommended_memory_mb + ' MiB, ' + entry.resources.recommended_disk_gb + ' GiB' }),
    el('span', { text: entry.description }),
    el('button', { type: 'button', 'data-deploy': entry.id, onclick: () => run(() => openDeploy(entry.id)) }, 'Deploy'))));
}

async function openDeploy(id) {
  const entry = await api('GET', '/api/v1/catalog/' + id);
  state.deploying = entry;
  $('deploy-title').textContent = 'Deploy ' + entry.name;
  $('deploy-hostname').value = '';
  $('deploy-cores').value = entry.resources.recommended_cores;
  $('deploy-cores').min = entry.resources.min_cores;
  $('deploy-memory').value = entry.resources.recommended_memory_mb;
  $('deploy-memory').min = entry.resources.min_memory_mb;
  $('deploy-disk').value = entry.resources.recommended_disk_gb;
  $('deploy-disk').min = entry.resources.min_disk_gb;
  const params = $('deploy-params');
  params.replaceChildren(el('legend', { text: 'Parameters' }), ...entry.parameters.map((p) => {
    const input = el('input', { 'data-param': p.name, type: p.secret ? 'password' : 'text' });
    if (p.default_value) input.value = p.default_value;
    if (p.pattern) input.pattern = p.pattern;
    if (p.required && !p.generated && !p.default_value) input.required = true;
    return el('label', {}, p.name + (p.generated ? ' (generated if empty)' : ''), input, el('span', { class: 'hint', text: p.description }));
  }));
  $('deploy-progress').hidden = true;
  $('deploy-submit').hidden = false;
  $('deploy-dialog').showModal();
}

async function submitDeploy(event) {
  event.preventDefault();
  if (!$('deploy-form').reportValidity()) return;
  const parameters = {};
  for (const input of document.querySelectorAll('[data-param]')) {
    if (input.value !== '') parameters[input.dataset.param] = input.value;
  }
  await run(async () => {
    const accepted = await api('POST', '/api/v1/apps', {
      catalog_id: state.deploying.id, hostname: $('deploy-hostname').value,
      resources: { cores: Number($('deploy-cores').value), memory_mb: Number($('deploy-memory').value), disk_gb: Number($('deploy-disk').value) },
      parameters });
    $('deploy-submit').hidden = true;
    $('deploy-progress').hidden = false;
    $('deploy-steps').replaceChildren();
    $('deploy-result').textContent = '';
    await followEvents(accepted.events_url);
    await refresh();
  });
}

// EventSource cannot send an Authorization header, so the stream is read with fetch.
async function followEvents(url) {
  const response = await fetch(url, { headers: { Authorization: 'Bearer ' + state.token, Accept: 'text/event-stream' } });
  if (!response.ok) throw new Error('cannot follow the deployment: ' + response.status);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = (block.match(/^event: (.*)$/m) || [])[1];
      const data = (block.match(/^data: (.*)$/m) || [])[1];
      if (!name || !data) continue;
      const payload = JSON.parse(data);
      if (name === 'progress') {
        $('deploy-bar').value = payload.percent;
        $('deploy-steps').append(el('li', { text: payload.message }));
      } else {
        $('deploy-bar').value = payload.state === 'succeeded' ? 100 : $('deploy-bar').value;
        $('deploy-result').dataset.state = payload.state;
        if (payload.state === 'succeeded') {
          const app = await api('GET', '/api/v1/apps/' + payload.app);
          const link = app.app.urls[0];
          $('deploy-result').replaceChildren('Running: ', link ? el('a', { href: link, rel: 'noopener', text: link }) : payload.app);
        } else {
          $('deploy-result').textContent = payload.state + ': ' + (payload.error ? payload.error.message : '');
        }
        return;
      }
    }
  }
}

// ---- settings

async function loadSettings() {
  const settings = await api('GET', '/api/v1/system/settings');
  state.mode = settings.mode;
  $('mode-value').textContent = settings.mode;
  $('mode-switch').textContent = settings.mode === 'AUTO' ? 'Switch to PRO' : 'Switch to AUTO';
  await loadAudit();
}

async function loadAudit() {
  const page = await api('GET', '/api/v1/system/audit?limit=20&offset=' + state.auditOffset);
  $('audit-body').replaceChildren(...page.items.map((r) => el('tr', {},
    el('td', { text: new Date(r.time).toLocaleString() }), el('td', { text: r.actor }), el('td', { text: r.action }),
    el('td', { text: r.target }), el('td', { text: r.outcome + (r.detail && r.detail !== r.outcome ? ' (' + r.detail + ')' : '') }))));
  $('audit-older').disabled = state.auditOffset + page.items.length >= page.total;
  $('audit-newer').disabled = state.auditOffset === 0;
}

function selectTab(name) {
  for (const tab of ['apps', 'catalog', 'settings']) {
    $('tab-' + tab).setAttribute('aria-selected', String(tab === name));
    $(tab + '-panel').hidden = tab !== name;
  }
  if (name === 'settings') run(loadSettings);
  if (name === 'apps') run(refresh);
}

// ---- wiring

$('auth-form').addEventListener('submit', (e) => { e.preventDefault(); signIn(false); });
$('register').addEventListener('click', () => { if ($('auth-form').reportValidity()) signIn(true); });
$('logout').addEventListener('click', () => run(async () => { await api('POST', '/api/v1/auth/logout'); signOut(); }));
$('tab-apps').addEventListener('click', () => selectTab('apps'));
$('tab-catalog').addEventListener('click', () => selectTab('catalog'));
$('tab-settings').addEventListener('click', () => selectTab('settings'));
$('refresh-apps').addEventListener('click', () => run(refresh));
$('catalog-search').addEventListener('input', () => run(loadCatalog));
$('catalog-category').addEventListener('change', () => run(loadCatalog));
$('deploy-form').addEventListener('submit', submitDeploy);
$('deploy-close').addEventListener('click', () => $('deploy-dialog').close());
$('mode-switch').addEventListener('click', () => run(async () => {
  await api('PUT', '/api/v1/system/settings/mode', { mode: state.mode === 'AUTO' ? 'PRO' : 'AUTO' });
  await loadSettings();
  await loadSummary();
}));
$('user-form').addEventListener('submit', (e) => { e.preventDefault(); run(async () => {
  await api('POST', '/api/v1/auth/register', { username: $('new-username').value, password: $('new-password').value, role: $('new-role').value });
  $('new-username').value = '';
  $('new-password').value = '';
  await loadAudit();
}); });
$('audit-older').addEventListener('click', () => { state.auditOffset += 20; run(loadAudit); });
$('audit-newer').addEventListener('click', () => { state.auditOffset = Math.max(0, state.auditOffset - 20); run(loadAudit); });

if (state.token) run(enter);
