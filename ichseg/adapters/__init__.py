"""Adapters: ONNX Runtime, local/S3 storage, SQLite/Firestore indexes, ECS, secrets."""
