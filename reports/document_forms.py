from django import forms

from .documents.kinds import KINDS
from .models import MeetingFacts, RegisterEntry

MEETING_FIELDS = [
    "members_total",
    "members_official",
    "members_probationary",
    "present_official",
    "present_probationary",
    "absent_reason",
    "chair",
    "chair_post",
]


class MeetingFactsForm(forms.Form):
    """The model's fields; the consistency checks are the service's (every message at once)."""

    FIELDS = MEETING_FIELDS

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = forms.model_to_dict(instance, fields=MEETING_FIELDS)
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(MeetingFacts, fields=MEETING_FIELDS))


class TemplateUploadForm(forms.Form):
    unit = forms.CharField(label="Mã đơn vị", max_length=40)
    kind = forms.ChoiceField(label="Văn bản", choices=[(k.slug, k.label) for k in KINDS.values()])
    file = forms.FileField(label="Tệp mẫu Word (.docx)")


class RegisterFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Văn bản", required=False, choices=[("", "Tất cả")] + [(k.slug, k.label) for k in KINDS.values()]
    )
    unit = forms.CharField(label="Mã đơn vị", required=False, max_length=40)
    year = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label="Tìm (số, tên)", required=False, max_length=100)


class StatisticsForm(forms.Form):
    unit = forms.CharField(label="Mã đơn vị", max_length=40)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(
        label="Kỳ",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Cả năm"), ("1", "6 tháng đầu năm"), ("2", "6 tháng cuối năm")],
    )


SOURCE_LABELS = dict(RegisterEntry.Source.choices)


class PaperFactsForm(forms.Form):
    """Built from the paper's fact list (reports/documents/facts.py)."""

    def __init__(self, slug: str, *args, **kwargs):
        from candidates.forms import date_field

        from .documents import facts as F

        super().__init__(*args, **kwargs)
        for fact in F.FACTS[slug]:
            if fact.type == F.DATE:
                field = date_field(fact.label, required=fact.required)
            elif fact.type == F.INT:
                field = forms.IntegerField(label=fact.label, required=fact.required, min_value=0, max_value=100000)
            elif fact.type == F.LONG:
                field = forms.CharField(
                    label=fact.label, required=fact.required, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
                )
            else:
                field = forms.CharField(label=fact.label, required=fact.required, max_length=255)
            self.fields[fact.name] = field
