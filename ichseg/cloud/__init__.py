"""Cloud service logic: S3 upload -> segment (Lambda or GPU task) -> S3 outputs -> scan index.

Entry points in ``functions/`` parse their input, build adapters from
:class:`ichseg.cloud.settings.CloudSettings` and call one function here.
"""
