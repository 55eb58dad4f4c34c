"""ichseg: intracranial haemorrhage segmentation on head CT."""

__version__ = "0.1.0"
