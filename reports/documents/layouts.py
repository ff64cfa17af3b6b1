"""The text of each document kind, once (see blocks.py). Vietnamese wording follows the forms of
12-HD/BTCTW (2022) as carried into 38-HD/BTCTW (2025) and the layout of 36-HD/VPTW."""

from .blocks import Column, Header, Landscape, Loop, Para, Signature, Table, Title, When
from .statistics_columns import CODES
from .statistics_columns import COLUMNS as STATISTICS_COLUMNS

PERSON = "**{{ p.full_name }}**, sinh ngày {{ p.birth_date }}{{ p.workplace_phrase }}"

SYMPATHIZER_LIST = (
    Header(),
    Title(("NGHỊ QUYẾT", "Về việc công nhận quần chúng vào danh sách cảm tình Đảng", "và phân công đảng viên giúp đỡ")),
    Para(
        "Ngày {{ meeting_date }}, {{ cell_name }} họp xét, công nhận quần chúng ưu tú vào danh sách cảm tình Đảng "
        "của chi bộ và phân công đảng viên chính thức giúp đỡ."
    ),
    Para("**CHI BỘ QUYẾT NGHỊ:**", align="center", indent=False, space_before=4),
    Para(
        "1. Công nhận {{ people_count }} quần chúng ưu tú sau đây vào danh sách cảm tình Đảng của chi bộ "
        "và phân công đảng viên giúp đỡ:"
    ),
    Table(
        rows="people",
        var="p",
        columns=(
            Column("STT", "loop.index", 0.7, "center"),
            Column("Họ và tên", "p.full_name", 2.2),
            Column("Ngày sinh", "p.birth_date", 1.2, "center"),
            Column("Nơi làm việc, cư trú", "p.workplace", 2.2),
            Column("Đảng viên giúp đỡ", "p.mentor_name", 2.0),
        ),
    ),
    Para(
        "2. Các đồng chí đảng viên được phân công có trách nhiệm giúp đỡ quần chúng học tập, rèn luyện, "
        "giao nhiệm vụ để thử thách và định kỳ báo cáo chi bộ; đề nghị {{ superior_name }} cử các quần chúng "
        "trên đi học lớp bồi dưỡng nhận thức về Đảng."
    ),
    Para("Nghị quyết được chi bộ thông qua tại cuộc họp ngày {{ meeting_date }}."),
    Signature(),
)

CLASS_LIST = (
    Header(),
    Title(("DANH SÁCH", "Quần chúng ưu tú cử đi học lớp bồi dưỡng nhận thức về Đảng", "{{ class_name }}")),
    Para(
        "{{ issuer_name }} cử {{ people_count }} quần chúng ưu tú có tên dưới đây đi học {{ class_name }}, "
        "từ ngày {{ class_start }} đến ngày {{ class_end }}{{ class_location_phrase }}:"
    ),
    Table(
        rows="people",
        var="p",
        columns=(
            Column("STT", "loop.index", 0.7, "center"),
            Column("Họ và tên", "p.full_name", 2.2),
            Column("Ngày sinh", "p.birth_date", 1.2, "center"),
            Column("Nơi làm việc, cư trú", "p.workplace", 2.2),
            Column("Chi bộ", "p.cell_name", 2.0),
        ),
    ),
    Para("Các quần chúng có tên trên có trách nhiệm tham gia đầy đủ chương trình học tập theo quy định."),
    Signature(),
)

CERTIFICATES = (
    Loop(
        items="pages",
        var="c",
        page_break=True,
        blocks=(
            Header(prefix="c."),
            Title(("GIẤY CHỨNG NHẬN", "Học lớp bồi dưỡng nhận thức về Đảng")),
            Para("{{ issuer_name }} chứng nhận:", space_before=6),
            Para("Đồng chí: **{{ c.full_name }}**"),
            Para("Sinh ngày: {{ c.birth_date }}"),
            Para("Chức vụ, đơn vị công tác: {{ c.workplace }}"),
            Para("Là cảm tình Đảng của {{ c.cell_name }}"),
            Para(
                "Đã hoàn thành chương trình học lớp bồi dưỡng nhận thức về Đảng ({{ class_name }}), "
                "từ ngày {{ class_start }} đến ngày {{ class_end }}{{ class_location_phrase }}."
            ),
            Para("Xếp loại: **{{ c.result }}**"),
            Para("Giấy chứng nhận có giá trị {{ valid_months }} tháng kể từ ngày cấp.", italic=True),
            Signature(recipients=False),
        ),
    ),
)

