from django.apps import AppConfig


class VietnameseConfig(AppConfig):
    """The kernel: Vietnamese text (NFC cleaning, diacritic folding, collation keys), number and date
    formats, template filters and middleware. It knows no app of the project."""

    name = "vietnamese"
    verbose_name = "Tiếng Việt"
