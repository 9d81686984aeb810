// The Proximity dashboard: a single page over the server's REST API (/api/v1). Plain DOM, ES modules.

import { api, ApiError, followEvents, hasToken, seg, setToken, setUnauthorizedHandler } from './api.js';
import { h, replace, uid, bytes, duration, when, percent } from './dom.js';
import { hostnameProblem, parameterProblem, integerProblem } from './validate.js';

const SAFE_COMMANDS = ['status', 'logs', 'disk', 'processes', 'memory', 'network', 'images', 'volumes', 'config', 'system'];
const REFRESH_MS = 5000;

const state = {
  me: null,
  info: null,
  nodes: [],
  apps: [],
  catalog: null,
  refreshTimer: null,
  viewCleanup: [],
};

const root = document.getElementById('root');
const toasts = document.getElementById('toasts');

// ---------------------------------------------------------------- helpers

function message(error) {
  if (error instanceof ApiError) return error.message;
  return (error && error.message) || String(error);
}

function toast(text, kind = 'info') {
  const el = h(`div.toast.${kind}`, { role: kind === 'error' ? 'alert' : null },
    h('span', {}, text),
    h('button.icon', { type: 'button', 'aria-label': 'Dismiss', onclick: () => el.remove() }, '×'));
  toasts.append(el);
  while (toasts.children.length > 3) toasts.firstElementChild.remove();
  setTimeout(() => el.remove(), kind === 'error' ? 15000 : 6000);
}

function isAdmin() {
  return state.me && state.me.role === 'admin';
}

function isPro() {
  return state.info && state.info.mode === 'PRO';
}

