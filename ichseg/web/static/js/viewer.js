// The scan viewer: plain slices video + the current slice's mask drawn on a canvas, so the
// overlay toggle and opacity are real; speed, frame steps, slice slider, zoom and pan,
// keyboard shortcuts, a per-slice probability strip and downloads.
// Masks come from the back-end as one function, backend.maskSource(scan, report) ->
// mask(k) -> Promise<Blob | null> (embedded: masks/NNN.png; cloud: entries of masks.zip), so
// both modes draw them the same way. Without masks (null) the overlay toggle switches
// between overlay.mp4 and slices.mp4 instead.

import { h } from './dom.js';

const SPEEDS = [0.25, 0.5, 1, 1.5, 2, 4];
const TINT = [255, 40, 40];

function verdictText(report) {
  const s = report.scan || {};
  const pct = typeof s.probability === 'number' ? ` (probability ${(s.probability * 100).toFixed(0)}%)` : '';
  const head = s.haemorrhage ? `Haemorrhage detected${pct}` : `No haemorrhage detected${pct}`;
  const volume = typeof s.volume_ml === 'number'
    ? `Estimated bleed volume ${s.volume_ml.toFixed(1)} mL.`
    : 'Volume unknown (the input has no pixel spacing).';
  return [head, volume];
}

// "Likely type: subdural (82%), intraparenchymal (61%)." from a model with a subtype head;
// null when the model has none or no subtype reaches its threshold.
function subtypeText(report) {
  const s = report.scan || {};
  const likely = Array.isArray(s.likely_subtypes) ? s.likely_subtypes : [];
  if (!likely.length) return null;
  const scores = s.subtypes || {};
  const parts = likely.map((name) => {
    const p = typeof scores[name] === 'number' ? ` (${Math.round(scores[name] * 100)}%)` : '';
    return `${name.toLowerCase()}${p}`;
  });
  return `Likely type: ${parts.join(', ')}. Subtype scores are a screening aid only.`;
}

