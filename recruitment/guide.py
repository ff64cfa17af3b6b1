"""The guide ("Hướng dẫn"): the everyday tasks of each role, step by step. Each section's screenshot
(static/guide/<id>.png) is taken from the demo by tests/test_e2e_main_pages.py when GUIDE_SCREENSHOTS=1.
HELP_BY_URL ties each page (URL name) to its section: the "Hướng dẫn cho trang này" link."""

from units.models import Role

STAFF = [Role.ORG_BOARD, Role.COMMITTEE, Role.VIEWER]
WRITERS = [Role.ORG_BOARD, Role.COMMITTEE, Role.SECRETARY]
EVERYONE = [Role.ORG_BOARD, Role.COMMITTEE, Role.SECRETARY, Role.TRAINING, Role.VIEWER]

SECTIONS = [
    {
        "id": "tong-quan",
        "title": "Xem tiến độ kết nạp: đơn vị nào chậm, còn thiếu bao nhiêu",
        "roles": STAFF + [Role.SECRETARY],
        "steps": [
            "Mở “Tổng quan” (trang đầu): ô đầu cho biết đơn vị đã kết nạp bao nhiêu trên chỉ tiêu, tỉ lệ và thời gian đã qua của năm.",
            "Bảng “Đơn vị trực thuộc” xếp sẵn đơn vị chậm tiến độ và còn thiếu nhiều lên đầu; cột “Còn thiếu” là số người cần kết nạp thêm để đạt chỉ tiêu.",
            "Bấm tên một cột (Chỉ tiêu, Đã kết nạp, Tỉ lệ…) để xếp theo cột đó; bấm lần nữa để đảo chiều.",
            "Bấm vào một đơn vị (trên điện thoại: bấm vào thẻ) để xem tiến độ của đơn vị đó; bấm một con số để xem danh sách người đứng sau con số.",
            "Dòng “Cộng các đơn vị trực thuộc” là tổng của các dòng trên; chỉ tiêu cấp trên giao cho đơn vị ghi riêng ngay dưới bảng.",
        ],
    },
    {
        "id": "quan-chung",
        "title": "Tìm một người, lọc danh sách quần chúng",
        "roles": EVERYONE,
        "steps": [
            "Mở “Quần chúng”. Gõ tên không cần dấu (ví dụ: nguyen thi hang) hoặc số CCCD rồi bấm “Tìm”.",
            "Bấm “Lọc, sắp xếp” để chọn giai đoạn, đơn vị (gõ vài chữ của tên đơn vị rồi chọn), trạng thái, năm kết nạp.",
            "Đơn vị trùng tên được ghi kèm nơi của nó, ví dụ “Chi bộ thôn Đoài — khu dân cư Tân Hòa”.",
            "“Xuất danh sách này” tải đúng danh sách đang lọc thành PDF hoặc Excel.",
        ],
    },
    {
        "id": "them-quan-chung",
        "title": "Thêm một quần chúng vào danh sách",
        "roles": WRITERS,
        "steps": [
            "Trong “Quần chúng”, bấm “+ Thêm quần chúng”.",
            "Ngày gõ theo dạng ngày/tháng/năm: 02/12/2026, 2/12/2026, 02/12/26 hay chỉ gõ số 02122026 đều được; hoặc bấm nút “Lịch” để chọn ngày.",
            "Nếu tuổi dưới 16 hay ngày quá xa trong quá khứ hoặc tương lai, trang hỏi lại để bạn xác nhận trước khi lưu.",
            "Bấm “Lưu”: trang của người đó mở ra với các bước tiếp theo.",
        ],
    },
    {
        "id": "ho-so",
        "title": "Ghi một bước, đính chính hoặc hủy một bước ghi nhầm",
        "roles": WRITERS,
        "steps": [
            "Mở trang của người đó. Phần “Việc tiếp theo” chỉ hiện những bước có thể ghi lúc này; bước chưa thể ghi nằm ở “Chưa thể thực hiện” cùng lý do (ví dụ: chưa đủ 12 tháng dự bị, còn thiếu đơn xin vào Đảng).",
            "Bấm tên bước, điền ngày, số văn bản, rồi bấm nút ghi. Thông báo kết quả hiện ngay đầu trang.",
            "Ghi nhầm ngày hay số văn bản: trong “Các mốc đã ghi”, bấm “Đính chính…”, chọn nội dung, ghi giá trị đúng và lý do. Bản ghi cũ vẫn còn trong lịch sử.",
            "Ngày quá xa trong quá khứ hoặc tương lai: trang hỏi lại, đánh dấu “Tôi đã kiểm tra, vẫn lưu” nếu đúng như vậy.",
            "Ghi nhầm cả một bước (nhầm người, ghi hai lần): trong “Quá trình (nhật ký)”, bước ghi sau cùng có “Hủy bước này (nhập nhầm)…”; ghi lý do rồi xác nhận. Hồ sơ trở lại như trước bước đó; bước vẫn còn trong nhật ký, gạch ngang, ghi “Đã hủy” cùng lý do. Chỉ người có quyền ghi bước đó mới hủy được, trong thời hạn (mặc định 30 ngày kể từ khi nhập).",
        ],
    },
    {
        "id": "viec-can-lam",
        "title": "Việc cần làm, thư nhắc việc và lịch trên điện thoại",
        "roles": EVERYONE,
        "steps": [
            "“Việc cần làm” liệt kê các hạn đã quá hoặc sắp đến: lễ kết nạp, quyết định kết nạp, công nhận chính thức, giấy chứng nhận hết hạn.",
            "Mỗi sáng bạn nhận thư nhắc việc (nếu tài khoản có địa chỉ thư): việc quá hạn, đến hạn trong tuần, việc mới.",
        ],
    },
    {
        "id": "nhac-viec",
        "title": "Bật, tắt thư nhắc việc; thêm lịch vào điện thoại",
        "roles": EVERYONE,
        "steps": [
            "Bấm “Nhắc việc” (góc trên, trong menu trên điện thoại).",
            "Bỏ chọn “Nhận thư nhắc việc hằng ngày” rồi bấm “Lưu” để không nhận thư nữa.",
            "Bấm “Tạo địa chỉ lịch”, chép địa chỉ đó vào ứng dụng lịch (đăng ký lịch theo địa chỉ). Lộ địa chỉ thì bấm “Thu hồi địa chỉ”.",
        ],
    },
    {
        "id": "chi-tieu",
        "title": "Giao chỉ tiêu cho đơn vị trực thuộc",
        "roles": [Role.ORG_BOARD, Role.COMMITTEE],
        "steps": [
            "Trên trang tiến độ, bấm “Giao chỉ tiêu năm … cho đơn vị trực thuộc”.",
            "Điền chỉ tiêu từng đơn vị (có thể chép từ năm trước), số văn bản giao, rồi bấm “Lưu”.",
        ],
    },
    {
        "id": "bao-cao",
        "title": "Lập báo cáo PDF hoặc Excel",
        "roles": STAFF + [Role.SECRETARY, Role.TRAINING],
        "steps": [
            "Mở “Báo cáo”, chọn loại báo cáo.",
            "Ô “Đơn vị”: gõ vài chữ của tên đơn vị, không cần dấu, rồi chọn trong danh sách hiện ra.",
            "Chọn năm (và quý hoặc ngày “tính đến” nếu cần), bấm “Xem trước”, rồi “Tải PDF” hoặc “Tải XLSX”.",
            "Dòng tổng cộng có ghi cách tính ngay bên cạnh; số liệu giống hệt trên trang, trong PDF và Excel.",
        ],
    },
    {
        "id": "nhap-du-lieu",
        "title": "Nhập danh sách từ tệp Excel",
        "roles": [Role.ORG_BOARD, Role.COMMITTEE, Role.TRAINING],
        "steps": [
            "Mở “Nhập dữ liệu”, chọn loại danh sách, tải tệp mẫu nếu cần.",
            "Chọn tệp, bấm tải lên: trang xem trước liệt kê lỗi theo dòng và cột. Sửa tệp hoặc bấm xác nhận để ghi.",
        ],
    },
    {
        "id": "lop-boi-duong",
        "title": "Lớp bồi dưỡng: cử người đi học, ghi kết quả",
        "roles": [Role.TRAINING, Role.SECRETARY, Role.COMMITTEE, Role.ORG_BOARD],
        "steps": [
            "Mở “Lớp bồi dưỡng”, chọn lớp. Chi bộ bấm “Cử đi học” và chọn người cảm tình Đảng.",
            "Trung tâm chính trị nhập kết quả bằng tệp danh sách học viên (Nhập dữ liệu → danh sách học viên).",
        ],
    },
    {
        "id": "don-vi",
        "title": "Cây tổ chức đảng",
        "roles": EVERYONE,
        "steps": [
            "Mở “Đơn vị”: bấm ▸ để mở các đơn vị bên dưới; trên điện thoại, kéo ngang bảng để xem các cột số (cột tên đứng yên).",
            "Tìm đơn vị theo tên không cần dấu; đơn vị trùng tên ghi kèm nơi của nó.",
        ],
    },
]

