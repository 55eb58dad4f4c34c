// ichseg web app: hash router, account pages, upload + live scans list, viewer.
// One code path for both modes; the backend module (local or Firebase) differs.

import { h, toast, formatBytes, formatTime } from './dom.js';
import { ACCEPT, DESCRIPTION, checkFile } from './files.js';
import { mountViewer } from './viewer.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let backend = null;
let config = { mode: 'local' };
let cleanup = () => {};

async function loadConfig() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) return await response.json();
  } catch { /* no config: embedded defaults */ }
  return { mode: 'local' };
}

function go(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}

function renderNav() {
  nav.replaceChildren();
  const user = backend.currentUser();
  if (user) {
    nav.append(
      h('span.who', { text: user.email || user.phone || '' }),
      h('a.button', { href: '#/scans', text: 'Scans' }),
      h('button', {
        type: 'button',
        text: 'Log out',
        onclick: async () => {
          try { await backend.logout(); go('#/login'); } catch (e) { toast(e.message); }
        },
      }),
    );
  } else {
    nav.append(h('a.button', { href: '#/login', text: 'Log in' }), h('a.button', { href: '#/signup', text: 'Sign up' }));
  }
}

function show(title, ...content) {
  cleanup();
  cleanup = () => {};
  document.title = `${title} · ichseg`;
  main.replaceChildren(...content);
  main.focus({ preventScroll: true });
}

function field(label, input) {
  const id = input.id || `f-${Math.random().toString(36).slice(2)}`;
  input.id = id;
  return h('div.field', {}, h('label', { for: id, text: label }), input);
}

function message(kind) { return h(`p.${kind}`, { role: kind === 'error' ? 'alert' : 'status' }); }

function formView({ title, intro, fields, submit, onSubmit, after }) {
  const error = message('error');
  const ok = message('okmsg');
  const button = h('button.primary', { type: 'submit', text: submit });
  const form = h('form', {
    novalidate: true,
    onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = ''; ok.textContent = '';
      button.disabled = true;
      try {
        const result = await onSubmit();
        if (typeof result === 'string') ok.textContent = result;
      } catch (err) {
        error.textContent = err.message;
      } finally {
        button.disabled = false;
      }
    },
  }, fields, error, ok, button);
  show(title, h('section.card.narrow', {}, h('h1', { text: title }), intro ? h('p.muted', { text: intro }) : null, form, after || null));
}

function emailInput() { return h('input', { type: 'email', name: 'email', autocomplete: 'email', required: true }); }

function loginView() {
  const email = emailInput();
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  formView({
    title: 'Log in',
    fields: [field('E-mail', email), field('Password', password)],
    submit: 'Log in',
    onSubmit: async () => { await backend.login(email.value.trim(), password.value); go('#/scans'); },
    after: h('div.links', {},
      h('a', { href: '#/forgot', text: 'Forgot password?' }),
      h('a', { href: '#/signup', text: 'Create an account' }),
      backend.features.phone ? h('a', { href: '#/phone', text: 'Sign in with a phone number' }) : null),
  });
}

function signupView() {
  const email = emailInput();
  const password = h('input', { type: 'password', name: 'new-password', autocomplete: 'new-password', minlength: '8', required: true, 'aria-describedby': 'pw-help' });
  formView({
    title: 'Create an account',
    fields: [field('E-mail', email), field('Password', password), h('p.muted', { id: 'pw-help', text: 'At least 8 characters.' })],
    submit: 'Sign up',
    onSubmit: async () => { await backend.signup(email.value.trim(), password.value); go('#/scans'); },
    after: h('div.links', {}, h('a', { href: '#/login', text: 'I already have an account' })),
  });
}

function forgotView() {
  const email = emailInput();
  formView({
    title: 'Forgot password',
    intro: backend.mode === 'local'
      ? 'A one-time reset link is written to the server log (this local server sends no e-mail).'
      : 'We will e-mail you a link to choose a new password.',
    fields: [field('E-mail', email)],
    submit: 'Send reset link',
    onSubmit: () => backend.forgot(email.value.trim()),
    after: h('div.links', {}, h('a', { href: '#/login', text: 'Back to log in' })),
  });
}

