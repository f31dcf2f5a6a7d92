"""WSGI entry point for HandCare."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "handcare.settings.production")

application = get_wsgi_application()
