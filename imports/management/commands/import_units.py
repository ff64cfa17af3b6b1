from imports.management.base import ImportCommand
from imports.registry import resource_class
from vietnamese.text import lower_first


class Command(ImportCommand):
    kind = "units"
    help = f"Nhập {lower_first(resource_class('units').title)} từ tệp Excel/CSV."
