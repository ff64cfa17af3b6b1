"""The text of the dossier papers whose facts are entered on the documents pages (facts.py)."""

from .blocks import Header, Loop, PageBreak, Para, Signature, Title, When

PERSON = "**{{ full_name }}**, sinh ngày {{ birth_date }}{{ workplace_phrase }}"

INTRODUCTION = (
    Loop(
        items="introducers",
        var="i",
        page_break=True,
        blocks=(
            Header(),
            Title(("GIẤY GIỚI THIỆU", "Người vào Đảng")),
            Para("Tôi là: **{{ i.name }}**"),
            Para("Vào Đảng ngày {{ i.admitted }}, chính thức ngày {{ i.official }}."),
            Para("Chức vụ, đơn vị công tác: {{ i.post }}."),
            Para("Sinh hoạt tại {{ cell_name }}."),
            Para(
                "Được chi bộ phân công giúp đỡ và giới thiệu quần chúng " + PERSON + " vào Đảng Cộng sản Việt Nam; "
                "tôi đã cùng công tác, học tập, sinh sống với quần chúng từ ngày {{ i.since }}."
            ),
            Para("Nhận xét ưu điểm, khuyết điểm: {{ i.opinion }}"),
            Para(
                "Tôi xin giới thiệu quần chúng {{ full_name }} với chi bộ và chịu trách nhiệm trước chi bộ về việc "
                "giới thiệu của mình."
            ),
            Para("{{ place_date }}", align="right", italic=True, indent=False),
            Para("**NGƯỜI GIỚI THIỆU**", align="right", indent=False),
            Para("(Ký, ghi rõ họ tên)", align="right", italic=True, indent=False, space_before=0),
        ),
    ),
)

UNION_RESOLUTION = (
    Header(),
    Title(("NGHỊ QUYẾT", "Giới thiệu {{ member_word }} ưu tú để chi bộ xem xét kết nạp vào Đảng")),
    Para(
        "Ngày {{ meeting_date }}, {{ org_name }} họp xét giới thiệu {{ member_word }} " + PERSON + " để "
        "{{ cell_name }} xem xét, kết nạp vào Đảng."
    ),
    Para("Tổng số: {{ members_total }}; có mặt: {{ present }}; vắng mặt: {{ absent }}."),
    Para(
        "Số tán thành giới thiệu: {{ votes_for }}/{{ members_total }} (đạt {{ percent }}); không tán thành: "
        "{{ votes_against }}."
    ),
    Para(
        "{{ org_name }} giới thiệu {{ member_word }} {{ full_name }} với {{ cell_name }} để xem xét, kết nạp vào Đảng."
    ),
    Signature(),
)

COMMENTS = (
    Header(),
    Title(("TỔNG HỢP Ý KIẾN NHẬN XÉT", "{{ subtitle }}")),
    Para("Về: " + PERSON + "."),
    Para(
        "1. Ý kiến nhận xét của tổ chức đoàn thể: số người được hỏi ý kiến {{ org_asked }}; tán thành {{ org_agree }} "
        "(đạt {{ org_percent }}); không tán thành {{ org_against }}."
    ),
    Para(
        "2. Ý kiến nhận xét của chi ủy (chi bộ) nơi cư trú: số đảng viên được hỏi ý kiến {{ residence_asked }}; "
        "tán thành {{ residence_agree }} (đạt {{ residence_percent }}); không tán thành {{ residence_against }}."
    ),
    Para("Chi ủy tổng hợp, báo cáo chi bộ xem xét."),
    Signature(),
)

APPRAISAL = (
    Header(),
    Title(("BÁO CÁO", "Thẩm định đề nghị kết nạp đảng viên")),
    Para(
        "Thực hiện quy định về kết nạp đảng viên, {{ issuer_name }} đã thẩm định hồ sơ đề nghị kết nạp vào Đảng "
        "của {{ cell_name }} (Nghị quyết số {{ cell_resolution_number }} ngày {{ cell_resolution_date }}) "
        "đối với quần chúng " + PERSON + "."
    ),
    Para("Kết luận: {{ conclusion }}"),
    Para("{{ issuer_name }} báo cáo {{ superior_name }} xem xét."),
    Signature(),
)

