// Embedded mode: the `ichseg serve` API (cookie session + CSRF header, SSE live status).

import { masksFromFiles } from './masks.js';

let csrf = null;
let user = null;
const listeners = new Set();

async function readJson(response) {
  try { return await response.json(); } catch { return {}; }
}

async function refresh() {
  const response = await fetch('api/session', { credentials: 'same-origin', cache: 'no-store' });
  const body = await readJson(response);
  csrf = body.csrf || null;
  setUser(body.user || null);
}

function setUser(next) {
  const changed = JSON.stringify(next) !== JSON.stringify(user);
  user = next;
  if (changed) listeners.forEach((fn) => fn(user));
}

async function send(method, url, body, retry = true) {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf || '' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await readJson(response);
  if (response.status === 403 && retry && /CSRF/.test(data.error || '')) {
    await refresh();
    return send(method, url, body, false);
  }
  if (!response.ok) throw new Error(data.error || `request failed (HTTP ${response.status})`);
  return data;
}

export const mode = 'local';
export const features = { phone: false, manage: true, spacing: true };

export async function init() { await refresh(); }
export function currentUser() { return user; }
export function onUserChange(fn) { listeners.add(fn); return () => listeners.delete(fn); }

export async function signup(email, password) {
  const data = await send('POST', 'api/signup', { email, password });
  csrf = data.csrf; setUser(data.user);
}

export async function login(email, password) {
  const data = await send('POST', 'api/login', { email, password });
  csrf = data.csrf; setUser(data.user);
}

export async function logout() {
  await send('POST', 'api/logout');
  await refresh();
}

export async function forgot(email) {
  const data = await send('POST', 'api/forgot', { email });
  return data.message;
}

export async function reset(params, password) {
  const data = await send('POST', 'api/reset', { token: params.get('token') || '', password });
  await refresh();
  return data.message;
}

// Upload with progress: onProgress(fraction 0..1). Resolves to the new scan.
// geometry: optional { pixel, thickness } (mm, as typed) for scans without spacing.
export function upload(file, onProgress, geometry = null) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', 'api/scans');
    xhr.setRequestHeader('X-CSRF-Token', csrf || '');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      const body = xhr.response || {};
      if (xhr.status === 201) resolve(body);
      else reject(new Error(body.error || `upload failed (HTTP ${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error('upload failed: the server could not be reached'));
    xhr.onabort = () => reject(new Error('upload cancelled'));
    const form = new FormData();
    if (geometry && geometry.pixel && geometry.thickness) {
      form.append('pixel_spacing_mm', geometry.pixel);
      form.append('slice_thickness_mm', geometry.thickness);
    }
    form.append('file', file, file.name || 'scan');
    xhr.send(form);
  });
}

export async function listScans() {
  const response = await fetch('api/scans', { credentials: 'same-origin', cache: 'no-store' });
  const data = await readJson(response);
  if (!response.ok) throw new Error(data.error || 'could not list scans');
  return data.scans;
}

export async function getScan(id) {
  const response = await fetch(`api/scans/${encodeURIComponent(id)}`, { cache: 'no-store' });
  const data = await readJson(response);
  if (!response.ok) throw new Error(data.error || 'no such scan');
  return data;
}

export async function renameScan(id, name) {
  return send('PATCH', `api/scans/${encodeURIComponent(id)}`, { name });
}

export async function deleteScan(id) {
  return send('DELETE', `api/scans/${encodeURIComponent(id)}`);
}

// Live updates: calls onScans(list) whenever the user's scans change. Returns a stop function.
export function subscribe(onScans) {
  const source = new EventSource('api/events');
  source.addEventListener('scans', (e) => onScans(JSON.parse(e.data).scans));
  // Logged out in another tab (or the password was reset): stop and show the login page.
  source.addEventListener('signed-out', () => {
    source.close();
    refresh().then(() => { location.hash = '#/login'; });
  });
  return () => source.close();
}

export function fileUrl(scan, name, download = false) {
  const url = `api/scans/${encodeURIComponent(scan.id)}/files/${name}`;
  return download ? `${url}?download=1` : url;
}

export async function getReport(scan) {
  const response = await fetch(fileUrl(scan, 'report.json'));
  if (!response.ok) throw new Error('the report could not be loaded');
  return response.json();
}

export async function refreshLinks(scan) { return scan; }

// The viewer's mask(k): each slice's masks/NNN.png from the server.
export function maskSource(scan, report) {
  return masksFromFiles((name) => fileUrl(scan, name), (report.slices || []).length);
}
