"""The admin export of people (django-import-export, export only: see units/exports.py).

The columns are those of the candidate list's download (reports/builders/candidate_list.py) and a few
dates of the pipeline: never the national ID, phone, residence, workplace or notes. The admin list does
not show them either, and a file of the whole province is the last place they belong (candidates/
privacy.py IDENTIFYING; the CCCD is only ever searched by exact number, one person at a time)."""

from units.exports import DateWidget, ExportResource, LabelWidget, YesNoWidget, column, unit_columns

from .models import Candidate, ExitReason, Occupation, Sex, Stage


class CandidateExport(ExportResource):
    full_name = column("full_name", "Họ và tên")
    birth_date = column("birth_date", "Ngày sinh", DateWidget())
    sex = column("sex", "Giới tính", LabelWidget(Sex.choices))
    ethnicity = column("ethnicity", "Dân tộc")
    occupation = column("occupation", "Nghề nghiệp", LabelWidget(Occupation.choices))
    cell_code, cell_name = unit_columns("cell", "chi bộ")
    stage = column("stage", "Giai đoạn", LabelWidget(Stage.choices))
    is_open = column("is_open", "Tình trạng", YesNoWidget("Đang theo dõi", "Đã ra khỏi danh sách"))
    exit_reason = column("exit_reason", "Lý do ra khỏi danh sách", LabelWidget(ExitReason.choices))
    exit_date = column("exit_date", "Ngày ra khỏi danh sách", DateWidget())
    sympathizer_date = column("sympathizer_date", "Ngày vào danh sách cảm tình Đảng", DateWidget())
    certificate_date = column("certificate_date", "Ngày cấp giấy chứng nhận bồi dưỡng", DateWidget())
    decision_number = column("decision_number", "Số quyết định kết nạp")
    decision_date = column("decision_date", "Ngày quyết định kết nạp", DateWidget())
    ceremony_date = column("ceremony_date", "Ngày lễ kết nạp", DateWidget())
    recognition_decision_date = column(
        "recognition_decision_date", "Ngày quyết định công nhận chính thức", DateWidget()
    )

    select_related = ("cell",)

    class Meta:
        model = Candidate
        fields = (
            "full_name",
            "birth_date",
            "sex",
            "ethnicity",
            "occupation",
            "cell_code",
            "cell_name",
            "stage",
            "is_open",
            "exit_reason",
            "exit_date",
            "sympathizer_date",
            "certificate_date",
            "decision_number",
            "decision_date",
            "ceremony_date",
            "recognition_decision_date",
        )
