"""Two-factor authentication (TOTP and recovery codes) for the Wagtail and Django admin."""
