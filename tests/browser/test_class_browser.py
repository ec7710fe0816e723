"""A volunteer's class page ("Lớp học của tôi") in a real Chromium: two learners (two browser
contexts) make progress codes, a volunteer (a third) gathers them by typing, by file and by a
camera (a fake BarcodeDetector), updates one, exports the CSV and prints the sheet. Over http
under a sub-path and from file://. The QR code on the progress page is read back with a real
decoder (zxing-cpp) from a screenshot.

The course is the small fixture (tests/fixtures/khoa-nho: module "Mở đầu", two lessons and a
test) with a second module of one lesson added here, so totals are per module."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, SUB_PATH, Guard, mkdocs_build, phone_options, serve, write_child_config

pytestmark = pytest.mark.browser
FIXTURE = ROOT / "tests" / "fixtures" / "khoa-nho"
CLASS = "lop-hoc-cua-toi.html"

SECOND_MODULE = {
    "index.md": "---\ntitle: Chương hai\ndescription: Chương thử thứ hai.\norder: 2\n---\n\n# Chương hai\n\nChương thứ hai.\n",
    "01-bai-3.md": """---
title: Bài thứ 3
description: Bài thử số 3.
order: 1
minutes: 5
level: 1
objectives:
  - Trả lời được câu hỏi thử.
competences:
  digcomp: ["4.2"]
  tt02: ["4.2"]
sources: []
---

# Bài thứ 3

Nội dung bài 3.

