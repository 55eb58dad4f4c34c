"""GPU-job watcher: ECS task-state events and overdue tasks -> scans marked failed."""
