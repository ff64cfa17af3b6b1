from imports.management.base import ImportCommand
from imports.registry import resource_class


class Command(ImportCommand):
    kind = "units"
    help = f"Nhập {resource_class('units').title.lower()} từ tệp Excel/CSV."