/** A labelled form field with a hint and an error line wired through aria-describedby. */
function field(label, input, hint) {
  const id = input.id || uid('f');
  input.id = id;
  const hintEl = hint ? h('small.hint', { id: `${id}-hint` }, hint) : null;
  const errorEl = h('small.field-error', { id: `${id}-error`, hidden: true });
  input.setAttribute('aria-describedby', [hintEl ? hintEl.id : null, errorEl.id].filter(Boolean).join(' '));
  const wrap = h('div.field', {}, h('label', { for: id }, label), input, hintEl, errorEl);
  return {
    wrap,
    input,
    setError(text) {
      errorEl.textContent = text || '';
      errorEl.hidden = !text;
      if (text) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
  };
}

/** Runs an action with its button disabled and a busy label; shows errors as a message. */
async function busy(button, label, action, errorTarget) {
  const previous = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = label;
  try {
    return await action();
  } catch (e) {
    if (errorTarget) showError(errorTarget, e);
    else toast(message(e), 'error');
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = previous;
  }
}

function showError(target, error) {
  replace(target, error ? message(error) : '');
  target.hidden = !error;
}

function errorBox() {
  return h('p.error-box', { role: 'alert', hidden: true });
}

function statusBadge(status) {
  return h(`span.badge.status-${status}`, {}, status);
}

function onCleanup(fn) {
  state.viewCleanup.push(fn);
}

// ---------------------------------------------------------------- sign in

function renderLogin(notice) {
  stopRefresh();
  // nothing of the previous session stays on screen or in memory for the next user
  state.viewCleanup.forEach((fn) => fn());
  state.viewCleanup = [];
  state.onRefresh = null;
  state.apps = [];
  state.updates = null;
  state.info = null;
  document.querySelectorAll('dialog').forEach((d) => d.close());
  toasts.replaceChildren();
  let mode = 'login';
  const username = field('User name', h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' }));
  const password = field('Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, minlength: 10 }),
    null);
  const error = errorBox();
  const info = h('p.notice', { hidden: !notice }, notice || '');
  const submit = h('button.primary', { type: 'submit', id: 'login-submit' }, 'Sign in');
  const title = h('h1', {}, 'Sign in to Proximity');
  const toggle = h('button.link', { type: 'button', id: 'login-toggle' }, 'Create an account');
  const form = h('form.card.login', { novalidate: true, 'aria-labelledby': 'login-title' },
    h('img.logo', { src: '/ui/logo.svg', alt: '', width: 48, height: 48 }),
    title, info, username.wrap, password.wrap, error, submit,
    h('p.small', {}, toggle));
  title.id = 'login-title';
  toggle.addEventListener('click', () => {
    mode = mode === 'login' ? 'register' : 'login';
    title.textContent = mode === 'login' ? 'Sign in to Proximity' : 'Create an account';
    submit.textContent = mode === 'login' ? 'Sign in' : 'Create account';
    toggle.textContent = mode === 'login' ? 'Create an account' : 'I have an account';
    password.input.autocomplete = mode === 'login' ? 'current-password' : 'new-password';
    replace(password.wrap.querySelector('.hint') || password.wrap.appendChild(h('small.hint')),
      mode === 'register' ? 'At least 10 characters, not containing the user name. The first account becomes the admin.' : '');
    showError(error, null);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const user = username.input.value.trim();
    const pass = password.input.value;
    username.setError(user ? null : 'Enter your user name.');
    password.setError(pass ? (mode === 'register' && pass.length < 10 ? 'Use at least 10 characters.' : null) : 'Enter your password.');
    if (!user || !pass || (mode === 'register' && pass.length < 10)) return;
    showError(error, null);
    await busy(submit, mode === 'login' ? 'Signing in…' : 'Creating…', async () => {
      if (mode === 'register') {
        await api('POST', '/auth/register', { username: user, password: pass });
      }
      const session = await api('POST', '/auth/login', { username: user, password: pass });
      setToken(session.access_token);
      state.me = session.user;
      await startShell();
    }, error);
  });
  replace(root, h('main#main.login-page', { tabindex: '-1' }, form));
  username.input.focus();
}

// ---------------------------------------------------------------- shell

const header = {};

function renderShell() {
  const nav = h('nav.tabs-nav', { 'aria-label': 'Main' },
    navLink('#/catalog', 'Catalog', 'nav-catalog'),
    navLink('#/apps', 'Apps', 'nav-apps'),
    navLink('#/settings', 'Settings', 'nav-settings'));
  header.stats = h('section.stats', { 'aria-label': 'Cluster summary', id: 'stats' });
  header.user = h('span.user', { id: 'current-user' });
  const logout = h('button.ghost', { type: 'button', id: 'logout' }, 'Sign out');
  logout.addEventListener('click', async () => {
    try {
      await api('POST', '/auth/logout', undefined, { timeoutMs: 5000 });
    } catch (e) {
      // the token is dropped locally either way
    }
    setToken(null);
    state.me = null;
    renderLogin('You are signed out.');
  });
  header.main = h('main#main', { tabindex: '-1' });
  replace(root,
    h('header.topbar', {},
      h('a.brand', { href: '#/catalog' }, h('img', { src: '/ui/logo.svg', alt: '', width: 28, height: 28 }), 'Proximity',
        state.info && state.info.demo ? h('span.badge.demo', { title: 'Demo mode: simulated Proxmox cluster' }, 'demo') : null),
      nav,
      h('div.session', {}, header.user, logout)),
    header.stats,
    header.main);
  replace(header.user, state.me.username, ' ', h('span.badge.role', {}, state.me.role));
}

function navLink(href, label, id) {
  return h('a', { href, id }, label);
}

function renderStats() {
  const info = state.info;
  if (!info || !header.stats || !header.stats.isConnected) return;
  const items = [
    stat('Apps', h('span', { id: 'stat-apps' }, `${info.apps_running} running / ${info.apps} total`)),
    stat('Nodes', h('ul.nodes', { id: 'stat-nodes' }, state.nodes.map((n) => h('li', {},
      h('span.node-name', {}, n.name), ' ',
      n.status === 'online'
        ? [meter(n.cpu, `CPU ${percent(n.cpu)}`), ' ', meter(n.max_memory_bytes ? n.memory_bytes / n.max_memory_bytes : 0,
          `RAM ${bytes(n.memory_bytes)} of ${bytes(n.max_memory_bytes)}`)]
        : h('span.badge.status-stopped', {}, n.status))))),
    stat('Mode', h('span', { id: 'stat-mode', class: `badge mode-${info.mode.toLowerCase()}` }, info.mode)),
  ];
  if (info.mode === 'AUTO') {
    items.push(stat('Next backup', h('span', { id: 'stat-next-backup' }, when(info.next_backup))));
    items.push(stat('Next update check', h('span', { id: 'stat-next-update' }, when(info.next_update_check))));
  }
  replace(header.stats, h('dl.stat-list', {}, items));
  document.querySelectorAll('[data-pro-only]').forEach((el) => { el.hidden = !isPro(); });
}

function stat(label, value) {
  return h('div.stat', {}, h('dt', {}, label), h('dd', {}, value));
}

function meter(ratio, label) {
  const value = Math.max(0, Math.min(1, Number(ratio) || 0));
  return h('span.meter', { title: label },
    h('span.sr-only', {}, label),
    h('span.meter-bar', { 'aria-hidden': 'true' }, h('span.meter-fill', { class: value > 0.85 ? 'hot' : '', dataset: { w: Math.round(value * 100) } })),
    h('span.meter-label', { 'aria-hidden': 'true' }, label));
}

async function refreshStats() {
  try {
    const [info, nodes] = await Promise.all([api('GET', '/system/info'), api('GET', '/system/nodes')]);
    const modeChanged = state.info && state.info.mode !== info.mode;
    state.info = info;
    state.nodes = nodes.items || [];
    renderStats();
    if (header.stats) applyMeters(header.stats);
    return modeChanged;
  } catch (e) {
    if (header.stats) replace(header.stats, h('p.error-box', { role: 'alert' }, `Cluster summary unavailable: ${message(e)}`));
    return false;
  }
}

/** Widths come from data attributes through CSSOM (inline style attributes are blocked by the CSP). */
function applyMeters(scope) {
  scope.querySelectorAll('[data-w]').forEach((el) => { el.style.width = `${el.dataset.w}%`; });
}

function startRefresh() {
  stopRefresh();
  state.refreshTimer = setInterval(async () => {
    if (document.hidden) return;
    const modeChanged = await refreshStats();
    if (modeChanged) route();
    else if (state.onRefresh) state.onRefresh();
  }, REFRESH_MS);
}

function stopRefresh() {
  if (state.refreshTimer) clearInterval(state.refreshTimer);
  state.refreshTimer = null;
}

async function startShell() {
  if (!state.me) state.me = await api('GET', '/auth/me');
  await refreshStats();
  renderShell();
  renderStats();
  applyMeters(header.stats);
  startRefresh();
  if (!location.hash || location.hash === '#/') location.hash = '#/catalog';
  else route();
}

// ---------------------------------------------------------------- routing

function route() {
  if (!state.me || !header.main) return;
  state.viewCleanup.forEach((fn) => fn());
  state.viewCleanup = [];
  state.onRefresh = null;
  const hash = location.hash || '#/catalog';
  const parts = hash.slice(2).split('/').map(decodeURIComponent);
  document.querySelectorAll('.tabs-nav a').forEach((a) => {
    if (hash.startsWith(a.getAttribute('href'))) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  if (parts[0] === 'apps' && parts[1]) renderAppDetail(parts[1]);
  else if (parts[0] === 'apps') renderApps();
  else if (parts[0] === 'settings') renderSettings();
  else renderCatalog();
}

function view(title, ...children) {
  const heading = h('h2', { id: 'view-title', tabindex: '-1' }, title);
  replace(header.main, heading, ...children);
  document.title = `${title} · Proximity`;
  return heading;
}

// ---------------------------------------------------------------- catalog

async function renderCatalog() {
  const search = h('input', { type: 'search', id: 'catalog-search', placeholder: 'Name, description or tag', autocomplete: 'off' });
  const category = h('select', { id: 'catalog-category' }, h('option', { value: '' }, 'All categories'));
  const grid = h('ul.catalog-grid', { id: 'catalog-grid', 'aria-live': 'polite', 'aria-busy': 'true' });
  const count = h('p.small', { id: 'catalog-count', role: 'status' });
  const error = errorBox();
  view('Catalog',
    h('div.toolbar', {}, field('Search', search).wrap, field('Category', category).wrap),
    count, error, grid);
  try {
    if (!state.catalog) state.catalog = await api('GET', '/catalog');
  } catch (e) {
    showError(error, e);
    grid.removeAttribute('aria-busy');
    return;
  }
  for (const c of state.catalog.categories || []) category.append(h('option', { value: c }, c));
  const draw = () => {
    const q = search.value.trim().toLowerCase();
    const cat = category.value;
    const items = state.catalog.items.filter((a) => (!cat || a.category === cat) && (!q
      || [a.id, a.name, a.description, ...(a.tags || [])].join(' ').toLowerCase().includes(q)));
    replace(count, `${items.length} of ${state.catalog.items.length} apps`);
    replace(grid, items.length ? items.map(catalogCard) : h('li.empty', {}, 'No app matches; try another search.'));
    grid.removeAttribute('aria-busy');
  };
  search.addEventListener('input', draw);
  category.addEventListener('change', draw);
  draw();
}

/** The letter shows until the (remote) icon has loaded, so a slow or blocked icon never leaves a hole. */
function appIcon(entry, size = 40) {
  const letter = h('span.icon-fallback', { 'aria-hidden': 'true' }, (entry.name || entry.id || '?').slice(0, 1).toUpperCase());
  if (!entry.icon) return letter;
  const img = h('img.app-icon', { alt: '', width: size, height: size, referrerpolicy: 'no-referrer' });
  img.addEventListener('load', () => letter.replaceWith(img), { once: true });
  img.src = entry.icon;
  return letter;
}

function catalogCard(entry) {
  const r = entry.resources || {};
  const button = h('button.primary', { type: 'button', dataset: { deploy: entry.id }, 'aria-label': `Deploy ${entry.name}` }, 'Deploy');
  button.addEventListener('click', () => openDeploy(entry.id));
  return h('li.card.catalog-card', { dataset: { app: entry.id } },
    h('div.card-head', {}, appIcon(entry), h('div', {}, h('h3', {}, entry.name), h('p.small', {}, `${entry.category} · v${entry.version}`))),
    h('p.description', {}, entry.description),
    h('p.hints', {}, `${r.recommended_cores || r.min_cores || 1} core · ${r.recommended_memory_mb || r.min_memory_mb} MB RAM · ${r.recommended_disk_gb || r.min_disk_gb} GB disk`,
      h('span.sr-only', {}, ' recommended'), h('span.small', {}, ` (min ${r.min_memory_mb} MB, ${r.min_disk_gb} GB)`)),
    h('div.card-actions', {}, button));
}

// ---------------------------------------------------------------- deploy

function modal(titleText, { id, onClose } = {}) {
  const title = h('h2', { id: uid('dlg') }, titleText);
  const body = h('div.dialog-body');
  const close = h('button.icon', { type: 'button', 'aria-label': 'Close' }, '×');
  const dialog = h('dialog.modal', { 'aria-labelledby': title.id, id }, h('div.dialog-head', {}, title, close), body);
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (onClose) onClose();
  });
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, body, title };
}

async function openDeploy(catalogId) {
  const { dialog, body, title } = modal('Deploy', { id: 'deploy-dialog' });
  replace(body, h('p', { role: 'status' }, 'Loading the app…'));
  let entry;
  try {
    entry = await api('GET', `/catalog/${seg(catalogId)}`);
  } catch (e) {
    replace(body, h('p.error-box', { role: 'alert' }, message(e)));
    return;
  }
  title.textContent = `Deploy ${entry.name}`;
  const r = entry.resources || {};
  const hostname = field('App name', h('input', { name: 'hostname', id: 'deploy-hostname', required: true, autocomplete: 'off', spellcheck: 'false', value: suggestName(entry.id), maxlength: 63 }),
    'Becomes the container\'s host name: lower-case letters, digits and "-".');
  const node = h('select', { id: 'deploy-node' }, h('option', { value: '' }, 'Automatic (least loaded)'),
    state.nodes.filter((n) => n.status === 'online').map((n) => h('option', { value: n.name }, n.name)));
  const cores = field('CPU cores', h('input', { type: 'number', id: 'deploy-cores', min: r.min_cores || 1, max: 128, step: 1, value: r.recommended_cores || r.min_cores || 1 }), `Minimum ${r.min_cores || 1}`);
  const memory = field('Memory (MB)', h('input', { type: 'number', id: 'deploy-memory', min: r.min_memory_mb || 64, step: 64, value: r.recommended_memory_mb || r.min_memory_mb }), `Minimum ${r.min_memory_mb} MB`);
  const disk = field('Disk (GB)', h('input', { type: 'number', id: 'deploy-disk', min: r.min_disk_gb || 1, step: 1, value: r.recommended_disk_gb || r.min_disk_gb }), `Minimum ${r.min_disk_gb} GB`);
  const params = (entry.parameters || []).map((p) => {
    let input;
    if (p.type === 'boolean') {
      input = h('select', { name: p.name }, h('option', { value: 'true' }, 'true'), h('option', { value: 'false' }, 'false'));
      input.value = p.default_value === 'true' ? 'true' : 'false';
    } else {
      input = h('input', {
        name: p.name,
        type: p.secret || p.type === 'password' ? 'password' : p.type === 'url' ? 'url' : 'text',
        autocomplete: p.secret || p.type === 'password' ? 'new-password' : 'off',
        value: p.secret ? '' : (p.default_value || ''),
        placeholder: p.generated ? 'Leave empty to generate one' : '',
      });
    }
    const f = field(`${p.name}${p.required && !p.generated ? ' *' : ''}`, input, p.description);
    return { p, f };
  });
  const error = errorBox();
  const submit = h('button.primary', { type: 'submit', id: 'deploy-submit' }, 'Deploy');
  const form = h('form.deploy-form', { novalidate: true },
    h('p.small', {}, entry.description),
    hostname.wrap,
    h('fieldset', {}, h('legend', {}, 'Resources'), h('div.grid3', {}, cores.wrap, memory.wrap, disk.wrap), field('Node', node).wrap),
    params.length ? h('fieldset', {}, h('legend', {}, 'Parameters'), params.map(({ f }) => f.wrap)) : null,
    error,
    h('div.dialog-actions', {}, h('button.ghost', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), submit));
  replace(body, form);
  hostname.input.addEventListener('input', () => hostname.setError(hostnameProblem(hostname.input.value)));
  hostname.input.focus();
  hostname.input.select();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const problems = [];
    const check = (f, problem) => {
      f.setError(problem);
      if (problem) problems.push(f.input);
    };
    check(hostname, hostnameProblem(hostname.input.value.trim()));
    check(cores, integerProblem(cores.input.value, r.min_cores || 1, 128, 'Cores'));
    check(memory, integerProblem(memory.input.value, r.min_memory_mb || 16, undefined, 'Memory'));
    check(disk, integerProblem(disk.input.value, r.min_disk_gb || 1, undefined, 'Disk'));
    for (const { p, f } of params) check(f, parameterProblem(p, f.input.value));
    if (problems.length) {
      problems[0].focus();
      return;
    }
    const request = {
      catalog_id: entry.id,
      hostname: hostname.input.value.trim(),
      resources: {},
      parameters: {},
    };
    if (node.value) request.node = node.value;
    if (cores.input.value) request.resources.cores = Number(cores.input.value);
    if (memory.input.value) request.resources.memory_mb = Number(memory.input.value);
    if (disk.input.value) request.resources.disk_gb = Number(disk.input.value);
    for (const { p, f } of params) if (f.input.value !== '') request.parameters[p.name] = f.input.value;
    showError(error, null);
    const accepted = await busy(submit, 'Starting…', () => api('POST', '/apps', request), error);
    if (!accepted) {
      if (error.textContent && /hostname|name/i.test(error.textContent)) hostname.input.focus();
      return;
    }
    state.catalog = state.catalog; // unchanged
    showProgress(dialog, body, title, entry, accepted);
  });
}

