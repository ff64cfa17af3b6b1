import importlib
import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from units import demo as unit_demo

DEMO_APPS = ["candidates", "quotas", "imports", "reports"]


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu (idempotent): cây tổ chức một tỉnh, tài khoản mẫu cho mỗi vai trò. Chỉ chạy trên cơ sở "
        "dữ liệu trống hoặc đã là dữ liệu mẫu; cơ sở dữ liệu có dữ liệu thật thì phải thêm --into-real-data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--into-real-data",
            action="store_true",
            help="Vẫn tạo tài khoản và dữ liệu mẫu dù cơ sở dữ liệu đã có dữ liệu thật (không nên).",
        )

    def handle(self, *args, seed, into_real_data=False, **options):
        reason = real_data_reason()
        if reason and not into_real_data:
            raise CommandError(
                f"Không tạo dữ liệu mẫu: cơ sở dữ liệu này đã có dữ liệu thật ({reason}). Tài khoản mẫu có mật khẩu "
                "công khai, không được có trên máy chủ thật. Nếu thật sự muốn, chạy lại với --into-real-data."
            )
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


def real_data_reason() -> str:
    """Why this database holds real data (empty when it is empty or only holds the demo): a user who
    is not a demo account (an administrator made with createsuperuser), or units without the demo
    province (imported)."""
    from units.models import PartyUnit

    demo_names = {"admin", *(row[0] for row in unit_demo.DEMO_USERS)}
    others = get_user_model().objects.exclude(username__in=demo_names)
    if others.exists():
        return f"{others.count()} tài khoản không phải tài khoản mẫu"
    units = PartyUnit.objects.all()
    if units.exists() and not units.filter(code=unit_demo.PROVINCE_CODE).exists():
        return f"{units.count()} đơn vị không thuộc dữ liệu mẫu"
    return ""
