"""Course progress without an account: the map the learner's browser needs, and the markup
hooks put in pages for it (hocvuso/theme/assets/hocvuso/progress.js and the scripts beside it
fill it in).

Progress is kept by stable ids, never by position or file name: a lesson is done when its
review quiz (the last quiz block of the page) has been passed, and a module's test is known by
its bank's id. So reordering lessons or questions, fixing a typo, adding questions or renaming
a lesson file keeps what the learner has done.
"""

from __future__ import annotations

from html import escape

from hocvuso.catalogue import messages, site_paths
from hocvuso.catalogue.site_paths import QR_SCRIPT
from hocvuso.course.structure import Course
from hocvuso.pages.module_test import ModuleTest
from hocvuso.text.escaping import html_text, script_data

GLOBAL_NAME = "__hvsCourse"  # core.js reads it (hvs.course)
PROGRESS_PAGE = "tien-do.md"
# The longest name a learner keeps in their code: the fields' maxlength here and in class_page.py,
# and codes.js's limit (from the course map's `shared`).
NAME_LENGTH = 30
# The file a learner's code is saved as (codes.js) and read from (this page, the class page).
PROGRESS_FILE = "tien-do-hoc.txt"
CERTIFICATE_PAGE = "chung-nhan.md"


def html_url(path: str) -> str:
    """A page's URL relative to the site root (use_directory_urls is off)."""
    return path[: -len(".md")] + ".html"


def course_map(course: Course, lesson_quizzes: dict[str, list[str]], tests: dict[str, ModuleTest]) -> dict:
    """What progress.js needs: modules in order, their lessons with the quiz that marks them done."""
    modules = []
    for module in course.modules:
        lessons = [
            {"title": lesson.title, "url": html_url(lesson.path), "quiz": lesson_quizzes[lesson.path][-1]}
            for lesson in module.lessons
            if lesson_quizzes.get(lesson.path)
        ]
        entry = {"id": module.folder, "title": module.title, "url": html_url(f"{module.folder}/index.md"), "lessons": lessons}
        test = tests.get(module.folder)
        if test:
            entry["test"] = {"bank": test.bank_id, "url": html_url(test.page), "pass": test.pass_percent}
        modules.append(entry)
    return {"modules": modules, "progress": html_url(PROGRESS_PAGE), "certificate": html_url(CERTIFICATE_PAGE)}


def shared_values(offline: bool = True, ordered: bool = False) -> dict:
    """What the browser scripts must agree on with Python, written by the build into the course
    map's `shared` (hvs.shared in the scripts), so no script keeps a copy of its own. `offline`:
    the edition has a service worker (the ZIM edition has none, and names none). `ordered`: the
    course's ordered path is on (project.ordered_path); `shared.ordered` then holds its texts,
    and its absence is the setting off."""
    paths = {
        "searchIndex": site_paths.SEARCH_MANIFEST,
        "searchTerms": site_paths.SEARCH_TERMS_FOLDER,
        "searchDocs": site_paths.SEARCH_DOCS_FOLDER,
        "synonyms": site_paths.SEARCH_SYNONYMS,
        "queryExpansion": site_paths.QUERY_EXPANSION_SCRIPT,
    }
    paths["video"] = site_paths.VIDEO_SCRIPT
    if offline:
        paths.update(worker=site_paths.WORKER, offline=site_paths.OFFLINE_FOLDER, offlineModule=site_paths.OFFLINE_MODULE_SCRIPT)
    shared = {"nameLength": NAME_LENGTH, "progressFile": PROGRESS_FILE, "paths": paths, "searchText": messages.SEARCH_TEXTS}
    if ordered:
        shared["ordered"] = dict(messages.ORDERED_PATH_TEXTS)
        paths["orderedPath"] = site_paths.ORDERED_PATH_SCRIPT
    return shared


def course_script(data: dict, offline: bool = True, ordered: bool = False) -> str:
    """The course map script (site_paths.COURSE_SCRIPT), with the values the scripts share with Python."""
    return f"var {GLOBAL_NAME}={script_data({**data, 'shared': shared_values(offline, ordered)})};\n"


def course_progress_markup(course: Course) -> str:
    """Home page: the course bar and the button to the next unfinished lesson (first lesson without JS)."""
    first = next((lesson for module in course.modules for lesson in module.lessons), None)
    button = (
        f'<p><a class="md-button md-button--primary hvs-continue" data-hvs-continue href="{html_text(html_url(first.path))}">'
        "Bắt đầu học</a></p>"
        if first
        else ""
    )
    return (
        f'\n<div class="hvs-progress" data-hvs-progress="" data-search-exclude>\n{button}\n</div>\n'
    )


def module_progress_markup(folder: str) -> str:
    return f'\n<div class="hvs-progress" data-hvs-progress="{html_text(folder)}" data-search-exclude></div>\n'


