import random

from django.core.management.base import BaseCommand

from units import demo as unit_demo


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

    def _extra_steps(self):
        """Later apps add their demo data here (candidates, quotas)."""
        steps = []
        return steps
