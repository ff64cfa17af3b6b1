"""The tests' settings: production settings, with the local generated key (DEMO) and plain HTTP
(the test client does not speak TLS). Nothing else differs."""

import os

os.environ.setdefault("DEMO", "1")
for _name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ.setdefault(_name, "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from .settings import *  # noqa: E402, F403

DEMO = False  # DEMO was only for the key; the demo banner has its own test
