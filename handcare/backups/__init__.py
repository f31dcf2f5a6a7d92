"""Backups: one archive holding a consistent database dump and the media, and its restore."""
