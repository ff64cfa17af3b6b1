from imports.management.base import ImportCommand
from imports.registry import resource_class
from vietnamese.text import lower_first


class Command(ImportCommand):
    kind = "candidates"
    help = f"Nhập {lower_first(resource_class('candidates').title)} từ tệp Excel/CSV."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--cell", dest="default_cell", default="", help="mã chi bộ cho các dòng không ghi chi bộ")

    def options_for(self, options) -> dict:
        return {"default_cell": options["default_cell"]}
