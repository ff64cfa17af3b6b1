# The application's version, written into every backup's manifest (raise it with each release).
__version__ = "2026.12.0"
