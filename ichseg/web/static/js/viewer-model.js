// The viewer's pure parts: geometry, windowing, wording. No DOM here.

// Window presets (level / width in HU) as radiologists name them.
export const PRESETS = [
  { id: 'brain', label: 'Brain', l: 40, w: 80 },
  { id: 'subdural', label: 'Subdural', l: 50, w: 130 },
  { id: 'stroke', label: 'Stroke', l: 40, w: 40 },
  { id: 'bone', label: 'Bone', l: 600, w: 2800 },
];

// The rectangle (CSS px in the stage) where a imgW x imgH picture is drawn: fitted inside
// the cw x ch stage, centred, then scaled by zoom.s about the stage origin and moved by
// (zoom.x, zoom.y). The picture, the mask and the measurements all use this one rectangle.
export function fitRect(cw, ch, imgW, imgH, zoom = { s: 1, x: 0, y: 0 }) {
  const f = Math.min(cw / imgW, ch / imgH);
  const w = imgW * f, h = imgH * f;
  const x = (cw - w) / 2, y = (ch - h) / 2;
  return { x: zoom.x + zoom.s * x, y: zoom.y + zoom.s * y, w: w * zoom.s, h: h * zoom.s };
}

// Stage point -> image point (pixel units, 0..imgW), and back.
export function toImage([sx, sy], r, imgW, imgH) {
  return [((sx - r.x) / r.w) * imgW, ((sy - r.y) / r.h) * imgH];
}
export function toScreen([ix, iy], r, imgW, imgH) {
  return [r.x + (ix / imgW) * r.w, r.y + (iy / imgH) * r.h];
}

// Slice k (1-based) of the HU volume windowed to grey RGBA in `out`.
export function windowSlice(hu, k, win, out) {
  const size = hu.w * hu.h;
  const base = (k - 1) * size;
  const lo = win.l - win.w / 2;
  const scale = 255 / win.w;
  for (let i = 0, j = 0; i < size; i += 1, j += 4) {
    let g = (hu.data[base + i] - lo) * scale;
    g = g < 0 ? 0 : g > 255 ? 255 : g;
    out[j] = g; out[j + 1] = g; out[j + 2] = g; out[j + 3] = 255;
  }
}