```quiz
id: khoa-nho-bai-3
questions:
  - id: cau-c
    question: Câu C của bài 3?
    options:
      - text: Đúng là C
        correct: true
      - text: Không phải C
    explanation: Giải thích C.
```
""",
}


def fnv(text: str, length: int) -> str:
    """progress.js's hash: FNV-1a over the text, base 36, the last `length` characters."""
    value = 2166136261
    for char in text:
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    digits = ""
    while True:
        value, digit = divmod(value, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
        if not value:
            break
    return ("0000000" + digits)[-length:]


def hvs1_code(items: list[str]) -> str:
    """An old-format code (HVS1.<hash>.<hash-<best><d|k>>.<check>), as progress.js wrote before HVS2."""
    body = ".".join(items)
    return f"HVS1.{body}.{fnv(body, 4)}"


@pytest.fixture(scope="module")
def class_site(tmp_path_factory):
    """The two-module course, built: {"http": url under SUB_PATH, "file": file:// url}."""
    tmp = tmp_path_factory.mktemp("lop")
    folder = tmp / "khoa-lop"
    shutil.copytree(FIXTURE, folder)
    (folder / "content" / "chuong-hai").mkdir()
    for name, text in SECOND_MODULE.items():
        (folder / "content" / "chuong-hai" / name).write_text(text, encoding="utf-8")
    site = tmp / "site"
    result = mkdocs_build(write_child_config(folder), site)
    assert result.returncode == 0, result.stderr
    mount = tmp / "www" / SUB_PATH.strip("/")
    shutil.copytree(site, mount)
    server = serve(tmp / "www")
    return {"http": f"http://127.0.0.1:{server.server_port}{SUB_PATH}", "file": site.as_uri() + "/"}


@pytest.fixture
def people(browser):
    """New guarded browser contexts (a phone each): people() -> (context, page)."""
    made = []

    def person(**options):
        guard = Guard()
        context = browser.new_context(**phone_options(390, accept_downloads=True, service_workers="block", **options))
        guard.attach(context)
        made.append((context, guard))
        return context, context.new_page()

    yield person
    for context, guard in made:
        context.close()
        assert guard.problems == [], guard.problems


def answer_right(page):
    """Answers every shown question of the page right (in the fixtures the first option is)."""
    for form in page.locator(".hvs-q:not([hidden])").all():
        form.locator(".hvs-opt").nth(0).click()
        form.get_by_role("button", name="Kiểm tra").click()
        expect(form.locator(".hvs-result")).not_to_be_empty()


def learner_code(page, base: str, name: str | None = None) -> str:
    page.goto(base + "tien-do.html")
    if name is not None:
        page.get_by_label("Tên hoặc tên gọi của bạn (không bắt buộc)").fill(name)
    expect(page.locator("[data-hvs-code]")).to_have_value(re.compile(r"^HVS2\."))
    expect(page.locator("[data-hvs-qr] svg")).to_have_count(1)
    return page.locator("[data-hvs-code]").input_value()


# A camera that sees the code: BarcodeDetector and getUserMedia as Chrome on Android has them.
FAKE_CAMERA = """(() => {
  window.BarcodeDetector = class {
    constructor(options) { this.formats = options.formats; }
    static getSupportedFormats() { return Promise.resolve(["qr_code"]); }
    detect(source) { return Promise.resolve([{ rawValue: %s, format: "qr_code" }]); }
  };
  const camera = () => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 16;
    canvas.getContext("2d").fillRect(0, 0, 16, 16);
    return Promise.resolve(canvas.captureStream());
  };
  if (!navigator.mediaDevices) Object.defineProperty(navigator, "mediaDevices", { value: {} });
  navigator.mediaDevices.getUserMedia = camera;
})();"""


def table_rows(page) -> list[list[str]]:
    return page.locator("[data-hvs-class-table] tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.innerText.trim()))")


def vn_today() -> str:
    today = datetime.date.today()
    return f"{today.day}/{today.month}/{today.year}"


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_volunteer_gathers_two_learners_updates_one_exports_and_prints(people, class_site, where):
    base = class_site[where]
    # Two learners, each on their own phone.
    _, lan = people()
    lan.goto(base + "mo-dau/01-bai-1.html")
    answer_right(lan)
    lan.goto(base + "mo-dau/kiem-tra.html")
    answer_right(lan)
    lan.get_by_role("button", name="Nộp bài").click()
    expect(lan.locator(".hvs-test-result")).to_contain_text("Bạn đúng 3/3 câu (100%).")
    lan_code = learner_code(lan, base, "Bà Lan")
    _, tu = people()
    tu.goto(base + "chuong-hai/01-bai-3.html")
    answer_right(tu)
    learner_code(tu, base, "Ông  Tư ")
    with tu.expect_download() as download:
        tu.get_by_role("button", name="Lưu thành tệp").click()
    tu_file = download.value.path()

    # The volunteer: no camera button where the browser cannot read QR codes.
    volunteer_context, volunteer = people()
    volunteer.goto(base + CLASS)
    expect(volunteer.get_by_role("heading", name="Lớp học của tôi")).to_be_visible()
    expect(volunteer.get_by_role("button", name="Quét mã QR bằng máy ảnh")).to_be_hidden()
    summary = volunteer.locator("[data-hvs-class-summary]")
    expect(summary).to_have_text("Chưa có người học nào trong danh sách.")
    expect(volunteer.get_by_role("button", name="Tải bảng CSV")).to_be_hidden()
    code_box = volunteer.get_by_label("Gõ hoặc dán mã tiến độ của người học")
    add = volunteer.get_by_role("button", name="Thêm vào lớp")
    message = volunteer.locator("[data-hvs-class-message]")

    # Damaged or foreign codes: a message in Vietnamese, and the list is unchanged.
    kept = " Danh sách lớp vẫn giữ nguyên."
    for bad, expected in [
        (lan_code[:-6] + lan_code[-5:], "Mã bị thiếu hoặc sai một vài chữ. Bạn hãy chép lại cả mã, từ đầu đến cuối." + kept),
        ("Xin chào bạn", "Đây không phải mã tiến độ của trang học này. Mã đúng bắt đầu bằng “HVS”." + kept),
        (hvs1_code([fnv("khoa-khac-bai-1", 5)]), "Mã này là của một khoá học khác, nên không dùng được ở đây." + kept),
    ]:
        code_box.fill(bad)
        add.click()
        expect(message).to_have_text(expected)
        expect(summary).to_have_text("Chưa có người học nào trong danh sách.")

    # Typed (as a keyboard may: lower case, a space in the middle).
    code_box.fill(lan_code[:12].lower() + " " + lan_code[12:])
    add.click()
    expect(message).to_have_text("Đã thêm “Bà Lan” vào lớp: 1 bài đã học, 1 bài kiểm tra.")
    expect(code_box).to_have_value("")
    # From the learner's file.
    volunteer.get_by_label("Hoặc chọn tệp tiến độ của người học").set_input_files(tu_file)
    expect(message).to_have_text("Đã thêm “Ông Tư” vào lớp: 1 bài đã học, 0 bài kiểm tra.")
    seen = vn_today()
    expect(summary).to_have_text(f"Lớp có 2 người học. Bảng lập ngày {seen}.")
    assert table_rows(volunteer) == [
        ["Người học", "Mở đầu", "Chương hai", "Ngày gặp gần nhất", "Xoá"],
        ["Bà Lan", "1/2 bài\nKiểm tra: 100% (đạt)", "0/1 bài", seen, "Xoá"],
        ["Ông Tư", "0/2 bài\nKiểm tra: chưa làm", "1/1 bài", seen, "Xoá"],
        ["Học xong cả chương", "0/2 người", "1/2 người", "", ""],
        ["Đạt bài kiểm tra", "1/2 người", "", "", ""],
    ]

    # Lan learns one more lesson; her newer code comes in by the camera, and merges.
    lan.goto(base + "mo-dau/02-bai-2.html")
    answer_right(lan)
    newer = learner_code(lan, base)
    assert newer != lan_code and newer.split(".")[1] == lan_code.split(".")[1]  # the same learner id
    volunteer_context.add_init_script(FAKE_CAMERA % json.dumps(newer))
    volunteer.reload()
    volunteer.get_by_role("button", name="Quét mã QR bằng máy ảnh").click()
    expect(message).to_have_text("Đã cập nhật “Bà Lan”: 2 bài đã học, 1 bài kiểm tra. Dữ liệu cũ vẫn được giữ.")
    expect(volunteer.locator("[data-hvs-class-camera]")).to_be_hidden()  # the camera is off again
    # The older code again loses nothing.
    code_box.fill(lan_code)
    add.click()
    expect(message).to_have_text("Đã cập nhật “Bà Lan”: 2 bài đã học, 1 bài kiểm tra. Dữ liệu cũ vẫn được giữ.")
    rows = table_rows(volunteer)
    assert rows[1] == ["Bà Lan", "2/2 bài\nKiểm tra: 100% (đạt)", "0/1 bài", seen, "Xoá"], rows
    assert rows[3:] == [["Học xong cả chương", "1/2 người", "1/2 người", "", ""],
                        ["Đạt bài kiểm tra", "1/2 người", "", "", ""]], rows

    # The CSV for the commune: UTF-8 with a BOM, Vietnamese columns, a row each, totals.
    with volunteer.expect_download() as download:
        volunteer.get_by_role("button", name="Tải bảng CSV").click()
    today = datetime.date.today().isoformat()
    assert download.value.suggested_filename == f"lop-hoc-{today}.csv"
    expect(message).to_have_text(f"Đã tải tệp “lop-hoc-{today}.csv”. Tệp nằm trong thư mục tải về của máy này.")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert text.endswith("\r\n") and "\r\n" in text
    assert list(csv.reader(io.StringIO(text))) == [
        ["Tên người học", "Mở đầu: số bài đã học (trên 2)", "Mở đầu: điểm kiểm tra cao nhất (%)",
         "Mở đầu: kết quả kiểm tra", "Chương hai: số bài đã học (trên 1)", "Ngày gặp gần nhất"],
        ["Bà Lan", "2", "100", "Đạt", "0", today],
        ["Ông Tư", "0", "", "", "1", today],
        ["Tổng số người học xong chương, đạt kiểm tra (trên 2 người)", "1", "", "1", "1", ""],
    ]

    # The printed sheet: the table alone, on a landscape A4 page.
    volunteer.emulate_media(media="print")
    expect(volunteer.locator("[data-hvs-class-table]")).to_be_visible()
    expect(volunteer.locator("[data-hvs-class-sheet]")).to_contain_text("Bảng theo dõi lớp học")
    for hidden in [volunteer.get_by_role("heading", name="Lớp học của tôi"), code_box, add,
                   volunteer.get_by_role("button", name="In bảng lớp"), volunteer.locator(".hvs-class-remove").first]:
        expect(hidden).to_be_hidden()
    pdf = volunteer.pdf(prefer_css_page_size=True)
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert box and round(float(box.group(1))) == 842 and round(float(box.group(2))) == 595, box  # A4, landscape
    volunteer.emulate_media(media="screen")

    # Removing asks first: "no" keeps the learner, "yes" removes them.
    asked = []
    volunteer.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    volunteer.get_by_role("button", name="Xoá Ông Tư").click()
    expect(summary).to_have_text(f"Lớp có 2 người học. Bảng lập ngày {seen}.")
    assert asked == ["Xoá “Ông Tư” khỏi danh sách lớp? Bạn sẽ không lấy lại được."]
    volunteer.once("dialog", lambda dialog: dialog.accept())
    volunteer.get_by_role("button", name="Xoá Ông Tư").click()
    expect(message).to_have_text("Đã xoá “Ông Tư” khỏi danh sách lớp.")
    expect(summary).to_have_text(f"Lớp có 1 người học. Bảng lập ngày {seen}.")
    volunteer.reload()  # kept on the volunteer's device
    assert [row[0] for row in table_rows(volunteer)] == ["Người học", "Bà Lan", "Học xong cả chương", "Đạt bài kiểm tra"]



def test_old_hvs1_codes_still_work_on_the_progress_page_and_the_class_page(people, class_site):
    base = class_site["http"]
    old = hvs1_code([fnv("khoa-nho-bai-1", 5), fnv("ngan-hang-mo-dau", 5) + "-67d"])
    _, phone = people()
    phone.goto(base + "tien-do.html")
    phone.get_by_label("Trên máy mới, dán mã vào đây").fill(old)
    phone.get_by_role("button", name="Nhập mã").click()
    expect(phone.locator("[data-hvs-transfer] [data-hvs-message]")).to_have_text(
        "Đã nhập xong: 1 bài đã học và 1 bài kiểm tra. Tiến độ cũ trên máy này vẫn được giữ.")

    _, volunteer = people()
    volunteer.goto(base + CLASS)
    volunteer.get_by_label("Gõ hoặc dán mã tiến độ của người học").fill(old)
    volunteer.get_by_role("button", name="Thêm vào lớp").click()
    message = volunteer.locator("[data-hvs-class-message]")
    # An HVS1 code carries no name: the volunteer gives one.
    expect(message).to_have_text("Mã này chưa có tên người học. Bạn gõ tên vào ô “Tên người học” rồi bấm “Thêm vào lớp”.")
    expect(volunteer.get_by_label("Tên người học (khi mã chưa có tên, hoặc để đổi tên)")).to_be_focused()
    expect(volunteer.locator("[data-hvs-class-summary]")).to_have_text("Chưa có người học nào trong danh sách.")
    volunteer.get_by_label("Tên người học (khi mã chưa có tên, hoặc để đổi tên)").fill('<b>Chú "Ba"</b> & =1+1')
    volunteer.get_by_role("button", name="Thêm vào lớp").click()
    expect(message).to_have_text('Đã thêm “<b>Chú "Ba"</b> & =1+1” vào lớp: 1 bài đã học, 1 bài kiểm tra.')
    rows = table_rows(volunteer)
    assert rows[1][:3] == ['<b>Chú "Ba"</b> & =1+1', "1/2 bài\nKiểm tra: 67% (đạt)", "0/1 bài"], rows
    expect(volunteer.locator("[data-hvs-class-table] b")).to_have_count(0)  # typed text, never markup


def test_a_name_typed_by_a_learner_is_a_plain_cell_in_the_csv(people, class_site):
    """A name that starts like a formula is not one in the spreadsheet; quotes and commas are quoted."""
    base = class_site["file"]
    _, learner = people()
    code = learner_code(learner, base, '=HYPERLINK("x"),1')
    _, volunteer = people()
    volunteer.goto(base + CLASS)
    volunteer.get_by_label("Gõ hoặc dán mã tiến độ của người học").fill(code)
    volunteer.get_by_role("button", name="Thêm vào lớp").click()
    expect(volunteer.locator("[data-hvs-class-message]")).to_have_text(
        'Đã thêm “=HYPERLINK("x"),1” vào lớp: 0 bài đã học, 0 bài kiểm tra.')
    with volunteer.expect_download() as download:
        volunteer.get_by_role("button", name="Tải bảng CSV").click()
    lines = Path(download.value.path()).read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[1].startswith('"\'=HYPERLINK(""x""),1",0,'), lines


def decode_qr(png: bytes) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))]


