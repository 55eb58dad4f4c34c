// Cloud mode: Firebase Auth (e-mail/password, reset, phone + SMS code), the upload API's
// presigned POST straight to S3, and live status from Firestore users/{uid}/scans.

import {
  initializeApp, getAuth, connectAuthEmulator, onAuthStateChanged,
  createUserWithEmailAndPassword, signInWithEmailAndPassword, signOut,
  sendPasswordResetEmail, confirmPasswordReset, RecaptchaVerifier, signInWithPhoneNumber,
  getFirestore, connectFirestoreEmulator, collection, query, limit, onSnapshot, doc, getDoc,
} from '../vendor/firebase.js';
import { fileKind } from './files.js';
import { LINK_NAMES } from './formats.js';
import { masksFromZip } from './masks.js';

let auth = null;
let db = null;
let apiUrl = '';
let user = null;
let confirmation = null;
const listeners = new Set();

export const mode = 'firebase';
// Rename and delete: PATCH/DELETE /scans/{id}; the spacing fields travel with POST /uploads.
export const features = { phone: true, manage: true, spacing: true };

const AUTH_ERRORS = {
  'auth/invalid-credential': 'wrong e-mail or password',
  'auth/wrong-password': 'wrong e-mail or password',
  'auth/user-not-found': 'wrong e-mail or password',
  'auth/invalid-email': 'enter a valid e-mail address',
  'auth/email-already-in-use': 'an account with this e-mail already exists',
  'auth/weak-password': 'password must have at least 8 characters',
  'auth/too-many-requests': 'too many attempts; try again later',
  'auth/invalid-verification-code': 'the SMS code is wrong',
  'auth/invalid-phone-number': 'enter the phone number in international format (+44…)',
  'auth/expired-action-code': 'the reset link has expired; ask for a new one',
  'auth/invalid-action-code': 'the reset link is invalid or used; ask for a new one',
};

function friendly(err) {
  return new Error(AUTH_ERRORS[err && err.code] || (err && err.message) || 'something went wrong');
}

async function guard(promise) {
  try { return await promise; } catch (err) { throw friendly(err); }
}

function describe(u) {
  return u ? { uid: u.uid, email: u.email || null, phone: u.phoneNumber || null } : null;
}

export async function init(config) {
  if (!config.firebase || !config.apiUrl) throw new Error('config.json needs "firebase" and "apiUrl"');
  const app = initializeApp(config.firebase);
  auth = getAuth(app);
  db = getFirestore(app);
  apiUrl = config.apiUrl.replace(/\/+$/, '');
  const emu = config.emulators || {};
  if (emu.auth) {
    connectAuthEmulator(auth, emu.auth, { disableWarnings: true });
    auth.settings.appVerificationDisabledForTesting = true;
  }
  if (emu.firestore) {
    const [host, port] = emu.firestore.split(':');
    connectFirestoreEmulator(db, host, Number(port));
  }
  await new Promise((resolve) => {
    let first = true;
    onAuthStateChanged(auth, (u) => {
      const next = describe(u);
      const changed = JSON.stringify(next) !== JSON.stringify(user);
      user = next;
      if (first) { first = false; resolve(); } else if (changed) listeners.forEach((fn) => fn(user));
    });
  });
}

export function currentUser() { return user; }
export function onUserChange(fn) { listeners.add(fn); return () => listeners.delete(fn); }

async function settle(credential) { user = describe(credential.user); return user; }

export async function signup(email, password) {
  if (password.length < 8) throw new Error('password must have at least 8 characters');
  await settle(await guard(createUserWithEmailAndPassword(auth, email, password)));
}

export async function login(email, password) {
  await settle(await guard(signInWithEmailAndPassword(auth, email, password)));
}

export async function logout() { await signOut(auth); user = null; }

export async function forgot(email) {
  try {
    await sendPasswordResetEmail(auth, email);
  } catch (err) {
    if (err.code !== 'auth/user-not-found') throw friendly(err);
  }
  return 'If the account exists, we sent it an e-mail with a reset link.';
}

export async function reset(params, password) {
  const code = params.get('oobCode');
  if (!code) throw new Error('the reset link is incomplete');
  await guard(confirmPasswordReset(auth, code, password));
  return 'Password changed; sign in with it.';
}

export async function startPhoneSignIn(phone, containerId) {
  const verifier = new RecaptchaVerifier(auth, containerId, { size: 'invisible' });
  confirmation = await guard(signInWithPhoneNumber(auth, phone, verifier));
}

export async function confirmPhoneCode(code) {
  if (!confirmation) throw new Error('ask for a code first');
  await settle(await guard(confirmation.confirm(code)));
}