CEREMONY = (
    Header(),
    Title(("CHƯƠNG TRÌNH", "Lễ kết nạp đảng viên")),
    Para("Thời gian: {{ ceremony_date }}. Địa điểm: {{ place }}."),
    Para("1. Chào cờ (hát Quốc ca, Quốc tế ca)."),
    Para("2. Tuyên bố lý do, giới thiệu đại biểu."),
    Para(
        "3. Đọc quyết định số {{ decision_number }} ngày {{ decision_date }} của {{ decider_name }} kết nạp đồng chí {{ full_name }} vào Đảng."
    ),
    Para("4. Đảng viên mới đọc lời tuyên thệ."),
    Para("5. Đại diện chi bộ nói rõ nhiệm vụ, quyền hạn của đảng viên; phân công đảng viên chính thức giúp đỡ."),
    Para("6. Đại diện cấp ủy cấp trên phát biểu{{ representative_phrase }}."),
    Para("7. Bế mạc (hát Quốc tế ca)."),
    PageBreak(),
    Header(),
    Title(("BIÊN BẢN", "Lễ kết nạp đảng viên")),
    Para(
        "Hôm nay, ngày {{ ceremony_day }}, tại {{ place }}, {{ cell_name }} tổ chức lễ kết nạp đồng chí " + PERSON + " "
        "vào Đảng Cộng sản Việt Nam theo Quyết định số {{ decision_number }} ngày {{ decision_date }} của "
        "{{ decider_name }}."
    ),
    Para("Chủ trì: đồng chí {{ chair }}. Thư ký: đồng chí {{ secretary }}. Số đảng viên dự: {{ members_present }}."),
    When("representative", (Para("Đại diện cấp ủy cấp trên: đồng chí {{ representative }}."),)),
    Para(
        "Buổi lễ được tiến hành theo đúng chương trình; đồng chí {{ full_name }} đã đọc lời tuyên thệ; chi bộ phân "
        "công đồng chí {{ mentor_name }} giúp đỡ đảng viên dự bị."
    ),
    Para("Thời gian dự bị tính từ ngày {{ ceremony_date }}."),
    Signature(),
)

SELF_REVIEW = (
    Header(),
    Title(("BẢN TỰ KIỂM ĐIỂM", "Đề nghị công nhận đảng viên chính thức")),
    Para("Họ và tên: **{{ full_name }}**. Sinh ngày: {{ birth_date }}."),
    Para(
        "Được kết nạp vào Đảng ngày {{ ceremony_date }} (Quyết định số {{ decision_number }} ngày {{ decision_date }})."
    ),
    Para("Sinh hoạt tại {{ cell_name }}. Hết thời gian dự bị ngày {{ probation_end }}."),
    Para("1. Ưu điểm:"),
    Para("……………………………………………………………………………………………………", indent=False),
    Para("2. Khuyết điểm, hướng khắc phục:"),
    Para("……………………………………………………………………………………………………", indent=False),
    Para("Tôi đề nghị chi bộ xem xét, công nhận tôi là đảng viên chính thức."),
    Para("{{ place_date }}", align="right", italic=True, indent=False),
    Para("**NGƯỜI TỰ KIỂM ĐIỂM**", align="right", indent=False),
    Para("(Ký, ghi rõ họ tên)", align="right", italic=True, indent=False),
)

HELPER_ASSESSMENT = (
    Header(),
    Title(("BẢN NHẬN XÉT", "Của đảng viên chính thức được phân công giúp đỡ đảng viên dự bị")),
    Para("Tôi là: **{{ mentor_name }}**, đảng viên chính thức, sinh hoạt tại {{ cell_name }}."),
    Para(
        "Được chi bộ phân công giúp đỡ đảng viên dự bị " + PERSON + ", kết nạp ngày {{ ceremony_date }}, "
        "hết thời gian dự bị ngày {{ probation_end }}."
    ),
    Para("Nhận xét về phẩm chất chính trị, đạo đức, lối sống, năng lực và việc thực hiện nhiệm vụ đảng viên:"),
    Para("……………………………………………………………………………………………………", indent=False),
    Para("Đề nghị chi bộ xem xét, công nhận đồng chí {{ full_name }} là đảng viên chính thức."),
    Para("{{ place_date }}", align="right", italic=True, indent=False),
    Para("**NGƯỜI NHẬN XÉT**", align="right", indent=False),
    Para("(Ký, ghi rõ họ tên)", align="right", italic=True, indent=False),
)

PAPER_LAYOUTS = {
    "introduction": INTRODUCTION,
    "union-resolution": UNION_RESOLUTION,
    "comments-summary": COMMENTS,
    "appraisal": APPRAISAL,
    "ceremony": CEREMONY,
    "self-review": SELF_REVIEW,
    "helper-assessment": HELPER_ASSESSMENT,
    "probation-comments": COMMENTS,
}