function resetView(params) {
  const password = h('input', { type: 'password', autocomplete: 'new-password', minlength: '8', required: true });
  formView({
    title: 'Choose a new password',
    fields: [field('New password', password)],
    submit: 'Set password',
    onSubmit: async () => {
      const text = await backend.reset(params, password.value);
      return text;
    },
    after: h('div.links', {}, h('a', { href: '#/login', text: 'Log in' })),
  });
}

function phoneView() {
  const phone = h('input', { type: 'tel', autocomplete: 'tel', placeholder: '+44 7700 900123', required: true });
  const code = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', required: true });
  const codeField = field('Code from the SMS', code);
  codeField.hidden = true;
  let step = 'phone';
  formView({
    title: 'Sign in with a phone number',
    fields: [field('Phone number (international format)', phone), codeField, h('div', { id: 'recaptcha' })],
    submit: 'Continue',
    onSubmit: async () => {
      if (step === 'phone') {
        await backend.startPhoneSignIn(phone.value.trim(), 'recaptcha');
        step = 'code'; codeField.hidden = false; code.focus();
        return 'We sent a code by SMS; enter it above.';
      }
      await backend.confirmPhoneCode(code.value.trim());
      go('#/scans');
      return '';
    },
    after: h('div.links', {}, h('a', { href: '#/login', text: 'Use e-mail instead' })),
  });
}

// -- scans --------------------------------------------------------------------------------

const STATUS_TEXT = { queued: 'Queued', processing: 'Processing', done: 'Done', failed: 'Failed' };

function scanItem(scan) {
  const link = scan.status === 'done'
    ? h('a.name', { href: `#/scans/${scan.id}`, text: scan.filename })
    : h('span.name', { text: scan.filename });
  let meta = `${formatTime(scan.created_at)} · ${formatBytes(scan.size_bytes || 0)}`;
  if (scan.status === 'processing' && scan.progress && scan.progress.total) {
    meta += ` · ${scan.stage || 'working'} ${scan.progress.done}/${scan.progress.total}`;
  }
  if (scan.status === 'failed' && scan.message) meta += ` · ${scan.message}`;
  if (scan.status === 'done' && scan.summary) {
    const s = scan.summary;
    meta += ` · ${s.haemorrhage ? 'haemorrhage detected' : 'no haemorrhage detected'}`;
    if (s.volume_ml !== null && s.volume_ml !== undefined) meta += ` · ${s.volume_ml.toFixed(1)} mL`;
  }
  return h('li.scan', { 'data-id': scan.id, 'data-status': scan.status },
    link,
    h(`span.badge.${scan.status}`, { text: STATUS_TEXT[scan.status] || scan.status }),
    h('span.meta', { text: meta }));
}

function uploadCard(onUploaded) {
  const max = config.maxUploadBytes;
  const error = message('error');
  const ok = message('okmsg');
  const bar = h('progress', { max: 1, value: 0, 'aria-label': 'Upload progress', hidden: true });
  const picker = h('input.visually-hidden', { type: 'file', id: 'file-input', accept: ACCEPT });
  const camera = h('input.visually-hidden', { type: 'file', id: 'camera-input', accept: 'video/*', capture: 'environment' });
  let busy = false;

  async function start(file) {
    error.textContent = ''; ok.textContent = '';
    const problem = checkFile(file, max);
    if (problem) { error.textContent = problem; return; }
    if (busy) return;
    busy = true; bar.hidden = false; bar.value = 0;
    try {
      await backend.upload(file, (f) => { bar.value = f; });
      bar.value = 1;
      ok.textContent = `Uploaded "${file.name}"; it is queued for segmentation.`;
      onUploaded();
    } catch (e) {
      error.textContent = e.message;
    } finally {
      busy = false; picker.value = ''; camera.value = '';
      setTimeout(() => { bar.hidden = true; }, 800);
    }
  }
  picker.addEventListener('change', () => start(picker.files[0]));
  camera.addEventListener('change', () => start(camera.files[0]));
  const zone = h('div.drop', {},
    h('p', {}, 'Drag a scan here, or'),
    h('div.row', {},
      h('label.button.primary', { for: 'file-input', tabindex: '0', role: 'button', text: 'Choose a file',
        onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); picker.click(); } } }),
      h('label.button', { for: 'camera-input', tabindex: '0', role: 'button', text: 'Record with camera',
        onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); camera.click(); } } })),
    h('p.muted', { text: `${DESCRIPTION[0].toUpperCase()}${DESCRIPTION.slice(1)}${max ? `; up to ${formatBytes(max)}` : ''}.` }),
    picker, camera);
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault(); zone.classList.remove('over');
    if (e.dataTransfer.files.length) start(e.dataTransfer.files[0]);
  });
  return h('section.card', { 'aria-labelledby': 'upload-h' }, h('h2', { id: 'upload-h', text: 'Upload a scan' }), zone, bar, error, ok);
}

