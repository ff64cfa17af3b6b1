import importlib
import random

from django.core.management.base import BaseCommand

from units import demo as unit_demo

DEMO_APPS = ["candidates", "quotas", "imports", "reports"]


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (idempotent): cây tổ chức một tỉnh, tài khoản mẫu cho mỗi vai trò."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, seed, **options):
        rng = random.Random(seed)
        province = unit_demo.seed_units(rng)
        for step in self._extra_steps():
            step(rng, province, self.stdout)
        logins = unit_demo.seed_users()
        self.stdout.write(self.style.SUCCESS(f"Dữ liệu mẫu sẵn sàng: {province.name}."))
        self.stdout.write("Tài khoản đăng nhập mẫu (tên đăng nhập / mật khẩu — vai trò):")
        for username, password, label in logins:
            self.stdout.write(f"  {username:<12} / {password}  — {label}")
        from accounts.demo import seed_devices

        devices = seed_devices([username for username, _, _ in logins])
        if devices:
            self.stdout.write(
                "Xác thực hai lớp (bắt buộc với các tài khoản dưới đây): sau mật khẩu, nhập mã của ứng dụng "
                "xác thực với khóa bên dưới (thêm thủ công, loại theo thời gian), hoặc một mã dự phòng (mỗi mã "
                "dùng một lần; chạy lại seed_demo để cấp lại):"
            )
            for username, secret, codes in devices:
                self.stdout.write(f"  {username:<12} khóa {secret}  mã dự phòng: {', '.join(codes[:5])} …")

    def _extra_steps(self):
        """Each app with a `demo.seed(rng, province, stdout)` adds its demo data, in this order."""
        steps = []
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            steps.append(module.seed)
        return steps