function suggestName(id) {
  const base = id.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^[^a-z]+/, '').slice(0, 50) || 'app';
  const taken = new Set(state.apps.map((a) => a.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

function showProgress(dialog, body, title, entry, accepted, verb = 'Deploying') {
  title.textContent = `${verb} ${accepted.app}`;
  const bar = h('progress', { id: 'deploy-progress', max: 100, value: 0, 'aria-label': 'Deployment progress' });
  const pct = h('span.pct', { id: 'deploy-percent' }, '0 %');
  const live = h('p.live', { id: 'deploy-status', role: 'status', 'aria-live': 'polite' }, 'Waiting for the first step…');
  const steps = h('ol.steps', { id: 'deploy-steps' });
  const result = h('div.result', { id: 'deploy-result' });
  const cancel = h('button.ghost', { type: 'button', id: 'deploy-cancel' }, 'Cancel deployment');
  const hide = h('button', { type: 'button' }, 'Hide (keeps running)');
  hide.addEventListener('click', () => dialog.close());
  const actions = h('div.dialog-actions', {}, cancel, hide);
  replace(body, h('div.progress-view', {}, h('div.progress-line', {}, bar, pct), live, steps, result, actions));
  const controller = new AbortController();
  dialog.addEventListener('close', () => controller.abort(), { once: true });
  cancel.addEventListener('click', () => busy(cancel, 'Cancelling…', async () => {
    await api('DELETE', `/deployments/${seg(accepted.deployment_id)}`);
    live.textContent = 'Cancelling; the SDK rolls back what was created…';
  }));
  let lastStep = null;
  const finish = async (event) => {
    const v = event.data || {};
    cancel.remove();
    bar.value = event.event === 'succeeded' ? 100 : bar.value;
    pct.textContent = `${bar.value} %`;
    if (event.event === 'succeeded') {
      live.textContent = 'Done.';
      result.classList.add('ok');
      let urls = [];
      try {
        const detail = await api('GET', `/apps/${seg(accepted.app)}`);
        urls = (detail.app && detail.app.urls) || [];
      } catch (e) {
        // the app list shows it anyway
      }
      replace(result,
        h('p', {}, h('strong', {}, `${accepted.app} is running.`)),
        urls.length ? h('p', {}, 'Open it at ', urls.map((u) => h('a.app-url', { href: u, target: '_blank', rel: 'noopener noreferrer' }, u))) : h('p.small', {}, 'The app has no web address yet.'),
        h('p', {}, h('a', { href: `#/apps/${encodeURIComponent(accepted.app)}`, id: 'deploy-open-app', onclick: () => dialog.close() }, 'Manage the app')));
    } else {
      live.textContent = event.event === 'cancelled' ? `${verb} was cancelled.` : `${verb} failed.`;
      result.classList.add('bad');
      replace(result, h('p.error-box', { role: 'alert' }, (v.error && v.error.message) || `Deployment ${event.event}.`));
    }
    refreshStats();
    if (state.onRefresh) state.onRefresh();
  };
  followEvents(`/deployments/${seg(accepted.deployment_id)}/events`, (event) => {
    if (event.event === 'progress') {
      const s = event.data;
      bar.value = s.percent;
      pct.textContent = `${s.percent} %`;
      if (s.step !== lastStep) {
        lastStep = s.step;
        live.textContent = `${s.step}: ${s.message}`;
      }
      steps.append(h('li', {}, h('span.step', {}, s.step), ' ', s.message));
      steps.scrollTop = steps.scrollHeight;
      return false;
    }
    if (['succeeded', 'failed', 'cancelled'].includes(event.event)) {
      finish(event);
      return true;
    }
    return false;
  }, {
    signal: controller.signal,
    onState: (s) => { if (s === 'reconnecting') live.textContent = 'Connection lost; reconnecting…'; },
  }).catch((e) => {
    live.textContent = 'Progress unavailable.';
    replace(result, h('p.error-box', { role: 'alert' }, `${message(e)} The deployment continues on the server; see the Apps list.`));
  });
}

// ---------------------------------------------------------------- apps

async function loadApps() {
  const [list, updates] = await Promise.all([
    api('GET', '/apps'),
    api('GET', '/apps/updates').catch(() => ({ items: [] })),
  ]);
  state.apps = list.items || [];
  state.updates = new Map((updates.items || []).map((u) => [u.app, u.available_version]));
  return state.apps;
}

function updateButton(app, after) {
  const version = state.updates && state.updates.get(app.name);
  if (!version) return null;
  const b = h('button.small', { type: 'button', dataset: { update: app.name }, 'aria-label': `Update ${app.name} to ${version}` }, `Update to ${version}`);
  b.addEventListener('click', () => busy(b, 'Starting…', async () => {
    const accepted = await api('POST', `/apps/${seg(app.name)}/update`, {});
    const { dialog, body, title } = modal(`Updating ${app.name}`, { id: 'update-dialog', onClose: () => after && after() });
    showProgress(dialog, body, title, null, accepted, 'Updating');
  }));
  return b;
}

async function renderApps() {
  const body = h('tbody', { id: 'apps-body' });
  const error = errorBox();
  const table = h('table.apps', { id: 'apps-table' },
    h('caption.sr-only', {}, 'Your apps'),
    h('thead', {}, h('tr', {}, ['Name', 'Status', 'Node', 'IP', 'Uptime', 'CPU', 'Memory', isAdmin() ? 'Owner' : null, 'Actions']
      .filter(Boolean).map((c) => h('th', { scope: 'col' }, c)))),
    body);
  const empty = h('p.empty', { hidden: true, id: 'apps-empty' }, 'No apps yet. ', h('a', { href: '#/catalog' }, 'Deploy one from the catalog.'));
  view('Apps', error, h('div.table-wrap', {}, table), empty);
  const draw = async () => {
    try {
      await loadApps();
      showError(error, null);
    } catch (e) {
      showError(error, e);
      return;
    }
    empty.hidden = state.apps.length > 0;
    table.hidden = state.apps.length === 0;
    replace(body, state.apps.map(appRow));
  };
  state.onRefresh = draw;
  await draw();
}

function appRow(app) {
  const u = app.usage || {};
  return h('tr', { dataset: { app: app.name } },
    h('th', { scope: 'row', 'data-label': 'Name' }, h('a', { href: `#/apps/${encodeURIComponent(app.name)}` }, app.name),
      h('span.small.block', {}, app.catalog_id)),
    h('td', { 'data-label': 'Status' }, statusBadge(app.status)),
    h('td', { 'data-label': 'Node' }, app.node),
    h('td', { 'data-label': 'IP' }, app.ipv4 || '—'),
    h('td', { 'data-label': 'Uptime' }, app.status === 'running' ? duration(u.uptime_seconds) : '—'),
    h('td', { 'data-label': 'CPU' }, app.status === 'running' ? percent(u.cpu) : '—'),
    h('td', { 'data-label': 'Memory' }, app.status === 'running' ? `${bytes(u.memory_bytes)} / ${bytes(u.max_memory_bytes)}` : bytes(u.max_memory_bytes)),
    isAdmin() ? h('td', { 'data-label': 'Owner' }, app.owner || '—') : null,
    h('td.actions', { 'data-label': 'Actions' }, powerButtons(app, () => state.onRefresh && state.onRefresh()),
      updateButton(app, () => state.onRefresh && state.onRefresh())));
}

function powerButtons(app, after) {
  const make = (action, label) => {
    const b = h('button.small', { type: 'button', dataset: { action }, 'aria-label': `${label} ${app.name}` }, label);
    b.addEventListener('click', () => busy(b, `${label}…`, async () => {
      await api('POST', `/apps/${seg(app.name)}/actions`, { action }, { timeoutMs: 120000 });
      toast(`${app.name}: ${action} done.`);
      await after();
    }));
    return b;
  };
  return app.status === 'running'
    ? [make('stop', 'Stop'), make('restart', 'Restart')]
    : [make('start', 'Start')];
}

async function renderAppDetail(name) {
  const heading = view(name);
  const error = errorBox();
  const summary = h('section.card.app-summary', { id: 'app-summary', 'aria-label': 'App summary' });
  const tabs = h('div.tabs');
  header.main.append(error, summary, tabs);
  let app;
  const drawSummary = async () => {
    let detail;
    try {
      detail = await api('GET', `/apps/${seg(name)}`);
      showError(error, null);
    } catch (e) {
      showError(error, e);
      if (e.status === 404) summary.hidden = true;
      return null;
    }
    app = detail.app;
    const u = app.usage || {};
    replace(heading, app.name, ' ', statusBadge(app.status));
    replace(summary,
      h('div.summary-grid', {},
        h('dl.meta', {},
          meta('Status', h('span', { id: 'app-status' }, app.status)),
          meta('Web address', app.urls && app.urls.length ? app.urls.map((x) => h('a.app-url', { href: x, target: '_blank', rel: 'noopener noreferrer' }, x)) : '—'),
          meta('Node', app.node), meta('IP', app.ipv4 || '—'), meta('Container', app.vmid),
          meta('App', `${app.catalog_id} ${app.version}`),
          meta('Uptime', app.status === 'running' ? duration(u.uptime_seconds) : '—'),
          meta('CPU', `${app.status === 'running' ? percent(u.cpu) : '—'} of ${u.cores} core${u.cores === 1 ? '' : 's'}`),
          meta('Memory', `${bytes(u.memory_bytes)} / ${bytes(u.max_memory_bytes)}`),
          meta('Disk', `${bytes(u.disk_bytes)} / ${bytes(u.max_disk_bytes)}`),
          app.owner && isAdmin() ? meta('Owner', app.owner) : null,
          meta('Created', when(app.created_at))),
        h('div', {},
          h('h3', {}, 'Services'),
          (detail.services || []).length
            ? h('ul.services', {}, detail.services.map((s) => h('li', {}, h('span.badge', { class: s.healthy ? 'status-running' : 'status-stopped' }, s.state), ' ', s.service, s.health ? h('span.small', {}, ` (${s.health})`) : null)))
            : h('p.small', {}, 'No service status available.'))),
      h('div.toolbar.actions', { id: 'app-actions' }, powerButtons(app, drawSummary), updateButton(app, drawSummary),
        isPro() ? h('button.small', { type: 'button', id: 'clone-open', onclick: () => openClone(app) }, 'Clone…') : null,
        h('button.small.danger', { type: 'button', id: 'delete-open', onclick: () => openDelete(app) }, 'Delete…')));
    return app;
  };
  state.onRefresh = drawSummary;
  try {
    await loadApps();
  } catch (e) {
    // the summary below reports the error
  }
  if (!(await drawSummary())) return;
  const panels = [
    ['logs', 'Logs', logsPanel],
    ['commands', 'Commands', commandsPanel],
    ['backups', 'Backups', backupsPanel],
  ];
  if (isPro()) panels.push(['resources', 'Resources', resourcesPanel]);
  tabWidget(tabs, panels.map(([id, label, make]) => ({ id, label, make: () => make(app) })));
}

function meta(label, value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

/** Accessible tabs: arrow keys, Home and End move between tabs; panels are built on first show. */
function tabWidget(container, tabs) {
  const list = h('div.tablist', { role: 'tablist', 'aria-label': 'App tools' });
  const buttons = [];
  const panels = [];
  tabs.forEach((t, i) => {
    const button = h('button.tab', { type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': `panel-${t.id}`, 'aria-selected': 'false', tabindex: '-1' }, t.label);
    const panel = h('section.tabpanel.card', { role: 'tabpanel', id: `panel-${t.id}`, 'aria-labelledby': button.id, hidden: true, tabindex: '0' });
    button.addEventListener('click', () => select(i));
    button.addEventListener('keydown', (e) => {
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      select((next + tabs.length) % tabs.length, true);
    });
    buttons.push(button);
    panels.push(panel);
    list.append(button);
  });
  function select(index, focus) {
    buttons.forEach((b, j) => {
      b.setAttribute('aria-selected', String(j === index));
      b.tabIndex = j === index ? 0 : -1;
      panels[j].hidden = j !== index;
    });
    if (!panels[index].dataset.built) {
      panels[index].dataset.built = '1';
      replace(panels[index], tabs[index].make());
    }
    if (focus) buttons[index].focus();
  }
  replace(container, list, panels);
  select(0);
}

function logsPanel(app) {
  const tail = h('select', { id: 'logs-tail' }, [100, 200, 500, 1000].map((n) => h('option', { value: n }, `${n} lines`)));
  const follow = h('input', { type: 'checkbox', id: 'logs-follow' });
  const refresh = h('button.small', { type: 'button', id: 'logs-refresh' }, 'Refresh');
  const out = h('pre.output', { id: 'logs-output', tabindex: '0', 'aria-label': `Logs of ${app.name}` }, 'Loading…');
  const error = errorBox();
  const stamp = h('span.small', { role: 'status' });
  let timer = null;
  const load = async () => {
    try {
      const logs = await api('GET', `/apps/${seg(app.name)}/logs?tail=${tail.value}`);
      const atBottom = out.scrollTop + out.clientHeight >= out.scrollHeight - 8;
      out.textContent = logs.lines.length ? logs.lines.join('\n') : '(no log lines yet)';
      if (atBottom || !follow.checked) out.scrollTop = out.scrollHeight;
      stamp.textContent = `Updated ${new Date().toLocaleTimeString()}`;
      showError(error, null);
    } catch (e) {
      showError(error, e);
    }
  };
  const setFollow = () => {
    clearInterval(timer);
    timer = follow.checked ? setInterval(load, 3000) : null;
  };
  follow.addEventListener('change', setFollow);
  tail.addEventListener('change', load);
  refresh.addEventListener('click', () => busy(refresh, 'Loading…', load));
  onCleanup(() => clearInterval(timer));
  load();
  return [
    h('div.toolbar', {}, field('Show', tail).wrap,
      h('div.check', {}, follow, h('label', { for: 'logs-follow' }, 'Follow (refresh every 3 s)')), refresh, stamp),
    error, out];
}

function commandsPanel(app) {
  const out = h('pre.output', { id: 'command-output', tabindex: '0', 'aria-label': 'Command output' }, 'Choose a command.');
  const status = h('p.small', { id: 'command-status', role: 'status', 'aria-live': 'polite' });
  const buttons = SAFE_COMMANDS.map((name) => {
    const b = h('button.small', { type: 'button', dataset: { command: name } }, name);
    b.addEventListener('click', () => busy(b, `${name}…`, async () => {
      status.textContent = `Running ${name}…`;
      try {
        const r = await api('GET', `/apps/${seg(app.name)}/commands/${seg(name)}`, undefined, { timeoutMs: 90000 });
        out.textContent = [r.output, r.errors].filter(Boolean).join('\n') || '(no output)';
        status.textContent = `${name}: exit code ${r.exit_code}, ${r.duration_ms} ms${r.truncated ? ', output truncated' : ''}.`;
      } catch (e) {
        out.textContent = '';
        status.textContent = `${name} failed: ${message(e)}`;
      }
    }));
    return b;
  });
  return [h('p.small', {}, 'Read-only diagnostics, run inside the container. Every run is audited.'),
    h('div.toolbar.wrap', { id: 'commands' }, buttons), status, out];
}

function backupsPanel(app) {
  const list = h('div', { id: 'backups-list' }, h('p.small', {}, 'Loading backups…'));
  const error = errorBox();
  const load = async () => {
    try {
      const r = await api('GET', `/apps/${seg(app.name)}/backups`);
      showError(error, null);
      const items = r.items || [];
      replace(list, items.length
        ? h('table.backups', {}, h('caption.sr-only', {}, `Backups of ${app.name}`),
          h('thead', {}, h('tr', {}, ['Created', 'Size', 'Storage', 'Notes', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, items.map((b) => h('tr', { dataset: { backup: b.id } },
            h('td', { 'data-label': 'Created' }, when(b.created_at)), h('td', { 'data-label': 'Size' }, bytes(b.size_bytes)),
            h('td', { 'data-label': 'Storage' }, b.storage), h('td', { 'data-label': 'Notes' }, b.notes || '—'),
            h('td.actions', { 'data-label': 'Actions' },
              h('button.small', { type: 'button', onclick: () => confirmRestore(app, b, load) }, 'Restore…'),
              h('button.small.danger', { type: 'button', 'aria-label': `Delete backup from ${when(b.created_at)}`, onclick: (e) => deleteBackup(e.currentTarget, app, b, load) }, 'Delete'))))))
        : h('p.empty', {}, 'No backups yet.'));
    } catch (e) {
      showError(error, e);
    }
  };
  const notes = h('input', { id: 'backup-notes', maxlength: 200, placeholder: 'optional' });
  const now = h('button.primary.small', { type: 'button', id: 'backup-now' }, 'Back up now');
  now.addEventListener('click', () => busy(now, 'Backing up…', async () => {
    const body = notes.value.trim() ? { notes: notes.value.trim() } : {};
    await api('POST', `/apps/${seg(app.name)}/backups`, body, { timeoutMs: 600000 });
    toast(`Backup of ${app.name} created.`);
    notes.value = '';
    await load();
  }, error));
  load();
  return [
    isPro()
      ? h('div.toolbar', {}, field('Notes', notes).wrap, now)
      : h('p.small', {}, 'In AUTO mode Proxmox backs up every app on a schedule; manual backups need PRO mode.'),
    error, list];
}

function confirmRestore(app, backup, after) {
  const { dialog, body } = modal(`Restore ${app.name}`, { id: 'restore-dialog' });
  const error = errorBox();
  const over = h('input', { type: 'radio', name: 'restore-target', id: 'restore-over', value: 'over', checked: true });
  const asNew = h('input', { type: 'radio', name: 'restore-target', id: 'restore-new', value: 'new' });
  const name = field('Name of the new app', h('input', { id: 'restore-hostname', value: `${app.name}-restored`.slice(0, 63), autocomplete: 'off', spellcheck: 'false', disabled: true }));
  const go = h('button.danger', { type: 'submit', id: 'restore-confirm' }, `Restore over ${app.name}`);
  const sync = () => {
    name.input.disabled = !asNew.checked;
    go.textContent = asNew.checked ? 'Restore into a new app' : `Restore over ${app.name}`;
    go.className = asNew.checked ? 'primary' : 'danger';
  };
  over.addEventListener('change', sync);
  asNew.addEventListener('change', sync);
  const form = h('form', { novalidate: true },
    h('p', {}, `Backup from ${when(backup.created_at)} (${bytes(backup.size_bytes)}).`),
    h('fieldset', {}, h('legend', {}, 'Restore'),
      h('div.check', {}, over, h('label', { for: 'restore-over' }, `Over ${app.name}: its current data is replaced; changes since the backup are lost.`)),
      h('div.check', {}, asNew, h('label', { for: 'restore-new' }, 'Into a new app, leaving this one as it is')),
      name.wrap),
    error, h('div.dialog-actions', {}, h('button.ghost', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), go));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const request = {};
    if (asNew.checked) {
      const problem = hostnameProblem(name.input.value.trim());
      name.setError(problem);
      if (problem) return;
      request.hostname = name.input.value.trim();
    }
    const restored = await busy(go, 'Restoring…', () => api('POST', `/apps/${seg(app.name)}/backups/${seg(backup.id)}/restore`, request, { timeoutMs: 600000 }), error);
    if (!restored) return;
    toast(asNew.checked ? `${restored.name} created from the backup.` : `${app.name} restored from the backup of ${when(backup.created_at)}.`);
    dialog.close();
    if (asNew.checked) location.hash = `#/apps/${encodeURIComponent(restored.name)}`;
    else await after();
  });
  replace(body, form);
}

async function deleteBackup(button, app, backup, after) {
  if (!window.confirm(`Delete the backup of ${app.name} from ${when(backup.created_at)}?`)) return;
  await busy(button, 'Deleting…', async () => {
    await api('DELETE', `/apps/${seg(app.name)}/backups/${seg(backup.id)}`, undefined, { timeoutMs: 120000 });
    toast('Backup deleted.');
    await after();
  });
}

function resourcesPanel(app) {
  const u = app.usage || {};
  const cores = field('CPU cores', h('input', { type: 'number', id: 'res-cores', min: 1, max: 128, value: u.cores }));
  const memory = field('Memory (MB)', h('input', { type: 'number', id: 'res-memory', min: 16, step: 64, value: Math.round((u.max_memory_bytes || 0) / 1048576) }));
  const disk = field('Disk (GB)', h('input', { type: 'number', id: 'res-disk', min: 1, value: Math.round((u.max_disk_bytes || 0) / 1073741824) }), 'Disks can only grow.');
  const error = errorBox();
  const save = h('button.primary', { type: 'submit', id: 'res-save' }, 'Apply');
  const form = h('form', { novalidate: true }, h('div.grid3', {}, cores.wrap, memory.wrap, disk.wrap), error, save);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const problems = [
      [cores, integerProblem(cores.input.value, 1, 128, 'Cores')],
      [memory, integerProblem(memory.input.value, 16, undefined, 'Memory')],
      [disk, integerProblem(disk.input.value, 1, undefined, 'Disk')],
    ];
    problems.forEach(([f, p]) => f.setError(p));
    if (problems.some(([, p]) => p)) return;
    const body = {};
    if (Number(cores.input.value) !== u.cores) body.cores = Number(cores.input.value);
    if (Number(memory.input.value) !== Math.round(u.max_memory_bytes / 1048576)) body.memory_mb = Number(memory.input.value);
    if (Number(disk.input.value) !== Math.round(u.max_disk_bytes / 1073741824)) body.disk_gb = Number(disk.input.value);
    if (!Object.keys(body).length) {
      showError(error, new Error('Nothing changed.'));
      return;
    }
    await busy(save, 'Applying…', async () => {
      await api('PUT', `/apps/${seg(app.name)}/resources`, body, { timeoutMs: 120000 });
      toast(`${app.name}: resources updated.`);
      showError(error, null);
      if (state.onRefresh) await state.onRefresh();
    }, error);
  });
  return [h('p.small', {}, 'PRO mode: change the container\'s CPU, memory and disk.'), form];
}

function openClone(app) {
  const { dialog, body } = modal(`Clone ${app.name}`, { id: 'clone-dialog' });
  const name = field('Name of the clone', h('input', { id: 'clone-hostname', value: `${app.name}-copy`.slice(0, 63), autocomplete: 'off', spellcheck: 'false' }),
    'A new app with a copy of the container and its data.');
  const error = errorBox();
  const go = h('button.primary', { type: 'submit', id: 'clone-submit' }, 'Clone');
  const form = h('form', { novalidate: true }, name.wrap, error,
    h('div.dialog-actions', {}, h('button.ghost', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), go));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const problem = hostnameProblem(name.input.value.trim());
    name.setError(problem);
    if (problem) return;
    const clone = await busy(go, 'Cloning…', () => api('POST', `/apps/${seg(app.name)}/clone`, { hostname: name.input.value.trim() }, { timeoutMs: 600000 }), error);
    if (clone) {
      toast(`${clone.name} created from ${app.name}.`);
      dialog.close();
      location.hash = `#/apps/${encodeURIComponent(clone.name)}`;
    }
  });
  replace(body, form);
  name.input.focus();
}

function openDelete(app) {
  const { dialog, body } = modal(`Delete ${app.name}?`, { id: 'delete-dialog' });
  const confirmInput = h('input', { id: 'delete-confirm-name', autocomplete: 'off', spellcheck: 'false' });
  const withBackups = h('input', { type: 'checkbox', id: 'delete-backups' });
  const error = errorBox();
  const go = h('button.danger', { type: 'submit', id: 'delete-confirm', disabled: true }, `Delete ${app.name}`);
  confirmInput.addEventListener('input', () => { go.disabled = confirmInput.value.trim() !== app.name; });
  const form = h('form', { novalidate: true },
    h('p', {}, 'This stops and destroys the container ', h('strong', {}, app.name), ' and its data. It cannot be undone.'),
    field(`Type ${app.name} to confirm`, confirmInput).wrap,
    h('div.check', {}, withBackups, h('label', { for: 'delete-backups' }, 'Also delete its backups')),
    error,
    h('div.dialog-actions', {}, h('button.ghost', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), go));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (confirmInput.value.trim() !== app.name) return;
    const ok = await busy(go, 'Deleting…', async () => {
      await api('DELETE', `/apps/${seg(app.name)}?force=true&with_backups=${withBackups.checked}`, undefined, { timeoutMs: 300000 });
      return true;
    }, error);
    if (ok) {
      toast(`${app.name} deleted.`);
      dialog.close();
      location.hash = '#/apps';
      refreshStats();
    }
  });
  replace(body, form);
  confirmInput.focus();
}

