"""Uploaded media in production: serving image files from local disk, or S3-compatible storage."""
