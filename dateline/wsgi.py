"""The WSGI application gunicorn serves: Django behind the page fast path (dateline.publish.fastpath)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
django_application = get_wsgi_application()

from dateline.publish.fastpath import wrap  # noqa: E402 - needs the settings that get_wsgi_application loads

application = wrap(django_application)