def test_the_qr_code_of_a_learner_who_finished_everything_reads_back_as_the_code(people, site_url):
    """The real course, every lesson and test done, a long Vietnamese name: the code stays short
    enough for a version-10 QR code (57 modules a side), and a real decoder reads the screenshot."""
    _, page = people()
    page.goto(site_url + "tien-do.html")
    page.evaluate("""() => {
        const state = { passed: {}, tests: {} };
        for (const module of __hvsCourse.modules) {
            for (const lesson of module.lessons) state.passed[lesson.quiz] = "2026-12-01";
            if (module.test) state.tests[module.test.bank] = { best: 100, passed: true, date: "2026-12-01" };
        }
        localStorage.setItem("hocvuso:progress", JSON.stringify(state));
    }""")
    page.reload()
    name = "Nguyễn Thị Hoà Bình Phương Ngọc"[:30]
    code = learner_code(page, site_url, name)
    lessons = page.evaluate("__hvsCourse.modules.reduce((n, m) => n + m.lessons.length, 0)")
    print(f"code for {lessons} lessons, every test, a {len(name)}-character name: {len(code)} characters")
    # The code grows by 5 characters a lesson: 52 lessons and 13 tests need version 11-L (468
    # characters, 61 modules a side), still read from a phone's screen. A course of any size needs
    # another encoding (issue #27).
    assert re.fullmatch(r"HVS2\.[0-9A-Z.]+", code) and len(code) <= 468, len(code)
    modules = int(page.locator("[data-hvs-qr] svg").get_attribute("viewBox").split()[2]) - 8
    assert modules <= 61, modules
    qr = page.locator("[data-hvs-qr]")
    qr.scroll_into_view_if_needed()
    assert decode_qr(qr.screenshot()) == [code]
    # The volunteer's page reads the same code back: the name and every lesson and test.
    page.goto(site_url + CLASS)
    page.get_by_label("Gõ hoặc dán mã tiến độ của người học").fill(code)
    page.get_by_role("button", name="Thêm vào lớp").click()
    tests = page.evaluate("__hvsCourse.modules.filter(m => m.test).length")
    expect(page.locator("[data-hvs-class-message]")).to_have_text(
        f"Đã thêm “{name}” vào lớp: {lessons} bài đã học, {tests} bài kiểm tra.")


