"""Defaults the pipeline itself needs, without the settings machinery.

:mod:`ichseg.settings` (pydantic-settings: 0.3-0.9 s to import on these 2-core machines)
reads the environment into typed settings whose defaults come from here; the in-memory
pipeline (:mod:`ichseg.predict`, :mod:`ichseg.service`) imports only this module, so that
a cold start (a Lambda, a CLI run) does not pay for the settings it does not read.
"""

from __future__ import annotations

#: Model-input pixels per model call at most: one 512x512 slice. Measured with the
#: 512x512 model 1.1.0 (flip TTA in the graph) on a 24-slice scan: peak RSS 0.63 GB at batch 1,
#: 1.9 GB at batch 4, 3.7 GB at batch 8, and batch 1 was also the fastest on 2 cores.
MAX_BATCH_PIXELS = 512 * 512
