from django import forms

from spreadsheets.reader import max_upload_bytes, too_large_message
from vietnamese.forms import DateField


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp (.xlsx, .xls hoặc .csv UTF-8)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_upload_bytes()
        if upload.size > limit:
            raise forms.ValidationError(too_large_message(upload.size, limit))
        if upload.size == 0:
            raise forms.ValidationError("Tệp rỗng.")
        return upload


class CandidateUploadForm(UploadForm):
    default_cell = forms.CharField(
        label="Mã chi bộ mặc định (cho các dòng không ghi chi bộ)",
        max_length=40,
        required=False,
        help_text="Ví dụ khi cả tệp là danh sách của một chi bộ và cột chi bộ để trống.",
    )


class RosterUploadForm(UploadForm):
    class_code = forms.CharField(label="Mã lớp", max_length=40)
    class_name = forms.CharField(label="Tên lớp (khi tạo lớp mới)", max_length=255, required=False)
    start = DateField(label="Ngày khai giảng", required=False)
    end = DateField(label="Ngày bế giảng", required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "Ngày bế giảng trước ngày khai giảng.")
        return data


def form_class(kind: str) -> type[UploadForm]:
    return {"roster": RosterUploadForm, "candidates": CandidateUploadForm}.get(kind, UploadForm)
