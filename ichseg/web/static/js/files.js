// Which files the app accepts, checked before upload (the server checks the content again).

export const ACCEPT = '.mp4,.mov,.avi,.webm,.zip,.nii,.nii.gz,.dcm,video/*,application/zip,application/dicom';

const KINDS = [
  { ext: '.nii.gz', type: 'application/gzip' },
  { ext: '.nii', type: 'application/octet-stream' },
  { ext: '.zip', type: 'application/zip' },
  { ext: '.dcm', type: 'application/dicom' },
  { ext: '.mp4', type: 'video/mp4' },
  { ext: '.m4v', type: 'video/mp4' },
  { ext: '.mov', type: 'video/quicktime' },
  { ext: '.avi', type: 'video/x-msvideo' },
  { ext: '.webm', type: 'video/webm' },
];

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
    return `"${file.name}" is not a supported scan: use a video (mp4, mov, avi, webm), a .zip of DICOM or PNG/JPEG slices, a DICOM file or NIfTI (.nii, .nii.gz).`;
  }
  if (file.size === 0) return `"${file.name}" is empty.`;
  if (maxBytes && file.size > maxBytes) {
    return `"${file.name}" is ${(file.size / 1048576).toFixed(1)} MiB; the limit is ${(maxBytes / 1048576).toFixed(0)} MiB.`;
  }
  return null;
}