ROLE_LABELS = dict(Role.choices)
for _section in SECTIONS:
    _section["role_labels"] = [ROLE_LABELS[r] for r in _section["roles"]]
    _section["image"] = f"guide/{_section['id']}.png"

HELP_BY_URL = {
    "home": "tong-quan",
    "quotas-dashboard": "tong-quan",
    "quotas-unit": "tong-quan",
    "quotas-admitted": "tong-quan",
    "quotas-grassroots": "tong-quan",
    "quotas-allocate": "chi-tieu",
    "candidates-list": "quan-chung",
    "candidates-create": "them-quan-chung",
    "candidates-edit": "them-quan-chung",
    "candidates-detail": "ho-so",
    "candidates-action": "ho-so",
    "candidates-void": "ho-so",
    "candidates-board": "viec-can-lam",
    "candidates-classes": "lop-boi-duong",
    "candidates-class-detail": "lop-boi-duong",
    "candidates-class-enroll": "lop-boi-duong",
    "reports-index": "bao-cao",
    "imports-index": "nhap-du-lieu",
    "imports-upload": "nhap-du-lieu",
    "units-tree": "don-vi",
    "units-search": "don-vi",
    "units-detail": "don-vi",
    "reminder-settings": "nhac-viec",
}


def help_section(request) -> dict:
    """Context processor: the guide's section for the current page."""
    match = getattr(request, "resolver_match", None)
    return {"help_section": HELP_BY_URL.get(getattr(match, "url_name", None) or "", "")}
