from imports.management.base import ImportCommand
from imports.registry import resource_class


class Command(ImportCommand):
    kind = "candidates"
    help = f"Nhập {resource_class('candidates').title.lower()} từ tệp Excel/CSV."
