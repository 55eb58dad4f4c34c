"""HTTP API for uploads, scan lists and link renewal."""