function scansView() {
  const list = h('ul.scans', { id: 'scan-list', 'aria-live': 'polite' });
  const empty = h('p.muted', { text: 'No scans yet. Upload one above.' });
  // Keyed update: unchanged rows keep their elements, so focus and screen-reader position
  // survive live updates.
  const rows = new Map();
  const render = (scans) => {
    empty.hidden = scans.length > 0;
    const items = scans.map((scan) => {
      const key = JSON.stringify(scan);
      const known = rows.get(scan.id);
      if (known && known.key === key) return known.el;
      const el = scanItem(scan);
      rows.set(scan.id, { key, el });
      return el;
    });
    items.forEach((el, i) => { if (list.children[i] !== el) list.insertBefore(el, list.children[i] || null); });
    while (list.children.length > items.length) list.lastChild.remove();
  };
  show('Scans',
    h('h1', { text: 'Your scans' }),
    uploadCard(() => backend.listScans().then(render).catch(() => {})),
    h('section.card', { 'aria-labelledby': 'list-h' }, h('h2', { id: 'list-h', text: 'Scans' }), empty, list));
  backend.listScans().then(render).catch((e) => toast(e.message));
  const stop = backend.subscribe(render);
  cleanup = stop;
}

async function viewerView(id) {
  show('Scan', h('p.muted', { text: 'Loading scan…' }));
  let scan;
  try {
    scan = await backend.getScan(id);
  } catch (e) {
    show('Not found', h('section.card', {}, h('h1', { text: 'Scan not found' }),
      h('p', { text: 'This scan does not exist or belongs to another account.' }),
      h('a', { href: '#/scans', text: 'Back to your scans' })));
    return;
  }
  if (scan.status !== 'done') {
    show(scan.filename, h('section.card', {}, h('h1', { text: scan.filename }),
      h('p', { text: `This scan is ${scan.status}.${scan.message ? ` ${scan.message}` : ''}` }),
      h('a', { href: '#/scans', text: 'Back to your scans' })));
    return;
  }
  const container = h('div');
  show(scan.filename, container);
  try {
    scan = await backend.refreshLinks(scan);
    const report = await backend.getReport(scan);
    cleanup = mountViewer(container, { scan, report, backend });
  } catch (e) {
    container.replaceChildren(h('p.error', { role: 'alert', text: e.message }));
  }
}

// -- router -------------------------------------------------------------------------------

const PUBLIC = new Set(['login', 'signup', 'forgot', 'reset', 'phone']);

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = hash.split('?');
  const parts = path.split('/').filter(Boolean);
  const page = parts[0] || 'scans';
  const params = new URLSearchParams(query);
  const user = backend.currentUser();
  renderNav();
  if (!PUBLIC.has(page) && !user) { go('#/login'); return; }
  if ((page === 'login' || page === 'signup') && user) { go('#/scans'); return; }
  switch (page) {
    case 'login': return loginView();
    case 'signup': return signupView();
    case 'forgot': return forgotView();
    case 'reset': return resetView(params);
    case 'phone': return backend.features.phone ? phoneView() : loginView();
    case 'scans': return parts[1] ? viewerView(decodeURIComponent(parts[1])) : scansView();
    default: go('#/scans');
  }
}

async function start() {
  config = await loadConfig();
  // Firebase e-mail action links arrive as ?mode=resetPassword&oobCode=... on the page URL.
  const search = new URLSearchParams(location.search);
  if (search.get('mode') === 'resetPassword' && search.get('oobCode')) {
    history.replaceState(null, '', `${location.pathname}#/reset?oobCode=${encodeURIComponent(search.get('oobCode'))}`);
  }
  backend = config.mode === 'firebase'
    ? await import('./backend-firebase.js')
    : await import('./backend-local.js');
  try {
    await backend.init(config);
  } catch (e) {
    main.replaceChildren(h('p.error', { role: 'alert', text: `The app could not start: ${e.message}` }));
    return;
  }
  backend.onUserChange(() => renderNav());
  window.addEventListener('hashchange', route);
  route();
}

start();
