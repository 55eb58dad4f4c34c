// Where the viewer's per-slice masks come from. Each back-end hands the viewer one function,
// mask(k) -> Promise<Blob | null> (slice k's mask PNG, 1-based), and the viewer draws it.

import { readZip } from './zip.js';

// The mask's path inside the results (and inside masks.zip): masks/001.png …
export function maskName(index, total) {
  const width = Math.max(3, String(total).length);
  return `masks/${String(index).padStart(width, '0')}.png`;
}

// Embedded mode: one request per mask, from urlOf('masks/NNN.png').
export function masksFromFiles(urlOf, total) {
  return async (k) => {
    const response = await fetch(urlOf(maskName(k, total)), { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`the mask of slice ${k} could not be loaded (HTTP ${response.status})`);
    return response.blob();
  };
}

// Cloud mode: masks.zip is downloaded once, on the first mask asked for, and read in place.
export function masksFromZip(zipUrl, total) {
  let archive = null;
  const open = async () => {
    const response = await fetch(zipUrl);
    if (!response.ok) throw new Error(`masks.zip could not be downloaded (HTTP ${response.status})`);
    return readZip(await response.arrayBuffer());
  };
  return async (k) => {
    archive = archive || open();
    return (await archive).blob(maskName(k, total), 'image/png');
  };
}
