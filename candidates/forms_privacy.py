"""Forms of the data subject's rights and of the exact national-ID search (Law 91/2025/QH15)."""

from django import forms

from .forms_base import DateInput


class NationalIdSearchForm(forms.Form):
    """Search by national ID: an exact match, sent by POST (the number never appears in a URL or an
    access log line); a prefix or part of a number finds nothing."""

    national_id = forms.CharField(
        label="Số CCCD (đủ 12 chữ số, hoặc CMND 9 chữ số)",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_national_id(self):
        value = self.cleaned_data["national_id"].replace(" ", "").replace(".", "")
        if not value.isdigit() or len(value) not in (9, 12):
            raise forms.ValidationError(
                "Nhập đủ 12 chữ số của CCCD (hoặc 9 chữ số của CMND); không tìm theo một phần số."
            )
        return value


class CorrectionRequestForm(forms.ModelForm):
    """A data subject's correction request; the outcome may be filled at once or later (request_id)."""

    request_id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        from .models import CorrectionRequest

        model = CorrectionRequest
        fields = ["received_on", "request", "status", "outcome", "decided_on"]
        widgets = {
            "received_on": DateInput(),
            "decided_on": DateInput(),
            "request": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        if data.get("status") and data["status"] != "open" and not (data.get("outcome") and data.get("decided_on")):
            self.add_error("outcome", "Khi đã có kết quả, hãy ghi câu trả lời (lý do) và ngày trả lời.")
        if data.get("decided_on") and data.get("received_on") and data["decided_on"] < data["received_on"]:
            self.add_error("decided_on", "Ngày trả lời trước ngày nhận yêu cầu.")
        return data
