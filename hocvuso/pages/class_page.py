"""A volunteer's class page ("Lớp học của tôi"): the learners a volunteer of a community digital
team (tổ công nghệ số cộng đồng) helps, gathered from their progress codes, with no server.

The page is generated (kept out of the learners' menu and out of search) and has a script and
a stylesheet of its own, loaded on this page only: assets/hocvuso/class.js reads the codes
with codes.js (hvs.codes) and keeps the list in this browser (hvs.storage).
Everything here is fixed text; what learners and volunteers type is escaped by class.js.
"""

from __future__ import annotations

from hocvuso.catalogue.site_paths import CLASS_SCRIPT, CLASS_STYLE

from .progress import NAME_LENGTH, PROGRESS_FILE

CLASS_PAGE = "lop-hoc-cua-toi.md"
# The volunteers' guide in content/, linked from the page when the course has it.
GUIDE_PAGE = "huong-dan-cho-to-cong-nghe-so.md"


def class_page(guide: str | None = GUIDE_PAGE) -> str:
    """The page's Markdown; `guide` is the volunteers' guide to link to, or None."""
    guide_line = f"Cách dùng trang này: xem [Hướng dẫn cho tổ công nghệ số]({guide})." if guide else ""
    return "\n".join([
        "---",
        "title: Lớp học của tôi",
        "description: Trang cho người hướng dẫn của tổ công nghệ số cộng đồng, ghi tiến độ của những người mình giúp.",
        "---",
        "",
        "# Lớp học của tôi",
        "",
        f'<link rel="stylesheet" href="{CLASS_STYLE}">',
        "",
        "Trang này dành cho người hướng dẫn của tổ công nghệ số cộng đồng. Bạn thêm từng người học "
        "bằng mã tiến độ của họ. Danh sách chỉ lưu trên máy của bạn.",
        "",
        guide_line,
        "",
        "## Thêm người học",
        "",
        '<div class="hvs-class" data-hvs-class data-search-exclude>',
        # Shown by class.js only where the browser can read QR codes (BarcodeDetector).
        '<p data-hvs-class-scan hidden><button type="button" class="md-button md-button--primary" '
        'data-hvs-class-action="scan">Quét mã QR bằng máy ảnh</button></p>',
        '<div class="hvs-class-camera" data-hvs-class-camera hidden>',
        '<video muted playsinline aria-label="Hình từ máy ảnh"></video>',
        '<p>Bạn đưa mã QR trên máy của người học vào giữa khung hình.</p>',
        '<p><button type="button" class="md-button" data-hvs-class-action="stop">Dừng quét</button></p>',
        "</div>",
        '<p><label for="hvs-class-code">Gõ hoặc dán mã tiến độ của người học:</label></p>',
        '<p><textarea id="hvs-class-code" data-hvs-class-code rows="3" autocapitalize="none" autocomplete="off" '
        'autocorrect="off" spellcheck="false"></textarea></p>',
        '<p><label for="hvs-class-name">Tên người học (khi mã chưa có tên, hoặc để đổi tên):</label></p>',
        f'<p><input type="text" id="hvs-class-name" data-hvs-class-name maxlength="{NAME_LENGTH}" autocomplete="off"></p>',
        '<p><button type="button" class="md-button md-button--primary" data-hvs-class-action="add">Thêm vào lớp</button></p>',
        f'<p><label for="hvs-class-file">Hoặc chọn tệp tiến độ của người học ({PROGRESS_FILE}):</label> '
        '<input type="file" id="hvs-class-file" data-hvs-class-file accept=".txt,text/plain"></p>',
        '<p class="hvs-message" data-hvs-class-message role="status" aria-live="polite"></p>',
        "</div>",
        "",
        "## Danh sách lớp",
        "",
        '<div class="hvs-class-sheet" data-hvs-class-sheet data-search-exclude>',
        '<p class="hvs-class-sheet-title">Bảng theo dõi lớp học</p>',
        '<p data-hvs-class-summary>Chưa có người học nào trong danh sách.</p>',
        '<div class="hvs-class-scroll"><table class="hvs-class-table" data-hvs-class-table hidden></table></div>',
        '<p class="hvs-class-actions" data-hvs-class-actions hidden>'
        '<button type="button" class="md-button md-button--primary" data-hvs-class-action="csv">Tải bảng CSV</button> '
        '<button type="button" class="md-button" data-hvs-print>In bảng lớp</button> '
        '<button type="button" class="md-button" data-hvs-class-action="clear">Xoá cả danh sách</button></p>',
        "</div>",
        "",
        "## Trang này lưu gì, lưu ở đâu",
        "",
        "- Trang lưu tên hoặc tên gọi của người học, số bài đã học ở từng chương, điểm bài kiểm tra, "
        "và ngày bạn ghi.",
        "- Tất cả chỉ nằm trong trình duyệt trên máy này. Trang học không có máy chủ nào nhận danh sách.",
        "- Danh sách chỉ ra khỏi máy khi bạn tự tải tệp CSV hoặc in bảng lớp. Bạn giữ tệp cẩn thận, "
        "chỉ gửi cho nơi cần báo cáo.",
        "- Bạn hỏi ý người học trước khi ghi tên họ vào danh sách.",
        "- Muốn xoá một người: bấm nút “Xoá” ở dòng của người đó. Muốn xoá hết: bấm “Xoá cả danh sách”.",
        "- Xoá dữ liệu duyệt web của trình duyệt cũng xoá danh sách này. Cách xoá tuỳ từng trình duyệt.",
        "",
        # After the page's markup: class.js runs once core.js and progress.js have (see there).
        f'<script src="{CLASS_SCRIPT}" defer></script>',
        "",
    ])
