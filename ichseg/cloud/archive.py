"""``masks.zip``: every mask PNG of one result in a single download.

The cloud viewer fetches this one object instead of a presigned link per slice, unzips it in
the browser (``DecompressionStream('deflate-raw')``) and draws the masks on its canvas. The
entries are named as in the embedded server's ``masks.zip`` (``masks/001.png`` …).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ichseg.outputs import MASKS_DIR, MASKS_ZIP_NAME


def write_masks_zip(out_dir: Path) -> Path:
    """Zip ``out_dir/masks/*.png`` into ``out_dir/masks.zip`` (entries deflated, sorted).

    Args:
        out_dir: A finished :func:`ichseg.service.segment_scan` output folder.

    Returns:
        The path of the archive. A folder without masks gives a valid, empty archive.
    """
    target = out_dir / MASKS_ZIP_NAME
    partial = target.with_name(target.name + ".partial")
    masks = sorted((out_dir / MASKS_DIR).glob("*.png"))
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in masks:
            zf.write(path, arcname=f"{MASKS_DIR}/{path.name}")
    partial.replace(target)
    return target
