import django_filters

from .models import ImportKind, ImportRecord


class ImportRecordFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="Loại dữ liệu", choices=ImportKind.choices, empty_label="Tất cả")
    file_name = django_filters.CharFilter(label="Tên tệp", lookup_expr="icontains")

    class Meta:
        model = ImportRecord
        fields = ["kind", "file_name"]
