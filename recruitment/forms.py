from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from accounts.lockout import ip_volume_exceeded


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa và chữ thường.",
        "inactive": "Tài khoản này đã bị khóa.",
    }

    def clean(self):
        if self.request is not None and ip_volume_exceeded(self.request):
            raise ValidationError(
                "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này; hãy thử lại sau ít phút.", code="ip_volume"
            )
        return super().clean()
