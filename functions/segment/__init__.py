"""S3 upload event -> segment (Lambda container image)."""