// ---------------------------------------------------------------- settings

function renderSettings() {
  const sections = [accountSection()];
  if (isAdmin()) sections.push(modeSection(), usersSection(), auditSection());
  else sections.push(h('section.card', {}, h('h3', {}, 'Mode'), h('p', {}, `The server is in ${state.info ? state.info.mode : '…'} mode. An admin can change it.`)));
  view('Settings', ...sections);
}

function accountSection() {
  return h('section.card', { 'aria-labelledby': 'acct-title' }, h('h3', { id: 'acct-title' }, 'Account'),
    h('dl.meta', {}, meta('User', state.me.username), meta('Role', state.me.role), meta('Since', when(state.me.created_at))));
}

function modeSection() {
  const error = errorBox();
  const details = h('div', { id: 'autopilot' });
  const current = state.info.mode;
  const radios = ['AUTO', 'PRO'].map((m) => h('div.check', {},
    h('input', { type: 'radio', name: 'mode', id: `mode-${m.toLowerCase()}`, value: m, checked: m === current }),
    h('label', { for: `mode-${m.toLowerCase()}` }, h('strong', {}, m), ' — ',
      m === 'AUTO' ? 'Proxmox backs up every app on a schedule and updates are checked weekly; clone, resizing and manual backups are off.'
        : 'Manual control: clone, resource editing and manual backups; no automatic backups or update checks.')));
  const save = h('button.primary', { type: 'submit', id: 'mode-save' }, 'Save mode');
  const form = h('form', {}, h('fieldset', {}, h('legend', {}, 'Operating mode'), radios), error, save);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const mode = form.querySelector('input[name=mode]:checked').value;
    await busy(save, 'Saving…', async () => {
      await api('PUT', '/system/settings/mode', { mode });
      toast(`The server is now in ${mode} mode.`);
      showError(error, null);
      await refreshStats();
      loadAutopilot();
    }, error);
  });
  const loadAutopilot = async () => {
    try {
      const s = await api('GET', '/system/settings');
      const a = s.autopilot || {};
      replace(details, h('dl.meta', {},
        meta('Registration', s.registration), meta('Backups', a.backup_strategy || '—'),
        meta('Next backup', when(a.next_backup)), meta('Next update check', when(a.next_update_check)),
        meta('Last backup run', when(a.last_backup_run)), meta('Token lifetime', duration(s.token_ttl_seconds))));
    } catch (e) {
      replace(details, h('p.error-box', { role: 'alert' }, message(e)));
    }
  };
  loadAutopilot();
  return h('section.card', { 'aria-labelledby': 'mode-title' }, h('h3', { id: 'mode-title' }, 'Mode'), form, details);
}