def progress_page() -> str:
    """The page where learners see their progress and move it to another phone."""
    return "\n".join([
        "---",
        "title: Tiến độ học",
        "description: Xem bạn đã học xong bao nhiêu bài, và chuyển tiến độ sang điện thoại khác.",
        "---",
        "",
        "# Tiến độ học",
        "",
        "Tiến độ học được lưu ngay trên máy này, không cần tài khoản. Một bài được tính là học xong khi "
        "bạn trả lời đúng hết phần câu hỏi ôn tập của bài.",
        "",
        '<div class="hvs-progress" data-hvs-progress="" data-search-exclude></div>',
        "",
        "## Chuyển sang điện thoại khác",
        "",
        '<div class="hvs-transfer" data-hvs-transfer data-search-exclude>',
        # Whether this browser keeps progress for sure, said by progress.js (it asks the browser).
        '<p class="hvs-keep" data-hvs-keep role="status"></p>',
        # The name stays on this device and in the code the learner shows: nothing is sent.
        '<p><label for="hvs-learner-name">Tên hoặc tên gọi của bạn (không bắt buộc):</label></p>',
        f'<p><input type="text" id="hvs-learner-name" data-hvs-learner-name maxlength="{NAME_LENGTH}" autocomplete="off"></p>',
        '<p class="hvs-note">Tên chỉ lưu trên máy này và nằm trong mã của bạn. Trang học không gửi tên đi đâu.</p>',
        '<p><label for="hvs-code">Mã tiến độ của bạn:</label></p>',
        '<p><textarea id="hvs-code" data-hvs-code readonly rows="3"></textarea></p>',
        '<p>Người hướng dẫn của tổ công nghệ số cộng đồng có thể quét mã QR này để ghi tiến độ của bạn:</p>',
        '<div class="hvs-progress-qr" data-hvs-qr></div>',
        # The QR encoder (vendored, MIT) is loaded by this page only; progress.js draws with it.
        f'<script src="{QR_SCRIPT}" defer></script>',
        '<p><button type="button" class="md-button" data-hvs-action="copy">Chép mã</button> '
        '<button type="button" class="md-button" data-hvs-action="download">Lưu thành tệp</button></p>',
        '<p><label for="hvs-import">Trên máy mới, dán mã vào đây:</label></p>',
        # A code, not words: no capitals, corrections or spelling marks from the phone's keyboard.
        '<p><textarea id="hvs-import" data-hvs-import rows="3" autocapitalize="none" autocomplete="off" '
        'autocorrect="off" spellcheck="false"></textarea></p>',
        '<p><button type="button" class="md-button md-button--primary" data-hvs-action="import">Nhập mã</button></p>',
        f'<p><label for="hvs-file">Hoặc chọn tệp tiến độ ({PROGRESS_FILE}):</label> '
        '<input type="file" id="hvs-file" data-hvs-file accept=".txt,text/plain"></p>',
        '<p class="hvs-message" data-hvs-message role="status" aria-live="polite"></p>',
        "</div>",
        "",
    ])


def certificate_page(site_name: str) -> str:
    """Shown when every module test is passed; says plainly who issues it."""
    return "\n".join([
        "---",
        "title: Giấy chứng nhận",
        "description: Giấy chứng nhận hoàn thành khoá học, in được, khi bạn đã đạt mọi bài kiểm tra cuối chương.",
        "---",
        "",
        "# Giấy chứng nhận",
        "",
        '<div class="hvs-certificate" data-hvs-certificate data-search-exclude>',
        '<div data-hvs-certificate-missing>',
        "<p>Bạn sẽ nhận được giấy chứng nhận khi đạt bài kiểm tra cuối của mọi chương. Các chương còn lại:</p>",
        "<ul></ul>",
        "</div>",
        '<form data-hvs-certificate-form hidden>',
        "<p>Chúc mừng bạn đã đạt mọi bài kiểm tra!</p>",
        '<p><label for="hvs-name">Họ và tên của bạn (in trên giấy chứng nhận):</label></p>',
        '<p><input type="text" id="hvs-name" autocomplete="name" maxlength="80"></p>',
        '<p><button type="submit" class="md-button md-button--primary">Tạo giấy chứng nhận</button></p>',
        '<p class="hvs-message" data-hvs-message role="status" aria-live="polite"></p>',
        "</form>",
        '<section class="hvs-certificate-sheet" data-hvs-certificate-sheet hidden>',
        '<h2 tabindex="-1">GIẤY CHỨNG NHẬN</h2>',
        "<p>Chứng nhận</p>",
        '<p class="hvs-certificate-name" data-hvs-name></p>',
        f"<p>đã học và đạt các bài kiểm tra của khoá học “{escape(site_name)}”:</p>",
        "<ul data-hvs-modules></ul>",
        '<p>Ngày cấp: <span data-hvs-date></span></p>',
        '<p class="hvs-certificate-note">Giấy này do trang học tạo ra trên chính thiết bị của bạn, từ kết quả '
        "lưu trên máy. Đây không phải văn bằng hay chứng chỉ của cơ quan Nhà nước.</p>",
        '<p class="hvs-no-print"><button type="button" class="md-button md-button--primary" data-hvs-print>In giấy chứng nhận</button></p>',
        "</section>",
        "</div>",
        "",
    ])