CELL_RESOLUTION = (
    Header(),
    Title(("NGHỊ QUYẾT", "Đề nghị kết nạp đảng viên")),
    Para(
        "Ngày {{ meeting_date }}, {{ cell_name }} họp xét đề nghị kết nạp vào Đảng đối với "
        "{{ people_count }} quần chúng có tên dưới đây."
    ),
    Para(
        "Tổng số đảng viên của chi bộ: {{ members_total }} đồng chí, trong đó: chính thức {{ members_official }} "
        "đồng chí, dự bị {{ members_probationary }} đồng chí."
    ),
    Para(
        "Có mặt: {{ present_total }} đồng chí (chính thức {{ present_official }}, dự bị {{ present_probationary }}); "
        "vắng mặt: {{ absent }} đồng chí{{ absent_reason_phrase }}."
    ),
    Para("Chủ trì hội nghị: đồng chí {{ chair }}, {{ chair_post }}."),
    Para(
        "Sau khi nghe báo cáo đơn xin vào Đảng, lý lịch, giấy giới thiệu của người giới thiệu, ý kiến nhận xét "
        "của đoàn thể và chi ủy nơi cư trú, chi bộ thảo luận, biểu quyết đề nghị kết nạp vào Đảng:"
    ),
    Loop(
        items="people",
        var="p",
        blocks=(
            Para("{{ loop.index }}. Quần chúng " + PERSON + "."),
            Para(
                "Số đảng viên chính thức tán thành: {{ p.votes_for }}/{{ p.official_members }} đồng chí "
                "(đạt {{ p.percent }}); không tán thành: {{ p.votes_against }} đồng chí."
            ),
        ),
    ),
    Para(
        "Chi bộ đề nghị {{ superior_name }} xem xét, đề nghị cấp có thẩm quyền quyết định kết nạp "
        "{{ people_phrase }} vào Đảng Cộng sản Việt Nam."
    ),
    Signature(),
)

COMMITTEE_RESOLUTION = (
    Header(),
    Title(("NGHỊ QUYẾT", "Đề nghị kết nạp đảng viên")),
    Para(
        "Ngày {{ meeting_date }}, {{ issuer_name }} họp xét đề nghị kết nạp đảng viên của {{ cell_name }} "
        "(Nghị quyết số {{ cell_resolution_number }} ngày {{ cell_resolution_date }}) đối với quần chúng:"
    ),
    Loop(items="people", var="p", blocks=(Para("{{ loop.index }}. " + PERSON + "."),)),
    Para(
        "Số cấp ủy viên tán thành: {{ votes_for }}/{{ members }} đồng chí (đạt {{ percent }}); "
        "không tán thành: {{ votes_against }} đồng chí."
    ),
    Para(
        "{{ issuer_name }} đề nghị {{ decider_name }} xem xét, quyết định kết nạp {{ people_phrase }} "
        "vào Đảng Cộng sản Việt Nam."
    ),
    Signature(),
)

DECISION = (
    Header(),
    Title(("QUYẾT ĐỊNH", "Kết nạp đảng viên")),
    Para("**{{ decider_upper }}**", align="center", indent=False),
    Para("- Căn cứ {{ legal_basis }};"),
    Para("- Xét đề nghị của {{ cell_name }} ({{ cell_resolution_phrase }}){{ committee_phrase }},"),
    Para("**QUYẾT ĐỊNH**", align="center", indent=False, space_before=4),
    Para("**Điều 1.** Kết nạp đồng chí " + PERSON.replace("p.", "") + ", vào Đảng Cộng sản Việt Nam."),
    Para("Thời gian dự bị {{ probation_months }} tháng, kể từ ngày chi bộ tổ chức lễ kết nạp."),
    Para(
        "**Điều 2.** {{ cell_name }} có trách nhiệm tổ chức lễ kết nạp trong thời hạn {{ ceremony_days }} ngày làm việc "
        "kể từ ngày nhận được quyết định; giáo dục, rèn luyện và phân công đảng viên chính thức giúp đỡ "
        "đảng viên dự bị."
    ),
    Para("**Điều 3.** {{ executors }} và đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."),
    Signature(),
)

RECOGNITION_RESOLUTION = (
    Header(),
    Title(("NGHỊ QUYẾT", "Đề nghị công nhận đảng viên chính thức")),
    Para(
        "Ngày {{ meeting_date }}, {{ cell_name }} họp xét đề nghị công nhận đảng viên chính thức đối với "
        "đồng chí " + PERSON.replace("p.", "") + ", được kết nạp vào Đảng theo Quyết định số {{ decision_number }} "
        "ngày {{ decision_date }}, lễ kết nạp ngày {{ ceremony_date }}."
    ),
    When(
        "present_total",
        (
            Para(
                "Tổng số đảng viên của chi bộ: {{ members_total }} đồng chí (chính thức {{ members_official }}, "
                "dự bị {{ members_probationary }}); có mặt {{ present_total }} đồng chí; vắng mặt {{ absent }} "
                "đồng chí{{ absent_reason_phrase }}. Chủ trì: đồng chí {{ chair }}, {{ chair_post }}."
            ),
        ),
    ),
    Para(
        "Sau khi nghe bản tự kiểm điểm của đảng viên dự bị, nhận xét của đảng viên giúp đỡ và ý kiến của "
        "đoàn thể, chi bộ biểu quyết: số đảng viên chính thức tán thành {{ votes_for }}/{{ official_members }} "
        "đồng chí (đạt {{ percent }}); không tán thành {{ votes_against }} đồng chí."
    ),
    Para(
        "Chi bộ đề nghị {{ superior_name }} xem xét, đề nghị cấp có thẩm quyền công nhận đồng chí "
        "**{{ full_name }}** là đảng viên chính thức kể từ ngày {{ official_date }}."
    ),
    Signature(),
)

