// A small zip reader: the central directory of an in-memory archive, and each entry's bytes
// on demand (stored, or deflated through the browser's DecompressionStream('deflate-raw')).
// Enough for the service's masks.zip; no zip64, encryption or multi-disk archives.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function fail(why) { return new Error(`masks.zip is not a readable zip archive: ${why}`); }

function findEnd(view) {
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i -= 1) if (view.getUint32(i, true) === EOCD) return i;
  throw fail('no end of central directory');
}

async function inflateRaw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// readZip(ArrayBuffer) -> { names: [...], has(name), async blob(name, type) }.
export function readZip(buffer) {
  const view = new DataView(buffer);
  if (view.byteLength < 22) throw fail('too short');
  const end = findEnd(view);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw fail('zip64 is not supported');
  const utf8 = new TextDecoder();
  const entries = new Map();
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== CENTRAL) throw fail('bad central directory');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const packed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const skip = nameLen + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = utf8.decode(new Uint8Array(buffer, at + 46, nameLen));
    if (flags & 1) throw fail(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw fail(`${name} uses compression method ${method}`);
    entries.set(name, { method, packed, size, local });
    at += 46 + skip;
  }

  async function bytes(name) {
    const e = entries.get(name);
    if (!e) return null;
    if (e.local + 30 > view.byteLength || view.getUint32(e.local, true) !== LOCAL) throw fail(`bad local header for ${name}`);
    const start = e.local + 30 + view.getUint16(e.local + 26, true) + view.getUint16(e.local + 28, true);
    if (start + e.packed > view.byteLength) throw fail(`${name} is truncated`);
    const raw = new Uint8Array(buffer, start, e.packed);
    const out = e.method === 8 ? await inflateRaw(raw) : raw;
    if (out.byteLength !== e.size) throw fail(`${name} has the wrong size`);
    return out;
  }

  return {
    names: [...entries.keys()],
    has: (name) => entries.has(name),
    async blob(name, type = '') {
      const data = await bytes(name);
      return data && new Blob([data], { type });
    },
  };
}
