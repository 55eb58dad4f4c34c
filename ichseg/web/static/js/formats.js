// Generated from ichseg/formats.py by `python -m ichseg.formats`; do not edit.
// The uploads the app accepts (the server checks the content again).

export const ACCEPT = ".mp4,.m4v,.mov,.avi,.webm,.zip,.dcm,.nii,.nii.gz,video/*,application/zip,application/dicom";

export const KINDS = [
  { ext: ".nii.gz", type: "application/gzip" },
  { ext: ".webm", type: "video/webm" },
  { ext: ".mp4", type: "video/mp4" },
  { ext: ".m4v", type: "video/mp4" },
  { ext: ".mov", type: "video/quicktime" },
  { ext: ".avi", type: "video/x-msvideo" },
  { ext: ".zip", type: "application/zip" },
  { ext: ".dcm", type: "application/dicom" },
  { ext: ".nii", type: "application/octet-stream" },
];

export const DESCRIPTION = "a video (mp4, mov, avi, webm), a .zip of DICOM or PNG/JPEG slices, a DICOM file, or NIfTI (.nii, .nii.gz)";

// Result files with a download link, and the link's name in a cloud scan record.
export const LINK_NAMES = {
  "overlay.mp4": "overlay",
  "slices.mp4": "slices",
  "masks.zip": "masks_zip",
  "report.json": "report",
  "hu.npy.gz": "hu",
  "dicom/seg.dcm": "dicom_seg",
  "dicom/sr.dcm": "dicom_sr",
  "mask.nii.gz": "nifti_mask",
};
