// The Hounsfield volume of a scan (hu.npy.gz: gzip of a NumPy .npy, int16 (N, H, W)),
// inflated in the browser with DecompressionStream.

// Parse an .npy buffer holding a little-endian int16 C-order 3-D array.
export function parseNpy(buffer) {
  const bytes = new Uint8Array(buffer);
  if (bytes[0] !== 0x93 || String.fromCharCode(...bytes.slice(1, 6)) !== 'NUMPY') throw new Error('not an .npy file');
  const major = bytes[6];
  const view = new DataView(buffer);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(bytes.slice(start, start + headerLen));
  if (!/'descr':\s*'<i2'/.test(header) || /'fortran_order':\s*True/.test(header)) throw new Error('unexpected .npy layout');
  const shape = (header.match(/'shape':\s*\(([^)]*)\)/) || [])[1];
  const dims = (shape || '').split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (dims.length !== 3) throw new Error('the HU volume is not 3-D');
  const [n, h, w] = dims;
  const offset = start + headerLen;
  return { n, h, w, data: new Int16Array(buffer, offset, n * h * w) };
}

// onProgress(received, total): compressed bytes so far and the Content-Length (0 when the
// server sends none), called as the download goes (a large scan on a phone takes a while).
export async function loadHuVolume(url, onProgress = () => {}) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length')) || 0;
  let received = 0;
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      received += chunk.byteLength;
      onProgress(received, total);
      controller.enqueue(chunk);
    },
  }));
  const inflated = counted.pipeThrough(new DecompressionStream('gzip'));
  return parseNpy(await new Response(inflated).arrayBuffer());
}

// "Loading Hounsfield units… 42 % of 8.1 MB" (or the MB so far without a total).
export function loadingText(received, total) {
  const mb = (b) => (b / 1e6).toFixed(1);
  if (total > 0) return `Loading Hounsfield units… ${Math.min(100, Math.floor((100 * received) / total))} % of ${mb(total)} MB`;
  return `Loading Hounsfield units… ${mb(received)} MB`;
}
