"""Dead-letter Lambda: marks scans whose upload event failed every retry as failed."""
