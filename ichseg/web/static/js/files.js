// Which files the app accepts, checked before upload (the server checks the content again).
// The list itself is generated from the format registry (ichseg/formats.py) into formats.js.

import { ACCEPT, KINDS, DESCRIPTION } from './formats.js';

export { ACCEPT, DESCRIPTION };

// The kind of a file from its name, falling back to its video MIME type (phone camera
// files sometimes have generic names).
export function fileKind(file) {
  const name = (file.name || '').toLowerCase();
  const byName = KINDS.find((k) => name.endsWith(k.ext));
  if (byName) return byName;
  if ((file.type || '').startsWith('video/')) return { ext: '', type: file.type };
  return null;
}

// A one-line problem with the file, or null when it may be uploaded.
export function checkFile(file, maxBytes) {
  if (!file) return 'Choose a file first.';
  if (!fileKind(file)) {
    return `"${file.name}" is not a supported scan: use ${DESCRIPTION}.`;
  }
  if (file.size === 0) return `"${file.name}" is empty.`;
  if (maxBytes && file.size > maxBytes) {
    return `"${file.name}" is ${(file.size / 1048576).toFixed(1)} MiB; the limit is ${(maxBytes / 1048576).toFixed(0)} MiB.`;
  }
  return null;
}
