"""Competence frameworks lessons are tagged with (codes from shared/research/facts.md)."""

from __future__ import annotations

DIGCOMP = {
    "1.1": "Duyệt, tìm kiếm và lọc thông tin",
    "1.2": "Đánh giá thông tin",
    "1.3": "Quản lý dữ liệu và nội dung",
    "2.1": "Tương tác qua công nghệ số",
    "2.2": "Chia sẻ qua công nghệ số",
    "2.3": "Tham gia xã hội qua công nghệ số (dịch vụ công)",
    "2.4": "Hợp tác qua công nghệ số",
    "2.5": "Ứng xử trên mạng",
    "2.6": "Quản lý danh tính số",
    "3.1": "Tạo nội dung số",
    "3.2": "Tích hợp và biên tập nội dung",
    "3.3": "Bản quyền và giấy phép",
    "3.4": "Lập trình",
    "4.1": "Bảo vệ thiết bị",
    "4.2": "Bảo vệ dữ liệu cá nhân và quyền riêng tư",
    "4.3": "Bảo vệ sức khoẻ và an sinh",
    "4.4": "Bảo vệ môi trường",
    "5.1": "Giải quyết vấn đề kỹ thuật",
    "5.2": "Xác định nhu cầu và giải pháp công nghệ",
    "5.3": "Sử dụng sáng tạo công nghệ số",
    "5.4": "Nhận biết thiếu hụt năng lực số",
}

# Thông tư 02/2025/TT-BGDĐT: domains 1–5 follow DigComp's codes; domain 6 is artificial intelligence.
TT02 = {
    **DIGCOMP,
    "6.1": "Hiểu biết về trí tuệ nhân tạo",
    "6.2": "Sử dụng trí tuệ nhân tạo",
    "6.3": "Đánh giá trí tuệ nhân tạo",
}

FRAMEWORKS = {
    "digcomp": ("DigComp 2.2", DIGCOMP),
    "tt02": ("Thông tư 02/2025/TT-BGDĐT", TT02),
}