// The per-slice score, read generically: a model's learned `score` when it reports one,
// else `probability`.
export function sliceScore(s) {
  const v = s && (typeof s.score === 'number' ? s.score : s.probability);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function bleedingSlices(report) {
  const listed = report.scan && Array.isArray(report.scan.bleeding_slices) ? report.scan.bleeding_slices : null;
  if (listed) return [...listed].sort((a, b) => a - b);
  return (report.slices || []).filter((s) => s.haemorrhage).map((s) => s.index);
}

// The line under the picture for slice k. A slice can be called bleeding by its score with
// no outline drawn (its own evidence, or a confident neighbour's, passed the slice threshold
// while no pixel passed the pixel threshold): say so, so that an empty picture on a flagged
// slice reads as "look here", not as a missing overlay.
export function sliceLine(k, s) {
  const slice = s || {};
  const px = slice.area_px || 0;
  const area = typeof slice.area_mm2 === 'number' ? `${slice.area_mm2.toFixed(1)} mm²` : `${px} px`;
  const score = sliceScore(slice).toFixed(2);
  if (slice.haemorrhage && px === 0) {
    return `Slice ${k}: called bleeding by its score (${score}), no outline drawn: review this slice.`;
  }
  const called = slice.haemorrhage ? 'called bleeding' : 'not called bleeding';
  return `Slice ${k}: ${called}, score ${score}, bleed area ${area}.`;
}

// The slice to open at: the largest bleed, else the highest slice score, else 1.
export function peakSlice(report) {
  const slices = report.slices || [];
  let best = null;
  for (const s of slices) {
    const key = [s.area_px || 0, sliceScore(s)];
    if (!best || key[0] > best.key[0] || (key[0] === best.key[0] && key[1] > best.key[1])) best = { key, index: s.index };
  }
  return best ? best.index : 1;
}

const FORMATS = { dicom: 'DICOM', nifti: 'NIfTI', images: 'Image slices', video: 'Video' };

function mm(v) { return Number(v).toFixed(Number(v) < 1 ? 2 : 1); }

// "Study 2000-01-01 · Head CT · 24 slices · 0.80 × 0.80 × 5.0 mm · NIfTI · uploaded as x".
export function identityLine(scan, report) {
  const i = report.input || {};
  const parts = [];
  if (i.study_date) parts.push(`Study ${i.study_date}`);
  if (i.study_description) parts.push(i.study_description);
  if (i.series_description) parts.push(i.series_description);
  parts.push(`${(report.slices || []).length} slices`);
  const ps = i.pixel_spacing_mm;
  if (Array.isArray(ps)) {
    parts.push(`${mm(ps[0])} × ${mm(ps[1])}${i.slice_thickness_mm ? ` × ${mm(i.slice_thickness_mm)}` : ''} mm${i.spacing_from === 'user' ? ' (given at upload)' : ''}`);
  } else {
    parts.push('spacing unknown');
  }
  if (FORMATS[i.format]) parts.push(FORMATS[i.format]);
  parts.push(`uploaded as ${scan.filename}`);
  return parts.join(' · ');
}

export function verdictLines(report) {
  const s = report.scan || {};
  const n = bleedingSlices(report).length;
  const verdict = s.haemorrhage
    ? `Haemorrhage detected on ${n} slice${n === 1 ? '' : 's'}. A clinician must review the scan.`
    : n
      ? `No haemorrhage called: ${n} slice${n === 1 ? '' : 's'} flagged, below the scan's minimum volume. Review the flagged slices.`
      : 'No haemorrhage found: no slice reached the detection threshold. This does not rule a bleed out.';
  let volume;
  if (typeof s.volume_ml === 'number') volume = `Estimated bleed volume ${s.volume_ml.toFixed(1)} mL.`;
  else volume = 'Bleed volume not computed: the scan has no pixel spacing or slice thickness (give them at upload for image or video scans).';
  return { verdict, volume };
}

// A subtype hint only where the model's subtype head is calibrated (its report gives
// model.subtype_hint_threshold) and a subtype reaches it; null otherwise.
export function subtypeHint(report) {
  const model = report.model || {};
  const cut = model.subtype_hint_threshold;
  const scores = (report.scan && report.scan.subtypes) || {};
  if (typeof cut !== 'number' || !report.scan || !report.scan.haemorrhage) return null;
  const names = Object.keys(scores).filter((k) => typeof scores[k] === 'number' && scores[k] >= cut)
    .sort((a, b) => scores[b] - scores[a]);
  if (!names.length) return null;
  return `Pattern hint (not a diagnosis): the appearance may suggest ${names.map((x) => x.toLowerCase()).join(' or ')}.`;
}

export function formatLength(a, b, spacing) {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  if (spacing) return `${Math.hypot(dx * spacing[1], dy * spacing[0]).toFixed(1)} mm`;
  return `${Math.hypot(dx, dy).toFixed(1)} px`;
}

// Ellipse inscribed in the box a-b: its area, and the mean HU inside when known.
export function formatArea(a, b, spacing, hu, k) {
  const rx = Math.abs(b[0] - a[0]) / 2, ry = Math.abs(b[1] - a[1]) / 2;
  const area = spacing ? Math.PI * rx * spacing[1] * ry * spacing[0] : Math.PI * rx * ry;
  let text = spacing ? `${area.toFixed(1)} mm²` : `${area.toFixed(0)} px²`;
  if (hu && rx >= 0.5 && ry >= 0.5) {
    const cx = (a[0] + b[0]) / 2, cy = (a[1] + b[1]) / 2;
    let sum = 0, count = 0;
    const base = (k - 1) * hu.w * hu.h;
    for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(hu.h, Math.ceil(cy + ry)); y += 1) {
      for (let x = Math.max(0, Math.floor(cx - rx)); x < Math.min(hu.w, Math.ceil(cx + rx)); x += 1) {
        const u = (x + 0.5 - cx) / rx, v = (y + 0.5 - cy) / ry;
        if (u * u + v * v <= 1) { sum += hu.data[base + y * hu.w + x]; count += 1; }
      }
    }
    if (count) text += `, mean ${Math.round(sum / count)} HU`;
  }
  return text;
}

// The boundary of a 0/1 mask: pixels that are on with a 4-neighbour off (or on the edge).
export function outlineOf(on, w, h) {
  const out = new Uint8Array(on.length);
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const i = y * w + x;
      if (!on[i]) continue;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1 || !on[i - 1] || !on[i + 1] || !on[i - w] || !on[i + w]) out[i] = 1;
    }
  }
  return out;
}
