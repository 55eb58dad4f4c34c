// The scan viewer. Everything the reader looks at is drawn on one canvas with one transform
// (picture rectangle = the slice fitted into the stage, then zoom and pan): the slice itself
// (windowed from the Hounsfield volume when the scan has one, else the frame of the plain
// slices video), the bleed mask (filled or outlined), measurements and orientation markers.
// The picture and the overlay therefore cannot drift apart at any window size.
//
// Masks come from the back-end as one function, backend.maskSource(scan, report) ->
// mask(k) -> Promise<Blob | null> (embedded: masks/NNN.png; cloud: entries of masks.zip).
// Without masks (null) the overlay toggle switches between overlay.mp4 and slices.mp4.
//
// The picture under the masks: the HU volume once loaded, else the plain slices video. Scans
// in Hounsfield units have no plain video (report.files.slices_video is null: one encode
// less per scan); until their HU volume has loaded, or if it cannot be, the viewer shows
// overlay.mp4, whose outline is burned in, draws no mask over it, and holds the overlay
// controls until it can. The <video> element is the play clock in every case.

import { h } from './dom.js';
import { loadHuVolume, loadingText } from './hu.js';
import {
  PRESETS, fitRect, toImage, toScreen, windowSlice, peakSlice, sliceScore, sliceLine, bleedingSlices,
  identityLine, verdictLines, subtypeHint, formatLength, formatArea, outlineOf,
} from './viewer-model.js';

const SPEEDS = [0.25, 0.5, 1, 1.5, 2, 4];
const TINT = [255, 40, 40];
const EDGE = [255, 230, 0];
// Windows at least this wide show the picture beside the side panel (app.css's breakpoint)
// and fit the picture with its slice controls into the window's height, never below this.
const WIDE_MIN_PX = 800;
const MIN_STAGE_PX = 320;
// The longest the HU volume's download waits for the video's first frame.
const HU_WAIT_MS = 8000;

