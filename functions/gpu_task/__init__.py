"""GPU ECS task entry point."""
