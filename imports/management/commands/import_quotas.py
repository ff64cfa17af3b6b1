from imports.management.base import ImportCommand
from imports.registry import resource_class


class Command(ImportCommand):
    kind = "quotas"
    help = f"Nhập {resource_class('quotas').title.lower()} từ tệp Excel/CSV."
