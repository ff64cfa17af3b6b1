from django import forms

from .models import AccessKind


class AccessLogFilter(forms.Form):
    """The board's filters; every value is validated (a bad one is a message, never a 500)."""

    nguoi_dung = forms.CharField(label="Tên đăng nhập", required=False, max_length=150)
    loai = forms.ChoiceField(label="Loại truy cập", required=False, choices=[("", "Tất cả"), *AccessKind.choices])
    ma_nguoi = forms.IntegerField(label="Mã người (trang cá nhân)", required=False, min_value=1, max_value=2**62)
    tu_ngay = forms.DateField(label="Từ ngày", required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    den_ngay = forms.DateField(label="Đến ngày", required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"])

    def clean(self):
        data = super().clean()
        if data.get("tu_ngay") and data.get("den_ngay") and data["den_ngay"] < data["tu_ngay"]:
            self.add_error("den_ngay", "“Đến ngày” trước “Từ ngày”.")
        return data

    def apply(self, qs):
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if data.get("nguoi_dung"):
            qs = qs.filter(username__iexact=data["nguoi_dung"].strip())
        if data.get("loai"):
            qs = qs.filter(kind=data["loai"])
        if data.get("ma_nguoi"):
            qs = qs.filter(person_id=data["ma_nguoi"])
        if data.get("tu_ngay"):
            qs = qs.filter(at__date__gte=data["tu_ngay"])
        if data.get("den_ngay"):
            qs = qs.filter(at__date__lte=data["den_ngay"])
        return qs