RECOGNITION_DECISION = (
    Header(),
    Title(("QUYẾT ĐỊNH", "Công nhận đảng viên chính thức")),
    Para("**{{ decider_upper }}**", align="center", indent=False),
    Para("- Căn cứ {{ legal_basis }};"),
    Para("- Xét đề nghị của {{ cell_name }}{{ recognition_resolution_phrase }},"),
    Para("**QUYẾT ĐỊNH**", align="center", indent=False, space_before=4),
    Para(
        "**Điều 1.** Công nhận đồng chí " + PERSON.replace("p.", "") + ", kết nạp vào Đảng theo Quyết định số "
        "{{ decision_number }} ngày {{ decision_date }}, là đảng viên chính thức kể từ ngày {{ official_date }}."
    ),
    Para("Tuổi đảng của đồng chí được tính từ ngày {{ decision_date }}."),
    Para("**Điều 2.** {{ executors }} và đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."),
    Signature(),
)

STRIKE_OFF = (
    Header(),
    Title(("QUYẾT ĐỊNH", "Xóa tên đảng viên dự bị")),
    Para("**{{ decider_upper }}**", align="center", indent=False),
    Para("- Căn cứ {{ legal_basis }};"),
    Para("- Xét đề nghị của {{ cell_name }},"),
    Para("**QUYẾT ĐỊNH**", align="center", indent=False, space_before=4),
    Para(
        "**Điều 1.** Xóa tên đồng chí " + PERSON.replace("p.", "") + ", đảng viên dự bị, kết nạp vào Đảng theo "
        "Quyết định số {{ decision_number }} ngày {{ decision_date }}, trong danh sách đảng viên, kể từ ngày "
        "{{ exit_date }}."
    ),
    Para("Lý do: {{ reason }}."),
    Para("**Điều 2.** {{ executors }} và đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."),
    Signature(),
)

STATISTICS = (
    Landscape(),
    Header(),
    Title(("BÁO CÁO THỐNG KÊ", "Đảng viên mới kết nạp", "{{ period_label }}")),
    Para(
        "Đơn vị báo cáo: {{ unit_name }}. Số liệu tính theo ngày quyết định kết nạp, từ ngày {{ start }} đến ngày {{ end }}.",
        indent=False,
    ),
    Table(
        rows="rows",
        var="r",
        font_size=8,
        totals=("sum_row", "share_row"),
        columns=(
            Column("STT", "r.index", 0.7, "center", code="A"),
            Column("Đơn vị", "r.label", 3.6, code="B"),
            *(
                Column(label, f"r.{key}", 1.3 if key == "private" else 1.0, "right", group=group, code=CODES[key])
                for key, label, group in STATISTICS_COLUMNS
            ),
        ),
    ),
    Para(
        "Cột 2–6 và 8–19: số đảng viên mới trong cột 1; cột 7: tuổi bình quân tại ngày quyết định kết nạp; "
        "cột 20: số tổ chức cơ sở đảng, cột 21: số tổ chức cơ sở đảng kết nạp được đảng viên trong kỳ. "
        "Dòng tỷ lệ: cột 2–19 so với cột 1, cột 21 so với cột 20.",
        italic=True,
        indent=False,
    ),
    Para("Biểu theo Hướng dẫn 11-HD/BTCTW ngày 13/12/2021 về thống kê đảng viên.", italic=True, indent=False),
    Signature(),
)

LAYOUTS = {
    "sympathizer-list": SYMPATHIZER_LIST,
    "class-list": CLASS_LIST,
    "certificates": CERTIFICATES,
    "cell-resolution": CELL_RESOLUTION,
    "committee-resolution": COMMITTEE_RESOLUTION,
    "decision": DECISION,
    "recognition-resolution": RECOGNITION_RESOLUTION,
    "recognition-decision": RECOGNITION_DECISION,
    "strike-off": STRIKE_OFF,
    "statistics": STATISTICS,
}
from .papers_layouts import PAPER_LAYOUTS  # noqa: E402

LAYOUTS.update(PAPER_LAYOUTS)