export function mountViewer(container, { scan, report, backend }) {
  const slices = report.slices || [];
  const total = slices.length;
  const video = report.video || {};
  const fps = video.fps || 5;
  const threshold = (report.thresholds && report.thresholds.slice) || (report.spec && report.spec.slice_threshold) || 0.5;
  const maskFor = backend.maskSource(scan, report);
  const maskMode = !!maskFor;
  let current = 0;
  let overlayOn = true;
  let opacity = 0.5;
  let zoom = { s: 1, x: 0, y: 0 };
  let raf = 0;
  const masks = new Map();

  // -- elements ---------------------------------------------------------------------------
  const el = {};
  el.video = h('video', {
    id: 'scan-video', src: backend.fileUrl(scan, maskMode ? 'slices.mp4' : 'overlay.mp4'),
    muted: true, playsinline: true, preload: 'auto', loop: true,
    'aria-label': `Scan video, ${total} slices`,
  });
  el.video.muted = true;
  el.canvas = h('canvas.mask', { 'aria-hidden': 'true' });
  el.zoomBox = h('div.zoom', {}, el.video, el.canvas);
  el.stage = h('div.stage', {
    tabindex: '0', role: 'group', id: 'stage',
    'aria-label': 'Scan image. Space plays or pauses, left and right arrows step one slice, plus and minus zoom, 0 resets the zoom. Wheel or swipe moves through slices; Ctrl + wheel or pinch zooms.',
  }, el.zoomBox);
  el.play = h('button.primary', { type: 'button', id: 'play', text: 'Play', 'aria-pressed': 'false' });
  el.prev = h('button', { type: 'button', id: 'prev', 'aria-label': 'Previous slice', text: '◀ Step' });
  el.next = h('button', { type: 'button', id: 'next', 'aria-label': 'Next slice', text: 'Step ▶' });
  el.speed = h('select', { id: 'speed' }, SPEEDS.map((s) => h('option', { value: String(s), text: `${s}×`, selected: s === 1 })));
  el.zoomOut = h('button', { type: 'button', id: 'zoom-out', 'aria-label': 'Zoom out', text: '−' });
  el.zoomIn = h('button', { type: 'button', id: 'zoom-in', 'aria-label': 'Zoom in', text: '+' });
  el.zoomReset = h('button', { type: 'button', id: 'zoom-reset', text: 'Fit' });
  el.zoomLevel = h('output', { id: 'zoom-level', 'aria-live': 'polite', text: '100%' });
  el.overlay = h('input', { type: 'checkbox', id: 'overlay', checked: true });
  el.opacity = h('input', { type: 'range', id: 'opacity', min: '0', max: '1', step: '0.05', value: String(opacity), disabled: !maskMode });
  el.slider = h('input', { type: 'range', id: 'slice', min: '1', max: String(Math.max(1, total)), step: '1', value: '1', 'aria-describedby': 'slice-label' });
  el.sliceLabel = h('output.slice-label', { id: 'slice-label', for: 'slice', 'aria-live': 'polite' });
  el.strip = h('canvas.strip', { id: 'strip', 'aria-hidden': 'true', title: 'Haemorrhage probability per slice: click to jump' });
  el.sliceInfo = h('p.muted', { id: 'slice-info' });
  el.maskError = h('p.error', { id: 'mask-error', role: 'alert', hidden: true });

  const [head, volume] = verdictText(report);
  const positive = !!(report.scan && report.scan.haemorrhage);
  const masksZip = backend.fileUrl(scan, 'masks.zip', true);
  const downloads = h('div.links', {},
    h('a.button', { href: backend.fileUrl(scan, 'overlay.mp4', true), download: '', id: 'dl-video', text: 'Download video' }),
    masksZip ? h('a.button', { href: masksZip, download: '', id: 'dl-masks', text: 'Download masks (zip)' }) : null,
    h('a.button', { href: backend.fileUrl(scan, 'report.json', true), download: '', id: 'dl-report', text: 'Download report' }));

  container.replaceChildren(
    h('h1', { text: scan.filename }),
    h(`p.verdict.${positive ? 'pos' : 'neg'}`, { id: 'verdict', text: head }),
    h('p', { id: 'volume', text: volume }),
    subtypeText(report) ? h('p', { id: 'subtypes', text: subtypeText(report) }) : null,
    h('div.viewer-grid', {},
      h('div', {},
        el.stage,
        h('div.slider', {},
          h('label', { for: 'slice' }, 'Slice ', el.sliceLabel),
          el.slider,
          el.strip,
          h('p.legend', { text: 'Bars: haemorrhage probability per slice (red at or above the threshold). Click a bar to jump to its slice.' }))),
      h('div', {},
        h('div.controls', { role: 'toolbar', 'aria-label': 'Playback' },
          h('div.group', {}, el.play, el.prev, el.next),
          h('div.group', {}, h('label', { for: 'speed', text: 'Speed' }), el.speed)),
        h('div.controls', { role: 'toolbar', 'aria-label': 'Zoom' },
          h('div.group', {}, h('span', { text: 'Zoom' }), el.zoomOut, el.zoomLevel, el.zoomIn, el.zoomReset)),
        h('div.controls', {},
          h('div.group', {}, el.overlay, h('label', { for: 'overlay', text: 'Show bleed overlay' })),
          h('div.group', {}, h('label', { for: 'opacity', text: 'Overlay opacity' }), el.opacity)),
        el.sliceInfo,
        el.maskError,
        downloads,
        h('p.legend', {}, h('a', { href: '#/scans', text: '← Back to your scans' })))));

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
    const s = slices[k - 1] || {};
    const area = typeof s.area_mm2 === 'number' ? `${s.area_mm2.toFixed(1)} mm²` : `${s.area_px || 0} px`;
    el.sliceInfo.textContent = `Slice ${k}: probability ${((s.probability || 0) * 100).toFixed(0)}%, bleed area ${area}.`;
    drawMask();
    drawStrip();
  }

  // -- masks ------------------------------------------------------------------------------
  function tinted(img) {
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height);
    const px = data.data;
    for (let i = 0; i < px.length; i += 4) {
      const on = px[i] > 127;
      px[i] = TINT[0]; px[i + 1] = TINT[1]; px[i + 2] = TINT[2]; px[i + 3] = on ? 255 : 0;
    }
    ctx.putImageData(data, 0, 0);
    return c;
  }

  function loadMask(k) {
    if (masks.has(k)) return masks.get(k);
    const entry = { ready: false, canvas: null };
    masks.set(k, entry);
    if ((slices[k - 1] || {}).area_px === 0) { entry.ready = true; return entry; }
    maskFor(k)
      .then((blob) => blob && createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' }))
      .then((bitmap) => {
        if (!bitmap) return;
        entry.canvas = tinted(bitmap);
        bitmap.close();
      })
      .catch((err) => {
        el.maskError.textContent = `Bleed masks could not be shown: ${err.message}`;
        el.maskError.hidden = false;
      })
      .finally(() => { entry.ready = true; if (k === current) drawMask(); });
    return entry;
  }

  function drawMask() {
    if (!maskMode) return;
    const c = el.canvas;
    const w = el.video.videoWidth || video.width || 512;
    const hgt = el.video.videoHeight || video.height || 512;
    if (c.width !== w || c.height !== hgt) { c.width = w; c.height = hgt; }
    const ctx = c.getContext('2d');
    ctx.clearRect(0, 0, w, hgt);
    el.canvas.dataset.slice = String(current);
    el.canvas.dataset.drawn = 'false';
    if (!overlayOn || !current) return;
    const entry = loadMask(current);
    for (const k of [current + 1, current + 2]) if (k <= total) loadMask(k);
    if (!entry.ready || !entry.canvas) return;
    ctx.globalAlpha = opacity;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(entry.canvas, 0, 0, w, hgt);
    ctx.globalAlpha = 1;
    el.canvas.dataset.drawn = 'true';
  }

  // -- probability strip ------------------------------------------------------------------
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
      const p = Math.max(0, Math.min(1, s.probability || 0));
      ctx.fillStyle = p >= threshold ? '#d62828' : '#6c7a89';
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
    const rect = el.stage.getBoundingClientRect();
    const maxX = 0, minX = rect.width * (1 - zoom.s);
    const maxY = 0, minY = el.zoomBox.offsetHeight * (1 - zoom.s);
    zoom.x = Math.min(maxX, Math.max(minX, zoom.x));
    zoom.y = Math.min(maxY, Math.max(minY, zoom.y));
    el.zoomBox.style.transform = `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.s})`;
    el.zoomLevel.textContent = `${Math.round(zoom.s * 100)}%`;
    el.stage.style.cursor = zoom.s > 1 ? 'grab' : '';
  }

  function zoomBy(factor, cx, cy) {
    const rect = el.stage.getBoundingClientRect();
    const px = cx === undefined ? rect.width / 2 : cx;
    const py = cy === undefined ? rect.height / 2 : cy;
    const s = Math.min(8, Math.max(1, zoom.s * factor));
    zoom.x = px - ((px - zoom.x) * s) / zoom.s;
    zoom.y = py - ((py - zoom.y) * s) / zoom.s;
    zoom.s = s;
    applyZoom();
  }

  // Pointer gestures: one pointer pans when zoomed in, or scrolls through slices (a slice
  // per 16 px of horizontal travel) at 100%; two pointers pinch-zoom around their midpoint.
  const pointers = new Map();
  let gesture = null;
  const stageXY = (e) => {
    const rect = el.stage.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top];
  };
  el.stage.addEventListener('pointerdown', (e) => {
    pointers.set(e.pointerId, stageXY(e));
    try { el.stage.setPointerCapture(e.pointerId); } catch { /* pointer already gone */ }
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      gesture = { kind: 'pinch', dist: Math.hypot(a[0] - b[0], a[1] - b[1]) || 1 };
    } else if (zoom.s > 1) {
      gesture = { kind: 'pan', x: e.clientX - zoom.x, y: e.clientY - zoom.y };
    } else {
      gesture = { kind: 'scrub', x: e.clientX, slice: current };
    }
  });
  el.stage.addEventListener('pointermove', (e) => {
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
    } else if (gesture.kind === 'scrub') {
      const target = gesture.slice + Math.round((e.clientX - gesture.x) / 16);
      if (target !== current) { el.video.pause(); seekTo(target); }
    }
  });
  const endGesture = (e) => {
    pointers.delete(e.pointerId);
    gesture = null;
  };
  el.stage.addEventListener('pointerup', endGesture);
  el.stage.addEventListener('pointercancel', endGesture);
  // Wheel scrolls through slices; Ctrl + wheel (and trackpad pinch) zooms at the pointer.
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

  // -- playback ---------------------------------------------------------------------------
  function togglePlay() {
    if (el.video.paused) el.video.play().catch(() => {}); else el.video.pause();
  }
  function step(d) { el.video.pause(); seekTo(current + d); }
  function syncPlay() {
    const playing = !el.video.paused;
    el.play.textContent = playing ? 'Pause' : 'Play';
    el.play.setAttribute('aria-pressed', String(playing));
  }

  el.play.addEventListener('click', togglePlay);
  el.prev.addEventListener('click', () => step(-1));
  el.next.addEventListener('click', () => step(1));
  el.speed.addEventListener('change', () => { el.video.playbackRate = Number(el.speed.value); });
  el.zoomIn.addEventListener('click', () => zoomBy(1.5));
  el.zoomOut.addEventListener('click', () => zoomBy(1 / 1.5));
  el.zoomReset.addEventListener('click', () => { zoom = { s: 1, x: 0, y: 0 }; applyZoom(); });
  el.overlay.addEventListener('change', () => {
    overlayOn = el.overlay.checked;
    if (maskMode) drawMask();
    else {
      // No masks to draw (cloud results stored before masks.zip): switch between the videos.
      const t = el.video.currentTime; const wasPlaying = !el.video.paused;
      el.video.src = backend.fileUrl(scan, overlayOn ? 'overlay.mp4' : 'slices.mp4');
      el.video.addEventListener('loadedmetadata', () => { el.video.currentTime = t; if (wasPlaying) el.video.play().catch(() => {}); }, { once: true });
    }
  });
  el.opacity.addEventListener('input', () => { opacity = Number(el.opacity.value); drawMask(); });
  el.slider.addEventListener('input', () => { el.video.pause(); seekTo(Number(el.slider.value)); });
  el.strip.addEventListener('click', (e) => {
    const rect = el.strip.getBoundingClientRect();
    seekTo(Math.floor(((e.clientX - rect.left) / rect.width) * total) + 1);
  });
  el.video.addEventListener('play', syncPlay);
  el.video.addEventListener('pause', syncPlay);
  el.video.addEventListener('loadedmetadata', () => { drawMask(); applyZoom(); });
  el.video.addEventListener('seeked', () => setSlice(sliceAt(el.video.currentTime)));

  function onKey(e) {
    const t = e.target;
    if (t && t.closest && t.closest('input, select, textarea, button, a, label')) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === ' ' || e.key === 'k') { e.preventDefault(); togglePlay(); }
    else if (e.key === 'ArrowRight') { e.preventDefault(); step(1); }
    else if (e.key === 'ArrowLeft') { e.preventDefault(); step(-1); }
    else if (e.key === '+' || e.key === '=') { e.preventDefault(); zoomBy(1.5); }
    else if (e.key === '-') { e.preventDefault(); zoomBy(1 / 1.5); }
    else if (e.key === '0') { e.preventDefault(); zoom = { s: 1, x: 0, y: 0 }; applyZoom(); }
    else if (e.key === 'o') { el.overlay.click(); }
  }
  document.addEventListener('keydown', onKey);
  const onResize = () => { drawStrip(); applyZoom(); };
  window.addEventListener('resize', onResize);

  function tick() {
    setSlice(sliceAt(el.video.currentTime));
    raf = requestAnimationFrame(tick);
  }
  setSlice(1);
  raf = requestAnimationFrame(tick);

  return () => {
    cancelAnimationFrame(raf);
    document.removeEventListener('keydown', onKey);
    window.removeEventListener('resize', onResize);
    el.video.pause();
    el.video.removeAttribute('src');
    el.video.load();
  };
}
