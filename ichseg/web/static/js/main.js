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
const FORMATS = { dicom: 'DICOM', nifti: 'NIfTI', images: 'Image slices', video: 'Video' };

const displayName = (scan) => scan.name || scan.filename;
const isPositive = (scan) => scan.status === 'done' && !!(scan.summary && scan.summary.haemorrhage);

// Positive scans first (newest first among them), then the rest newest first.
export function triageOrder(scans) {
  return [...scans].sort((a, b) => (isPositive(b) - isPositive(a)) || ((b.created_at || 0) - (a.created_at || 0)));
}

function scanItem(scan) {
  const name = displayName(scan);
  const link = h('a.name', { href: `#/scans/${scan.id}`, text: name });
  const meta = [formatTime(scan.created_at)];
  if (scan.name && scan.name !== scan.filename) meta.push(`uploaded as ${scan.filename}`);
  const s = scan.summary || {};
  const study = s.study || {};
  if (study.study_date) meta.push(`study ${study.study_date}`);
  if (study.series_description) meta.push(study.series_description);
  if (FORMATS[study.format]) meta.push(FORMATS[study.format]);
  if (typeof s.slices === 'number') meta.push(`${s.slices} slices`);
  meta.push(formatBytes(scan.size_bytes || 0));
  if (scan.status === 'processing' && scan.progress && scan.progress.total) {
    meta.push(`${scan.stage || 'working'} ${scan.progress.done}/${scan.progress.total}`);
  }
  if (scan.status === 'failed') meta.push(scan.message ? `failed: ${scan.message}` : 'processing failed');
  let finding = null;
  if (scan.status === 'done' && scan.summary) {
    const n = typeof s.slices_with_bleed === 'number' ? s.slices_with_bleed : null;
    const parts = [s.haemorrhage ? 'Haemorrhage detected' : 'No haemorrhage found'];
    if (s.haemorrhage && n !== null) parts.push(`${n} bleeding slice${n === 1 ? '' : 's'}`);
    if (s.haemorrhage && typeof s.volume_ml === 'number') parts.push(`${s.volume_ml.toFixed(1)} mL`);
    finding = h(`span.finding.${s.haemorrhage ? 'pos' : 'neg'}`, { text: parts.join(' · ') });
  }
  const badge = isPositive(scan)
    ? h('span.badge.bleed', { text: '● Bleed' })
    : h(`span.badge.${scan.status}`, { text: STATUS_TEXT[scan.status] || scan.status });
  return h(`li.scan${isPositive(scan) ? '.positive' : ''}`, { 'data-id': scan.id, 'data-status': scan.status, 'data-positive': String(isPositive(scan)) },
    link, badge, finding, h('span.meta', { text: meta.filter(Boolean).join(' · ') }));
}

// Rename and delete controls for one scan (where the back-end supports them).
function scanActions(scan, { onRenamed, onDeleted }) {
  if (!backend.features.manage) return null;
  const box = h('div.actions', { id: 'scan-actions' });
  const status = h('p.error', { role: 'alert', id: 'action-error' });
  const idle = () => {
    box.replaceChildren(
      h('button', { type: 'button', id: 'rename', text: 'Rename', onclick: renaming }),
      h('button.danger', { type: 'button', id: 'delete', text: 'Delete', onclick: confirming }),
      status);
  };
  const renaming = () => {
    const input = h('input', { type: 'text', id: 'new-name', value: displayName(scan), maxlength: '120' });
    const form = h('form.row', {
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const updated = await backend.renameScan(scan.id, input.value.trim());
          scan = { ...scan, ...updated };
          onRenamed(scan);
          idle();
        } catch (err) { status.textContent = err.message; }
      },
    }, h('label', { for: 'new-name', text: 'New name' }), input,
    h('button.primary', { type: 'submit', text: 'Save name' }),
    h('button', { type: 'button', text: 'Cancel', onclick: idle }));
    box.replaceChildren(form, status);
    input.focus(); input.select();
  };
  const confirming = () => {
    const yes = h('button.danger', {
      type: 'button', id: 'confirm-delete', text: 'Delete permanently',
      onclick: async () => {
        try { await backend.deleteScan(scan.id); onDeleted(scan); } catch (err) { status.textContent = err.message; }
      },
    });
    box.replaceChildren(
      h('p', { id: 'delete-question', text: `Delete "${displayName(scan)}", its upload and all its results? This cannot be undone.` }),
      h('div.row', {}, yes, h('button', { type: 'button', id: 'cancel-delete', text: 'Cancel', onclick: () => { idle(); box.querySelector('#delete').focus(); } })),
      status);
    yes.focus();
  };
  idle();
  return box;
}

