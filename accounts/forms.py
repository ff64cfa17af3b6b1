from django import forms
from django.contrib.auth.forms import PasswordChangeForm


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Mã xác thực (6 chữ số trong ứng dụng, hoặc một mã dự phòng)",
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "").strip()


class VietnamesePasswordChangeForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Mật khẩu hiện tại không đúng.",
        "password_mismatch": "Hai lần nhập mật khẩu mới không khớp.",
    }