function usersSection() {
  const username = field('User name', h('input', { id: 'new-user-name', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' }));
  const password = field('Password', h('input', { id: 'new-user-password', type: 'password', autocomplete: 'new-password' }), 'At least 10 characters, not containing the user name.');
  const role = h('select', { id: 'new-user-role' }, h('option', { value: 'user' }, 'user'), h('option', { value: 'admin' }, 'admin'));
  const error = errorBox();
  const add = h('button.primary', { type: 'submit', id: 'new-user-submit' }, 'Add user');
  const form = h('form.grid-form', { novalidate: true }, username.wrap, password.wrap, field('Role', role).wrap, error, add);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const user = username.input.value.trim();
    const pass = password.input.value;
    username.setError(user ? null : 'Enter a user name.');
    password.setError(pass.length >= 10 ? null : 'Use at least 10 characters.');
    if (!user || pass.length < 10) return;
    const created = await busy(add, 'Adding…', () => api('POST', '/auth/register', { username: user, password: pass, role: role.value }), error);
    if (created) {
      toast(`User ${user} added as ${role.value}.`);
      showError(error, null);
      form.reset();
    }
  });
  return h('section.card', { 'aria-labelledby': 'users-title' }, h('h3', { id: 'users-title' }, 'Users'),
    h('p.small', {}, 'Add a user; users see and manage only their own apps, admins all apps.'), form);
}

function auditSection() {
  const limit = 20;
  let offset = 0;
  const body = h('tbody', { id: 'audit-body' });
  const info = h('span.small', { id: 'audit-page', role: 'status' });
  const prev = h('button.small', { type: 'button', id: 'audit-prev' }, '← Newer');
  const next = h('button.small', { type: 'button', id: 'audit-next' }, 'Older →');
  const error = errorBox();
  const load = async () => {
    try {
      const page = await api('GET', `/system/audit?offset=${offset}&limit=${limit}`);
      showError(error, null);
      replace(body, page.items.map((r) => h('tr', {},
        h('td', { 'data-label': 'Time' }, when(r.time)), h('td', { 'data-label': 'User' }, r.actor),
        h('td', { 'data-label': 'Action' }, r.action), h('td', { 'data-label': 'Target' }, r.target || '—'),
        h('td', { 'data-label': 'Outcome' }, h('span.badge', { class: /^(denied|refused|failure|failed|error|throttled)$/.test(r.outcome) ? 'outcome-bad' : 'outcome-ok' }, r.outcome)),
        h('td', { 'data-label': 'Detail' }, r.detail || ''))));
      info.textContent = page.total ? `${offset + 1}–${Math.min(offset + limit, page.total)} of ${page.total}` : 'No records';
      prev.disabled = offset === 0;
      next.disabled = offset + limit >= page.total;
    } catch (e) {
      showError(error, e);
    }
  };
  prev.addEventListener('click', () => { offset = Math.max(0, offset - limit); load(); });
  next.addEventListener('click', () => { offset += limit; load(); });
  load();
  return h('section.card', { 'aria-labelledby': 'audit-title' }, h('h3', { id: 'audit-title' }, 'Audit log'), error,
    h('div.table-wrap', {}, h('table.audit', {}, h('caption.sr-only', {}, 'Audit log, newest first'),
      h('thead', {}, h('tr', {}, ['Time', 'User', 'Action', 'Target', 'Outcome', 'Detail'].map((c) => h('th', { scope: 'col' }, c)))), body)),
    h('div.toolbar', {}, prev, info, next));
}

// ---------------------------------------------------------------- start

setUnauthorizedHandler(() => {
  setToken(null);
  state.me = null;
  renderLogin('Your session has ended; sign in again.');
});

window.addEventListener('hashchange', () => {
  route();
  const title = document.getElementById('view-title');
  if (title) title.focus({ preventScroll: true });
});

window.addEventListener('unhandledrejection', (e) => {
  toast(message(e.reason), 'error');
});

(async () => {
  if (!hasToken()) {
    renderLogin();
    return;
  }
  try {
    await startShell();
  } catch (e) {
    setToken(null);
    renderLogin(e instanceof ApiError && e.status === 401 ? 'Your session has ended; sign in again.' : message(e));
  }
})();