function uploadCard(onUploaded) {
  const max = config.maxUploadBytes;
  const error = message('error');
  const ok = message('okmsg');
  const bar = h('progress', { max: 1, value: 0, 'aria-label': 'Upload progress', hidden: true });
  const picker = h('input.visually-hidden', { type: 'file', id: 'file-input', accept: ACCEPT });
  const camera = h('input.visually-hidden', { type: 'file', id: 'camera-input', accept: 'video/*', capture: 'environment' });
  let busy = false;
  const pixel = h('input', { type: 'text', id: 'pixel-spacing', inputmode: 'decimal', placeholder: 'e.g. 0.45', 'aria-describedby': 'spacing-help' });
  const thickness = h('input', { type: 'text', id: 'slice-thickness', inputmode: 'decimal', placeholder: 'e.g. 5', 'aria-describedby': 'spacing-help' });
  const spacingFields = backend.features.spacing
    ? h('details.spacing', {}, h('summary', { text: 'Pixel spacing for PNG or video scans (optional)' }),
      h('p.muted', { id: 'spacing-help', text: 'DICOM and NIfTI carry their own spacing. For images or a video, give the pixel size and slice thickness in millimetres so that the bleed volume can be computed.' }),
      h('div.row', {}, field('Pixel spacing (mm)', pixel), field('Slice thickness (mm)', thickness)))
    : null;

  async function start(file) {
    error.textContent = ''; ok.textContent = '';
    const problem = checkFile(file, max);
    if (problem) { error.textContent = problem; return; }
    if (busy) return;
    const geometry = spacingFields ? { pixel: pixel.value.trim(), thickness: thickness.value.trim() } : null;
    if (geometry && !!geometry.pixel !== !!geometry.thickness) {
      error.textContent = 'Give both the pixel spacing and the slice thickness, or neither.';
      return;
    }
    busy = true; bar.hidden = false; bar.value = 0;
    try {
      await backend.upload(file, (f) => { bar.value = f; }, geometry);
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
  return h('section.card', { 'aria-labelledby': 'upload-h' }, h('h2', { id: 'upload-h', text: 'Upload a scan' }), zone, spacingFields, bar, error, ok);
}

function scansView() {
  const list = h('ul.scans', { id: 'scan-list', 'aria-live': 'polite' });
  const empty = h('p.muted', { text: 'No scans yet. Upload one above.' });
  // Keyed update: unchanged rows keep their elements, so focus and screen-reader position
  // survive live updates.
  const rows = new Map();
  const render = (unsorted) => {
    const scans = triageOrder(unsorted);
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
  const gone = () => { toast(`Deleted "${displayName(scan)}".`); go('#/scans'); };
  if (scan.status !== 'done') {
    const text = {
      queued: 'This scan is waiting in the queue; the page of scans shows when it is ready.',
      processing: 'This scan is being processed; the page of scans shows when it is ready.',
      failed: `Processing failed${scan.message ? `: ${scan.message}` : '.'} Check the file and upload it again, or delete this entry.`,
    }[scan.status] || 'This scan is not ready.';
    const heading = h('h1', { text: displayName(scan) });
    show(displayName(scan), h('section.card', {}, heading,
      h('p', { id: 'scan-state', text }),
      scanActions(scan, { onRenamed: (s) => { heading.textContent = displayName(s); }, onDeleted: gone }),
      h('a', { href: '#/scans', text: 'Back to your scans' })));
    return;
  }
  const container = h('div');
  show(displayName(scan), container);
  try {
    scan = await backend.refreshLinks(scan);
    const report = await backend.getReport(scan);
    const actions = scanActions(scan, {
      onRenamed: (s) => { document.getElementById('scan-title').textContent = displayName(s); document.title = `${displayName(s)} · ichseg`; },
      onDeleted: gone,
    });
    cleanup = mountViewer(container, { scan, report, backend, actions });
  } catch (e) {
    container.replaceChildren(h('p.error', { role: 'alert', text: `The scan could not be shown: ${e.message}` }));
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