def test_the_qr_code_of_a_new_learner_reads_back_from_a_usb_stick(people, class_site):
    _, page = people()
    code = learner_code(page, class_site["file"])
    assert decode_qr(page.locator("[data-hvs-qr]").screenshot()) == [code]
    page.get_by_label("Tên hoặc tên gọi của bạn (không bắt buộc)").fill("Cô Hằng")
    expect(page.locator("[data-hvs-code]")).not_to_have_value(code)  # the name is in the code at once
    renamed = page.locator("[data-hvs-code]").input_value()
    assert decode_qr(page.locator("[data-hvs-qr]").screenshot()) == [renamed]
    page.reload()
    expect(page.get_by_label("Tên hoặc tên gọi của bạn (không bắt buộc)")).to_have_value("Cô Hằng")
    expect(page.locator("[data-hvs-code]")).to_have_value(renamed)


def test_the_class_page_and_the_progress_page_pass_axe(people, class_site):
    from conftest import axe_report

    _, page = people()
    code = learner_code(page, class_site["http"], "Bà Lan")
    assert axe_report(page) == ""
    page.goto(class_site["http"] + CLASS)
    page.get_by_label("Gõ hoặc dán mã tiến độ của người học").fill(code)
    page.get_by_role("button", name="Thêm vào lớp").click()
    expect(page.locator("[data-hvs-class-table]")).to_be_visible()
    assert axe_report(page) == ""