async function apiCall(method, path, body) {
  const token = await auth.currentUser.getIdToken();
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = {};
  try { data = await response.json(); } catch { /* empty */ }
  if (!response.ok) throw new Error(data.message || data.error || `request failed (HTTP ${response.status})`);
  return data;
}

// The upload API only accepts plain names: letters, digits, spaces, '.', '_' and '-'.
function cloudName(name) {
  const cleaned = (name || 'scan').replace(/[^A-Za-z0-9._ -]/g, '_').replace(/\.{2,}/g, '.');
  return (/^[A-Za-z0-9]/.test(cleaned) ? cleaned : `scan_${cleaned}`).slice(0, 200);
}

// A typed millimetre value as a number ("0,45" too); anything else is sent as typed so the
// upload API's answer says what is wrong with it.
function millimetres(value) {
  const n = Number(String(value).trim().replace(',', '.'));
  return Number.isFinite(n) ? n : value;
}

// geometry: optional { pixel, thickness } (mm, as typed) for scans without spacing.
export async function upload(file, onProgress, geometry = null) {
  const kind = fileKind(file);
  const request = {
    filename: cloudName(file.name),
    content_type: (kind && kind.type) || 'application/octet-stream',
    size: file.size,
  };
  if (geometry && geometry.pixel && geometry.thickness) {
    request.pixel_spacing_mm = millimetres(geometry.pixel);
    request.slice_thickness_mm = millimetres(geometry.thickness);
  }
  const form = await apiCall('POST', '/uploads', request);
  await new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.url);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300
      ? resolve()
      : reject(new Error(`the storage service refused the upload (HTTP ${xhr.status})`)));
    xhr.onerror = () => reject(new Error('upload failed: the storage service could not be reached'));
    const body = new FormData();
    for (const [key, value] of Object.entries(form.fields || {})) body.append(key, value);
    body.append('file', file); // S3 wants the file last
    xhr.send(body);
  });
  return { id: form.scan_id, filename: file.name, status: 'queued' };
}

function seconds(value) {
  if (!value) return null;
  if (typeof value.seconds === 'number') return value.seconds;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t / 1000;
}

function normalise(id, d) {
  return {
    id,
    filename: d.filename || id,
    name: d.name || null,
    status: d.status || 'queued',
    message: d.error || d.message || null,
    stage: d.stage || null,
    progress: d.progress || null,
    summary: d.summary || null,
    size_bytes: (d.source && d.source.size) || 0,
    created_at: seconds(d.created_at) || seconds(d.updated_at),
    links: d.links || {},
  };
}

function scansRef() { return collection(db, 'users', user.uid, 'scans'); }

export async function listScans() {
  return (await apiCall('GET', '/scans')).scans.map((d) => normalise(d.id || d.scan_id, d));
}

export async function getScan(id) {
  const snap = await getDoc(doc(db, 'users', user.uid, 'scans', id));
  if (!snap.exists()) throw new Error('no such scan');
  return normalise(snap.id, snap.data());
}

export async function renameScan(id, name) {
  const updated = await apiCall('PATCH', `/scans/${encodeURIComponent(id)}`, { name });
  return normalise(updated.id || id, updated);
}

// Removes the upload, every result and the scan document (refused while it is processed).
export async function deleteScan(id) {
  await apiCall('DELETE', `/scans/${encodeURIComponent(id)}`);
}

export function subscribe(onScans) {
  return onSnapshot(query(scansRef(), limit(200)), (snap) => {
    const scans = snap.docs.map((d) => normalise(d.id, d.data()));
    scans.sort((a, b) => (b.created_at || 0) - (a.created_at || 0));
    onScans(scans);
  }, () => { /* permission errors after logout: the router leaves the page */ });
}


export function fileUrl(scan, name) {
  return (scan.links && scan.links[LINK_NAMES[name]]) || '';
}

export async function refreshLinks(scan) {
  const fresh = await apiCall('POST', `/scans/${encodeURIComponent(scan.id)}/links`);
  return { ...scan, links: fresh.links || scan.links };
}

// The viewer's mask(k): the scan's masks.zip, downloaded once and unzipped in the browser.
// Results stored before masks.zip existed have no link: null, and the viewer falls back to
// switching between the overlay and the plain video.
export function maskSource(scan, report) {
  const url = fileUrl(scan, 'masks.zip');
  return url ? masksFromZip(url, (report.slices || []).length) : null;
}

export async function getReport(scan) {
  const response = await fetch(fileUrl(scan, 'report.json'));
  if (!response.ok) throw new Error('the report could not be loaded');
  return response.json();
}
