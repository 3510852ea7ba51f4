"""WSGI entry point for gunicorn (`casework serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.site.settings")
application = get_wsgi_application()