export function mountViewer(container, { scan, report, backend, actions }) {
  const slices = report.slices || [];
  const total = slices.length;
  const input = report.input || {};
  const video = report.video || {};
  const fps = video.fps || 5;
  const threshold = (report.model && report.model.slice_threshold) || 0.5;
  const maskFor = backend.maskSource(scan, report);
  const maskMode = !!maskFor;
  const huName = report.files && report.files.hu_volume;
  const huUrl = huName ? backend.fileUrl(scan, huName) : '';
  // Reports before slices_video could be null named it always.
  const files = report.files || {};
  const plainName = 'slices_video' in files ? files.slices_video : 'slices.mp4';
  const plainUrl = plainName ? backend.fileUrl(scan, plainName) : '';
  // The video shows overlay.mp4 (outline burned in) unless there are masks and a plain video.
  const baked = !(maskMode && plainUrl);
  const spacing = Array.isArray(input.pixel_spacing_mm) ? input.pixel_spacing_mm : null;
  const oriented = ['dicom', 'nifti'].includes(input.format) && !/no orientation/.test(input.orientation || '');
  const bleeding = bleedingSlices(report);
  let imgW = input.width || video.width || 512;
  let imgH = input.height || video.height || 512;
  let current = 0;
  let overlayOn = true;
  let overlayStyle = 'fill';
  let opacity = 0.5;
  let zoom = { s: 1, x: 0, y: 0 };
  let hu = null; // { n, h, w, data: Int16Array }
  let win = null; // { w, l } once the HU volume is loaded
  let huFailed = false;
  let tool = 'browse';
  let draft = null;
  let cursor = null; // keyboard crosshair (image pixels) while a measuring tool is active
  const measures = [];
  let dirty = true;
  let raf = 0;
  const masks = new Map();
  const baseCache = { key: '', canvas: null };

  // -- elements ---------------------------------------------------------------------------
  const el = {};
  el.video = h('video.frame-source', {
    id: 'scan-video', src: baked ? backend.fileUrl(scan, 'overlay.mp4') : plainUrl,
    muted: true, playsinline: true, preload: 'auto', loop: true, 'aria-hidden': 'true',
  });
  el.video.muted = true;
  el.canvas = h('canvas.view', { id: 'view', role: 'img', 'aria-label': `Slice image with bleed overlay` });
  el.stage = h('div.stage', {
    tabindex: '0', role: 'group', id: 'stage',
    'aria-label': 'Scan image. Space plays or pauses, left and right arrows step one slice, N jumps to the next bleeding slice, plus and minus zoom, 0 fits, O toggles the overlay, 1 to 4 choose a window. Wheel or swipe moves through slices; Ctrl + wheel or pinch zooms. With the Length or Area tool chosen, the arrow keys move a crosshair (Shift: 10 pixels), Enter or Space sets the first point and then the second, and Escape cancels.',
  }, el.canvas, el.video);
  el.stage.style.aspectRatio = `${imgW} / ${imgH}`;
  const button = (id, text, label, cls = '') => h(`button${cls}`, { type: 'button', id, text, 'aria-label': label || null });
  el.play = h('button.primary', { type: 'button', id: 'play', text: 'Play', 'aria-pressed': 'false' });
  el.prev = button('prev', '◀', 'Previous slice');
  el.next = button('next', '▶', 'Next slice');
  el.nextBleed = button('next-bleed', 'Next bleed', 'Next bleeding slice');
  el.nextBleed.disabled = bleeding.length === 0;
  el.speed = h('select', { id: 'speed' }, SPEEDS.map((s) => h('option', { value: String(s), text: `${s}×`, selected: s === 1 })));
  el.zoomOut = button('zoom-out', '−', 'Zoom out');
  el.zoomIn = button('zoom-in', '+', 'Zoom in');
  el.zoomReset = button('zoom-reset', 'Fit');
  el.zoomLevel = h('output', { id: 'zoom-level', 'aria-live': 'polite', text: '100%' });
  el.overlay = h('input.check', { type: 'checkbox', id: 'overlay', checked: true });
  el.style = h('select', { id: 'overlay-style' },
    h('option', { value: 'fill', text: 'Filled' }), h('option', { value: 'outline', text: 'Outline' }));
  el.opacity = h('input', { type: 'range', id: 'opacity', min: '0', max: '1', step: '0.05', value: String(opacity) });
  el.overlayNote = h('p.muted.small', { id: 'overlay-note', hidden: true });
  el.window = h('select', { id: 'window', disabled: true },
    PRESETS.map((p) => h('option', { value: p.id, text: `${p.label} (L ${p.l} / W ${p.w})` })),
    h('option', { value: 'custom', text: 'Custom' }));
  el.ww = h('input', { type: 'number', id: 'ww', min: '1', max: '4000', step: '1', disabled: true, inputmode: 'numeric' });
  el.wl = h('input', { type: 'number', id: 'wl', min: '-1024', max: '3071', step: '1', disabled: true, inputmode: 'numeric' });
  el.windowNote = h('p.muted.small', { id: 'window-note', text: huUrl ? 'Loading Hounsfield units…' : 'Window/level needs Hounsfield units (DICOM or NIfTI); this scan is shown as processed.' });
  el.tools = ['browse', 'length', 'area'].map((t) => h('button', {
    type: 'button', id: `tool-${t}`, 'aria-pressed': String(t === 'browse'),
    text: { browse: 'Scroll', length: 'Length', area: 'Area' }[t],
  }));
  el.clear = button('clear-measures', 'Clear');
  el.measureHelp = h('p.muted.small', { id: 'measure-help', text: 'Drag on the image to measure, or by keyboard: focus the image, move the crosshair with the arrow keys (Shift: 10 pixels), press Enter or Space for the first and the second point; Escape cancels.' });
  el.probe = h('output', { id: 'probe', 'aria-live': 'off', text: 'Point at the image for its value.' });
  el.measureList = h('ul.measures', { id: 'measures', 'aria-live': 'polite' });
  el.slider = h('input', { type: 'range', id: 'slice', min: '1', max: String(Math.max(1, total)), step: '1', value: '1', 'aria-describedby': 'slice-label' });
  el.sliceLabel = h('output.slice-label', { id: 'slice-label', for: 'slice', 'aria-live': 'polite' });
  el.strip = h('canvas.strip', { id: 'strip', 'aria-hidden': 'true', title: 'Slice score: click to jump' });
  el.sliceInfo = h('p.muted', { id: 'slice-info' });
  el.maskError = h('p.error', { id: 'mask-error', role: 'alert', hidden: true });

  const lines = verdictLines(report);
  const hint = subtypeHint(report);
  const positive = !!(report.scan && report.scan.haemorrhage);
  const masksZip = backend.fileUrl(scan, 'masks.zip', true);
  const downloads = h('div.links', {},
    h('a.button', { href: backend.fileUrl(scan, 'overlay.mp4', true), download: '', id: 'dl-video', text: 'Download video' }),
    masksZip ? h('a.button', { href: masksZip, download: '', id: 'dl-masks', text: 'Download masks (zip)' }) : null,
    h('a.button', { href: backend.fileUrl(scan, 'report.json', true), download: '', id: 'dl-report', text: 'Download report' }),
    ...derivedLinks(backend, scan, report));

  let patient = null;
  if (input.patient_name || input.patient_id) {
    const box = h('input.check', { type: 'checkbox', id: 'show-patient' });
    const shown = h('p', { id: 'patient', hidden: true });
    box.addEventListener('change', () => {
      shown.hidden = !box.checked;
      shown.textContent = box.checked ? `Patient: ${input.patient_name || '—'} · ID ${input.patient_id || '—'}` : '';
    });
    patient = h('div', {}, h('div.group', {}, box, h('label', { for: 'show-patient', text: 'Show patient name and ID' })), shown);
  }

  // (null entries filtered out: replaceChildren would print them as "null")
  container.replaceChildren(...[
    h('div.title-row', {}, h('h1', { id: 'scan-title', text: scan.name || scan.filename }), actions || null),
    // The summary reads first on a phone and sits beside the picture, above the panel, on a
    // wide window (app.css grid areas), so that the picture starts high on a laptop.
    el.grid = h('div.viewer-grid', {},
      h('div.summary', {},
        h('p.identity.muted', { id: 'identity', text: identityLine(scan, report) }),
        h(`p.verdict.${positive ? 'pos' : 'neg'}`, { id: 'verdict', text: lines.verdict }),
        h('p', { id: 'volume', text: lines.volume }),
        hint ? h('p', { id: 'subtypes', text: hint }) : null),
      h('div.picture', {},
        el.stage,
        h('div.controls.quick', { role: 'toolbar', 'aria-label': 'Playback' }, el.play, el.prev, el.next, el.nextBleed),
        el.sliderBlock = h('div.slider', {},
          h('label', { for: 'slice' }, 'Slice ', el.sliceLabel),
          el.slider,
          el.strip,
          h('p.legend', { text: `Bars: slice score (red: called bleeding). ${bleeding.length} bleeding slice${bleeding.length === 1 ? '' : 's'}. Click a bar to jump to its slice.` })),
        el.sliceInfo,
        h('p.muted', {}, el.probe)),
      h('div.panel', {},
        h('fieldset.controls', {}, h('legend', { text: 'Window' }),
          h('div.group', {}, h('label', { for: 'window', text: 'Preset' }), el.window),
          h('div.group', {}, h('label', { for: 'wl', text: 'Level' }), el.wl, h('label', { for: 'ww', text: 'Width' }), el.ww),
          el.windowNote),
        h('fieldset.controls', {}, h('legend', { text: 'Overlay' }),
          h('div.group', {}, el.overlay, h('label', { for: 'overlay', text: 'Show bleed overlay' })),
          h('div.group', {}, h('label', { for: 'overlay-style', text: 'Style' }), el.style),
          h('div.group', {}, h('label', { for: 'opacity', text: 'Opacity' }), el.opacity),
          el.overlayNote),
        h('fieldset.controls', {}, h('legend', { text: 'Measure' }),
          h('div.group', { role: 'toolbar', 'aria-label': 'Pointer tool' }, ...el.tools, el.clear),
          el.measureHelp,
          h('p.muted.small', { text: spacing ? 'Drag on the image: Length draws a line, Area an ellipse (mm).' : 'Drag on the image. No pixel spacing: sizes are in pixels.' }),
          el.measureList),
        h('fieldset.controls', {}, h('legend', { text: 'View' }),
          h('div.group', { role: 'toolbar', 'aria-label': 'Zoom' }, h('span', { text: 'Zoom' }), el.zoomOut, el.zoomLevel, el.zoomIn, el.zoomReset),
          h('div.group', {}, h('label', { for: 'speed', text: 'Speed' }), el.speed)),
        patient,
        el.maskError,
        downloads,
        h('p.legend', {}, h('a', { href: '#/scans', text: '← Back to your scans' })))),
  ].filter(Boolean));

  // -- slice <-> time ---------------------------------------------------------------------
  const sliceAt = (t) => Math.min(total, Math.max(1, Math.floor(t * fps + 1e-6) + 1));
  const timeOf = (k) => (k - 1 + 0.5) / fps;

  function seekTo(k) {
    const slice = Math.min(total, Math.max(1, k));
    el.video.currentTime = timeOf(slice);
    setSlice(slice);
  }

  function setSlice(k) {
    if (k === current) return;
    current = k;
    el.slider.value = String(k);
    el.sliceLabel.textContent = `${k} / ${total}`;
    el.sliceInfo.textContent = sliceLine(k, slices[k - 1]);
    loadMask(k);
    for (const j of [k + 1, k + 2]) if (j <= total) loadMask(j);
    renderMeasures();
    drawStrip();
    dirty = true;
  }

  // -- masks ------------------------------------------------------------------------------
  function tinted(img, colour, keep) {
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height);
    const px = data.data;
    const on = new Uint8Array(c.width * c.height);
    for (let i = 0, j = 0; i < px.length; i += 4, j += 1) on[j] = px[i] > 127 ? 1 : 0;
    const show = keep ? keep(on, c.width, c.height) : on;
    for (let i = 0, j = 0; i < px.length; i += 4, j += 1) {
      px[i] = colour[0]; px[i + 1] = colour[1]; px[i + 2] = colour[2]; px[i + 3] = show[j] ? 255 : 0;
    }
    ctx.putImageData(data, 0, 0);
    return c;
  }

  function loadMask(k) {
    if (!maskMode) return null;
    if (masks.has(k)) return masks.get(k);
    const entry = { ready: false, fill: null, outline: null };
    masks.set(k, entry);
    if ((slices[k - 1] || {}).area_px === 0) { entry.ready = true; return entry; }
    maskFor(k)
      .then((blob) => blob && createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' }))
      .then((bitmap) => {
        if (!bitmap) return;
        entry.fill = tinted(bitmap, TINT);
        entry.outline = tinted(bitmap, EDGE, outlineOf);
        bitmap.close();
      })
      .catch((err) => {
        el.maskError.textContent = `Bleed masks could not be shown: ${err.message}`;
        el.maskError.hidden = false;
      })
      .finally(() => { entry.ready = true; if (k === current) dirty = true; });
    return entry;
  }

  // -- drawing ----------------------------------------------------------------------------
  function stageSize() {
    return [el.canvas.clientWidth || 1, el.canvas.clientHeight || 1];
  }

  function pictureRect() {
    const [cw, ch] = stageSize();
    return fitRect(cw, ch, imgW, imgH, zoom);
  }

  // Masks are drawn over a clean picture: the HU volume, or the plain slices video.
  const drawsMasks = () => maskMode && (!!(hu && win) || !baked);

  // The overlay controls follow what the picture can do: with masks over a clean picture,
  // on/off, style and opacity; over overlay.mp4 (outline burned in) none until the HU
  // volume has loaded; old cloud results without masks switch videos (on/off only).
  function syncOverlayControls(failed) {
    const live = drawsMasks();
    const swaps = !maskMode && !!plainUrl;
    el.overlay.disabled = !live && !swaps;
    el.style.disabled = !live;
    el.opacity.disabled = !live;
    let note = '';
    if (!live && !swaps) {
      note = failed || !huUrl
        ? 'The outline is burned into this video and cannot be hidden or restyled.'
        : 'Outline burned into the video until the Hounsfield units have loaded.';
    }
    el.overlayNote.textContent = note;
    el.overlayNote.hidden = !note;
  }
  syncOverlayControls(false);

  function baseImage() {
    if (hu && win) {
      const key = `${current}:${win.w}:${win.l}`;
      if (baseCache.key !== key) {
        baseCache.canvas = baseCache.canvas || document.createElement('canvas');
        baseCache.canvas.width = hu.w; baseCache.canvas.height = hu.h;
        const ctx = baseCache.canvas.getContext('2d');
        const img = ctx.createImageData(hu.w, hu.h);
        windowSlice(hu, current, win, img.data);
        ctx.putImageData(img, 0, 0);
        baseCache.key = key;
      }
      return baseCache.canvas;
    }
    return el.video.readyState >= 2 ? el.video : null;
  }

  function render() {
    dirty = false;
    const c = el.canvas;
    const dpr = window.devicePixelRatio || 1;
    const [cw, ch] = stageSize();
    const bw = Math.round(cw * dpr), bh = Math.round(ch * dpr);
    if (c.width !== bw || c.height !== bh) { c.width = bw; c.height = bh; }
    const ctx = c.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, bw, bh);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const r = pictureRect();
    const base = baseImage();
    c.dataset.slice = String(current);
    c.dataset.drawn = 'false';
    c.dataset.rect = [r.x, r.y, r.w, r.h].map((v) => v.toFixed(2)).join(',');
    c.dataset.source = hu && win ? 'hu' : baked ? 'overlay-video' : 'video';
    c.dataset.loading = base ? 'false' : 'true';
    if (base) {
      ctx.fillStyle = '#000';
      ctx.fillRect(r.x, r.y, r.w, r.h);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(base, r.x, r.y, r.w, r.h);
    } else {
      // Nothing to show yet (a slow line): say so instead of a black square.
      ctx.font = '500 16px system-ui, sans-serif';
      ctx.fillStyle = '#c8c8c8';
      ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
      ctx.fillText('Loading the slices…', Math.max(r.x, 0) + Math.min(r.w, cw) / 2, Math.max(r.y, 0) + Math.min(r.h, ch) / 2);
    }
    const entry = drawsMasks() && overlayOn ? masks.get(current) : null;
    const layer = entry && (overlayStyle === 'outline' ? entry.outline : entry.fill);
    if (layer) {
      ctx.globalAlpha = overlayStyle === 'outline' ? Math.max(0.6, opacity) : opacity;
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(layer, r.x, r.y, r.w, r.h);
      ctx.globalAlpha = 1;
      c.dataset.drawn = 'true';
    } else if (entry && entry.ready) {
      c.dataset.drawn = 'empty';
    }
    drawMeasures(ctx, r);
    if (oriented) drawMarkers(ctx, r, cw, ch);
  }

  function drawMarkers(ctx, r, cw, ch) {
    const left = Math.max(r.x, 0) + 8, right = Math.min(r.x + r.w, cw) - 8;
    const top = Math.max(r.y, 0) + 8, bottom = Math.min(r.y + r.h, ch) - 8;
    const midY = (Math.max(r.y, 0) + Math.min(r.y + r.h, ch)) / 2;
    const midX = (Math.max(r.x, 0) + Math.min(r.x + r.w, cw)) / 2;
    ctx.font = '600 15px system-ui, sans-serif';
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#000';
    ctx.fillStyle = '#7fd4ff';
    const mark = (text, x, y, align, base) => {
      ctx.textAlign = align; ctx.textBaseline = base;
      ctx.strokeText(text, x, y); ctx.fillText(text, x, y);
    };
    // Radiological convention: the patient's right is on the image's left, anterior on top.
    mark('R', left, midY, 'left', 'middle');
    mark('L', right, midY, 'right', 'middle');
    mark('A', midX, top, 'center', 'top');
    mark('P', midX, bottom, 'center', 'bottom');
  }

  function measureText(m) {
    if (m.kind === 'length') return formatLength(m.a, m.b, spacing);
    return formatArea(m.a, m.b, spacing, hu, m.k);
  }

  function drawMeasures(ctx, r) {
    const list = measures.filter((m) => m.k === current);
    if (draft && draft.k === current) list.push(draft);
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#3ee07a';
    ctx.fillStyle = '#3ee07a';
    ctx.font = '600 13px system-ui, sans-serif';
    ctx.textAlign = 'left'; ctx.textBaseline = 'bottom';
    for (const m of list) {
      const [ax, ay] = toScreen(m.a, r, imgW, imgH);
      const [bx, by] = toScreen(m.b, r, imgW, imgH);
      ctx.beginPath();
      if (m.kind === 'length') {
        ctx.moveTo(ax, ay); ctx.lineTo(bx, by);
      } else {
        ctx.ellipse((ax + bx) / 2, (ay + by) / 2, Math.abs(bx - ax) / 2, Math.abs(by - ay) / 2, 0, 0, 2 * Math.PI);
      }
      ctx.stroke();
      const label = measureText(m);
      ctx.lineWidth = 3; ctx.strokeStyle = '#000';
      ctx.strokeText(label, Math.max(ax, bx) + 6, Math.min(ay, by) - 2);
      ctx.fillText(label, Math.max(ax, bx) + 6, Math.min(ay, by) - 2);
      ctx.lineWidth = 2; ctx.strokeStyle = '#3ee07a';
    }
    if (cursor && tool !== 'browse' && document.activeElement === el.stage) {
      const [x, y] = toScreen([cursor[0] + 0.5, cursor[1] + 0.5], r, imgW, imgH);
      ctx.lineWidth = 3; ctx.strokeStyle = '#000';
      for (const pass of ['#000', '#ffd84a']) {
        ctx.strokeStyle = pass; ctx.lineWidth = pass === '#000' ? 3 : 1.5;
        ctx.beginPath();
        ctx.moveTo(x - 12, y); ctx.lineTo(x - 3, y); ctx.moveTo(x + 3, y); ctx.lineTo(x + 12, y);
        ctx.moveTo(x, y - 12); ctx.lineTo(x, y - 3); ctx.moveTo(x, y + 3); ctx.lineTo(x, y + 12);
        ctx.stroke();
      }
    }
  }

  function renderMeasures() {
    el.measureList.replaceChildren(...measures.map((m, i) => h('li', {},
      `Slice ${m.k}: ${m.kind === 'length' ? 'length' : 'area'} ${measureText(m)} `,
      h('button.small', { type: 'button', text: 'Go', 'aria-label': `Go to slice ${m.k}`, onclick: () => { el.video.pause(); seekTo(m.k); } }),
      h('button.small', { type: 'button', text: 'Remove', 'aria-label': `Remove measurement ${i + 1}`, onclick: () => { measures.splice(i, 1); renderMeasures(); dirty = true; } }))));
  }

  // -- slice score strip ------------------------------------------------------------------
  function drawStrip() {
    const c = el.strip;
    const w = Math.max(100, Math.round(c.clientWidth * (window.devicePixelRatio || 1)));
    const hgt = Math.round(40 * (window.devicePixelRatio || 1));
    if (c.width !== w || c.height !== hgt) { c.width = w; c.height = hgt; }
    const ctx = c.getContext('2d');
    const styles = getComputedStyle(document.documentElement);
    ctx.fillStyle = styles.getPropertyValue('--card') || '#fff';
    ctx.fillRect(0, 0, w, hgt);
    const bw = w / Math.max(1, total);
    slices.forEach((s, i) => {
      const p = Math.max(0, Math.min(1, sliceScore(s)));
      ctx.fillStyle = s.haemorrhage || (s.haemorrhage === undefined && p >= threshold) ? '#d62828' : '#6c7a89';
      const bh = Math.max(2, p * (hgt - 4));
      ctx.fillRect(i * bw + 0.5, hgt - bh, Math.max(1, bw - 1), bh);
    });
    if (current) {
      ctx.strokeStyle = styles.getPropertyValue('--accent') || '#0b5cad';
      ctx.lineWidth = Math.max(2, (window.devicePixelRatio || 1) * 2);
      ctx.strokeRect((current - 1) * bw + 1, 1, Math.max(2, bw - 2), hgt - 2);
    }
  }

  // -- zoom and pan -----------------------------------------------------------------------
  function applyZoom() {
    const [cw, ch] = stageSize();
    zoom.x = Math.min(0, Math.max(cw * (1 - zoom.s), zoom.x));
    zoom.y = Math.min(0, Math.max(ch * (1 - zoom.s), zoom.y));
    el.zoomLevel.textContent = `${Math.round(zoom.s * 100)}%`;
    el.stage.style.cursor = tool !== 'browse' ? 'crosshair' : zoom.s > 1 ? 'grab' : '';
    el.stage.dataset.zoom = `${zoom.s},${zoom.x.toFixed(2)},${zoom.y.toFixed(2)}`;
    dirty = true;
  }

  function zoomBy(factor, cx, cy) {
    const [cw, ch] = stageSize();
    const px = cx === undefined ? cw / 2 : cx;
    const py = cy === undefined ? ch / 2 : cy;
    const s = Math.min(8, Math.max(1, zoom.s * factor));
    zoom.x = px - ((px - zoom.x) * s) / zoom.s;
    zoom.y = py - ((py - zoom.y) * s) / zoom.s;
    zoom.s = s;
    applyZoom();
  }
  function fit() { zoom = { s: 1, x: 0, y: 0 }; applyZoom(); }

  // -- window / level ---------------------------------------------------------------------
  function setWindow(next, presetId) {
    win = { w: Math.max(1, Math.round(next.w)), l: Math.round(next.l) };
    el.ww.value = String(win.w); el.wl.value = String(win.l);
    const match = PRESETS.find((p) => p.w === win.w && p.l === win.l);
    el.window.value = presetId || (match ? match.id : 'custom');
    dirty = true;
  }

  // The HU volume (several MB) is fetched once the video shows its first frame: on a slow
  // line the two downloads would otherwise share the bandwidth and the stage would stay
  // empty longer. A video that fails, or has no frame after HU_WAIT_MS, does not hold it.
  let huRequested = false;
  function loadHu() {
    if (huRequested) return;
    huRequested = true;
    let shown = 0;
    const onProgress = (received, total) => {
      const now = performance.now();
      if (now - shown < 200 && received < total) return; // a few updates a second
      shown = now;
      el.windowNote.textContent = loadingText(received, total);
    };
    loadHuVolume(huUrl, onProgress)
      .then((volume) => {
        if (volume.n !== total) throw new Error(`${volume.n} slices in the HU volume, ${total} in the report`);
        hu = volume; imgW = volume.w; imgH = volume.h;
        el.stage.style.aspectRatio = `${imgW} / ${imgH}`;
        fitStage();
        for (const x of [el.window, el.ww, el.wl]) x.disabled = false;
        el.windowNote.textContent = 'Rendered from Hounsfield units. Right-drag on the image also changes the window.';
        setWindow(PRESETS[0], PRESETS[0].id);
        syncOverlayControls(false);
      })
      .catch((err) => {
        el.windowNote.textContent = `Hounsfield units could not be loaded (${err.message}); the scan is shown as processed.`;
        huFailed = true;
        syncOverlayControls(true);
      });
  }
  if (huUrl) {
    if (el.video.readyState >= 2) loadHu();
    else {
      for (const type of ['loadeddata', 'error']) el.video.addEventListener(type, loadHu, { once: true });
      setTimeout(loadHu, HU_WAIT_MS);
    }
  }
  el.window.addEventListener('change', () => {
    const p = PRESETS.find((x) => x.id === el.window.value);
    if (p) setWindow(p, p.id);
  });
  const onWindowInput = () => {
    const w = Number(el.ww.value), l = Number(el.wl.value);
    if (Number.isFinite(w) && w >= 1 && Number.isFinite(l)) setWindow({ w, l });
  };
  el.ww.addEventListener('change', onWindowInput);
  el.wl.addEventListener('change', onWindowInput);

  // -- pointer ----------------------------------------------------------------------------
  const pointers = new Map();
  let gesture = null;
  const stageXY = (e) => {
    const rect = el.canvas.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top];
  };
  const imageXY = (e) => toImage(stageXY(e), pictureRect(), imgW, imgH);

  function probe(e) {
    const [x, y] = imageXY(e);
    const ix = Math.floor(x), iy = Math.floor(y);
    if (ix < 0 || iy < 0 || ix >= imgW || iy >= imgH) { el.probe.textContent = 'Pointer outside the image.'; return; }
    if (hu) {
      const v = hu.data[(current - 1) * hu.w * hu.h + iy * hu.w + ix];
      el.probe.textContent = `Pixel (${ix + 1}, ${iy + 1}): ${v} HU`;
    } else if (huUrl && !huFailed) {
      el.probe.textContent = `Pixel (${ix + 1}, ${iy + 1}); Hounsfield units still loading.`;
    } else {
      el.probe.textContent = `Pixel (${ix + 1}, ${iy + 1}); no Hounsfield units ${huUrl ? 'loaded' : 'in this scan'}.`;
    }
  }

  el.stage.addEventListener('contextmenu', (e) => e.preventDefault());
  el.stage.addEventListener('pointerdown', (e) => {
    pointers.set(e.pointerId, stageXY(e));
    try { el.stage.setPointerCapture(e.pointerId); } catch { /* pointer already gone */ }
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      draft = null;
      gesture = { kind: 'pinch', dist: Math.hypot(a[0] - b[0], a[1] - b[1]) || 1 };
    } else if (e.button === 2 && hu && win) {
      gesture = { kind: 'window', x: e.clientX, y: e.clientY, w: win.w, l: win.l };
    } else if (tool !== 'browse') {
      const p = imageXY(e);
      draft = { kind: tool, k: current, a: p, b: p };
      gesture = { kind: 'measure' };
    } else if (zoom.s > 1) {
      gesture = { kind: 'pan', x: e.clientX - zoom.x, y: e.clientY - zoom.y };
    } else {
      gesture = { kind: 'scrub', x: e.clientX, slice: current };
    }
  });
  el.stage.addEventListener('pointermove', (e) => {
    if (e.pointerType !== 'touch') probe(e);
    if (!pointers.has(e.pointerId) || !gesture) return;
    pointers.set(e.pointerId, stageXY(e));
    if (gesture.kind === 'pinch' && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const dist = Math.hypot(a[0] - b[0], a[1] - b[1]) || 1;
      zoomBy(dist / gesture.dist, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
      gesture.dist = dist;
    } else if (gesture.kind === 'pan') {
      zoom.x = e.clientX - gesture.x; zoom.y = e.clientY - gesture.y;
      applyZoom();
    } else if (gesture.kind === 'window') {
      setWindow({ w: gesture.w + (e.clientX - gesture.x) * 2, l: gesture.l + (e.clientY - gesture.y) });
    } else if (gesture.kind === 'measure' && draft) {
      draft.b = imageXY(e);
      dirty = true;
    } else if (gesture.kind === 'scrub') {
      const target = gesture.slice + Math.round((e.clientX - gesture.x) / 16);
      if (target !== current) { el.video.pause(); seekTo(target); }
    }
  });
  const endGesture = (e) => {
    pointers.delete(e.pointerId);
    if (gesture && gesture.kind === 'measure' && draft) {
      if (Math.hypot(draft.a[0] - draft.b[0], draft.a[1] - draft.b[1]) >= 2) measures.push(draft);
      draft = null;
      renderMeasures();
      dirty = true;
    }
    gesture = null;
  };
  el.stage.addEventListener('pointerup', endGesture);
  el.stage.addEventListener('pointercancel', endGesture);
  el.stage.addEventListener('wheel', (e) => {
    e.preventDefault();
    if (e.ctrlKey) {
      const [x, y] = stageXY(e);
      zoomBy(e.deltaY < 0 ? 1.2 : 1 / 1.2, x, y);
    } else if (Math.abs(e.deltaY) >= 1) {
      el.video.pause();
      seekTo(current + (e.deltaY > 0 ? 1 : -1));
    }
  }, { passive: false });

  // -- controls ---------------------------------------------------------------------------
  function togglePlay() {
    if (el.video.paused) el.video.play().catch(() => {}); else el.video.pause();
  }
  function step(d) { el.video.pause(); seekTo(current + d); }
  function nextBleed() {
    if (!bleeding.length) return;
    el.video.pause();
    seekTo(bleeding.find((k) => k > current) || bleeding[0]);
  }
  function setTool(t) {
    tool = t;
    draft = null;
    cursor = t === 'browse' ? null : (cursor || [Math.floor(imgW / 2), Math.floor(imgH / 2)]);
    showCursor();
    el.tools.forEach((b) => b.setAttribute('aria-pressed', String(b.id === `tool-${t}`)));
    applyZoom();
  }
  function syncPlay() {
    const playing = !el.video.paused;
    el.play.textContent = playing ? 'Pause' : 'Play';
    el.play.setAttribute('aria-pressed', String(playing));
  }

  el.play.addEventListener('click', togglePlay);
  el.prev.addEventListener('click', () => step(-1));
  el.next.addEventListener('click', () => step(1));
  el.nextBleed.addEventListener('click', nextBleed);
  el.speed.addEventListener('change', () => { el.video.playbackRate = Number(el.speed.value); });
  el.zoomIn.addEventListener('click', () => zoomBy(1.5));
  el.zoomOut.addEventListener('click', () => zoomBy(1 / 1.5));
  el.zoomReset.addEventListener('click', fit);
  el.tools.forEach((b) => b.addEventListener('click', () => setTool(b.id.slice(5))));
  el.clear.addEventListener('click', () => { measures.length = 0; renderMeasures(); dirty = true; });
  el.overlay.addEventListener('change', () => {
    overlayOn = el.overlay.checked;
    if (maskMode) { dirty = true; return; }
    // No masks to draw (cloud results stored before masks.zip): switch between the videos.
    const t = el.video.currentTime; const wasPlaying = !el.video.paused;
    el.video.src = overlayOn ? backend.fileUrl(scan, 'overlay.mp4') : plainUrl;
    el.video.addEventListener('loadedmetadata', () => { el.video.currentTime = t; if (wasPlaying) el.video.play().catch(() => {}); }, { once: true });
  });
  el.style.addEventListener('change', () => { overlayStyle = el.style.value; dirty = true; });
  el.opacity.addEventListener('input', () => { opacity = Number(el.opacity.value); dirty = true; });
  el.slider.addEventListener('input', () => { el.video.pause(); seekTo(Number(el.slider.value)); });
  el.strip.addEventListener('click', (e) => {
    const rect = el.strip.getBoundingClientRect();
    seekTo(Math.floor(((e.clientX - rect.left) / rect.width) * total) + 1);
  });
  for (const type of ['play', 'pause']) el.video.addEventListener(type, syncPlay);
  for (const type of ['seeked', 'loadeddata', 'timeupdate']) el.video.addEventListener(type, () => { dirty = true; });
  el.video.addEventListener('loadedmetadata', () => {
    if (!input.width && el.video.videoWidth) {
      imgW = el.video.videoWidth; imgH = el.video.videoHeight;
      el.stage.style.aspectRatio = `${imgW} / ${imgH}`;
      fitStage();
    }
    if (el.video.paused) el.video.currentTime = timeOf(current);
  });

  // -- measuring by keyboard: a crosshair on the focused image ------------------------------
  function showCursor() {
    if (cursor) {
      el.stage.dataset.cursor = `${cursor[0]},${cursor[1]}`;
      const [ix, iy] = cursor;
      const where = `Crosshair at pixel (${ix + 1}, ${iy + 1})`;
      const value = hu ? `: ${hu.data[(current - 1) * hu.w * hu.h + iy * hu.w + ix]} HU` : '';
      el.probe.textContent = `${where}${value}${draft ? '; press Enter for the second point.' : '.'}`;
    } else {
      delete el.stage.dataset.cursor;
    }
    dirty = true;
  }
  function moveCursor(dx, dy) {
    cursor = [Math.min(imgW - 1, Math.max(0, cursor[0] + dx)), Math.min(imgH - 1, Math.max(0, cursor[1] + dy))];
    if (draft) draft.b = [cursor[0] + 0.5, cursor[1] + 0.5];
    showCursor();
  }
  function setPoint() {
    const p = [cursor[0] + 0.5, cursor[1] + 0.5];
    if (!draft) {
      draft = { kind: tool, k: current, a: p, b: p };
    } else {
      draft.b = p;
      if (Math.hypot(draft.a[0] - draft.b[0], draft.a[1] - draft.b[1]) >= 2) measures.push(draft);
      draft = null;
      renderMeasures();
    }
    showCursor();
  }
  // Arrows, Enter/Space and Escape on the focused image while Length or Area is chosen.
  function onMeasureKey(e) {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (moves[e.key]) {
      const n = e.shiftKey ? 10 : 1;
      moveCursor(moves[e.key][0] * n, moves[e.key][1] * n);
    } else if (e.key === 'Enter' || e.key === ' ') {
      setPoint();
    } else if (e.key === 'Escape' && draft) {
      draft = null; showCursor();
    } else {
      return false;
    }
    e.preventDefault();
    return true;
  }
  el.stage.addEventListener('focus', () => { dirty = true; });
  el.stage.addEventListener('blur', () => { dirty = true; });

  // Keys work wherever focus is in the viewer, except in fields that use them.
  function onKey(e) {
    const t = e.target;
    if (t && t.closest && t.closest('input:not([type=checkbox]), select, textarea, [contenteditable]')) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (t === el.stage && tool !== 'browse' && cursor && onMeasureKey(e)) return;
    const onButton = t && t.closest && t.closest('button, a, summary, input[type=checkbox]');
    if ((e.key === ' ' || e.key === 'Enter') && onButton) return; // the control's own action
    if (e.key === ' ' || e.key === 'k') { e.preventDefault(); togglePlay(); }
    else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') { e.preventDefault(); step(1); }
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') { e.preventDefault(); step(-1); }
    else if (e.key === 'n' || e.key === 'b') { e.preventDefault(); nextBleed(); }
    else if (e.key === '+' || e.key === '=') { e.preventDefault(); zoomBy(1.5); }
    else if (e.key === '-') { e.preventDefault(); zoomBy(1 / 1.5); }
    else if (e.key === '0') { e.preventDefault(); fit(); }
    else if (e.key === 'o') { el.overlay.click(); }
    else if (/^[1-4]$/.test(e.key) && hu) { const p = PRESETS[Number(e.key) - 1]; setWindow(p, p.id); }
    else if (e.key === 'Escape') { draft = null; setTool('browse'); }
  }
  document.addEventListener('keydown', onKey);
  const resize = new ResizeObserver(() => { drawStrip(); applyZoom(); });
  resize.observe(el.stage);

  // -- the picture and its slice controls on one screen ----------------------------------
  // On a wide window the stage is capped so that the whole picture, the playback buttons,
  // the slider and the score strip fit between the stage's top and the window's bottom
  // without scrolling; it keeps the picture's shape and is centred in its column. A narrow
  // window (a phone) scrolls as one column: there only the CSS cap (70 % of the height) holds.
  function fitStage() {
    const s = el.stage.style;
    if (window.innerWidth < WIDE_MIN_PX) { s.maxHeight = ''; s.maxWidth = ''; return; }
    // The page as it opens (scrolled to the top): the picture column is sticky, so the
    // stage's own box moves with scrolling; the grid's does not, and the stage is its top.
    const top = el.grid.getBoundingClientRect().top + window.scrollY;
    const box = el.stage.getBoundingClientRect();
    const below = el.sliderBlock.getBoundingClientRect().bottom - box.bottom;
    const room = Math.max(MIN_STAGE_PX, Math.floor(window.innerHeight - top - below - 12));
    s.maxHeight = `${room}px`;
    s.maxWidth = `${Math.floor((room * imgW) / imgH)}px`;
  }
  window.addEventListener('resize', fitStage);
  fitStage();

  function tick() {
    if (!el.video.paused) { setSlice(sliceAt(el.video.currentTime)); dirty = true; }
    if (dirty) render();
    raf = requestAnimationFrame(tick);
  }
  // Triage first: open at the largest bleed (or the highest slice score).
  seekTo(peakSlice(report) || 1);
  applyZoom();
  raf = requestAnimationFrame(tick);

  return () => {
    cancelAnimationFrame(raf);
    resize.disconnect();
    window.removeEventListener('resize', fitStage);
    document.removeEventListener('keydown', onKey);
    el.video.pause();
    el.video.removeAttribute('src');
    el.video.load();
  };
}

// Results in the input's own format (a DICOM input's SEG and SR, a NIfTI input's mask), for
// a PACS, OHIF or a NIfTI viewer: listed by the report, linked when the backend has a link.
const DERIVED = [
  ['dicom_seg', 'dl-seg', 'Download DICOM SEG'],
  ['dicom_sr', 'dl-sr', 'Download DICOM SR'],
  ['nifti_mask', 'dl-nifti', 'Download NIfTI mask'],
];

function derivedLinks(backend, scan, report) {
  const files = report.files || {};
  return DERIVED.map(([key, id, text]) => {
    const name = files[key];
    const href = typeof name === 'string' ? backend.fileUrl(scan, name, true) : '';
    return href ? h('a.button', { href, download: '', id, text }) : null;
  }).filter(Boolean);
}
