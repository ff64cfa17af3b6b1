from imports.management.base import ImportCommand, parse_date


class Command(ImportCommand):
    kind = "roster"
    help = "Nhập danh sách học viên và kết quả một lớp bồi dưỡng nhận thức về Đảng."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--class", dest="class_code", required=True, help="mã lớp")
        parser.add_argument("--class-name", default="", help="tên lớp (để tạo lớp mới)")
        parser.add_argument("--start", type=parse_date, help="ngày khai giảng dd/mm/yyyy (để tạo lớp mới)")
        parser.add_argument("--end", type=parse_date, help="ngày bế giảng dd/mm/yyyy (để tạo lớp mới)")

    def options_for(self, options) -> dict:
        return {
            "class_code": options["class_code"],
            "class_name": options["class_name"],
            "start": options["start"],
            "end": options["end"],
        }
