"""Security headers: the Content-Security-Policy for public pages and for the admin (docs/security.md)."""
