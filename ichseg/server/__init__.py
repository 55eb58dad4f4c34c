"""The embedded job service and web server behind ``ichseg serve``."""

from ichseg.server.app import create_app, run_server
from ichseg.server.settings import ServeSettings

__all__ = ["ServeSettings", "create_app", "run_server"]
