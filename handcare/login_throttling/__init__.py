"""Admin login throttling: django-axes wired to HandCare's proxies and login pages."""
