"""Course progress, module tests, moving progress to another phone, and the certificate, in a real
Chromium over http. A small fixture course (tests/fixtures/khoa-nho: one module, two lessons,
a bank of 5 questions of which the test draws 3, passing at 60%) keeps these tests quick.
In the fixture every first option is the right one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, mkdocs_build, serve, write_child_config

pytestmark = pytest.mark.browser
FIXTURE = ROOT / "tests" / "fixtures" / "khoa-nho"


def build(folder: Path, site: Path) -> None:
    result = mkdocs_build(write_child_config(folder), site)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def course(tmp_path):
    """The fixture course, built and served; yields (url, source folder, site folder)."""
    folder = tmp_path / "khoa-nho"
    shutil.copytree(FIXTURE, folder)
    site = tmp_path / "www"
    build(folder, site)
    server = serve(site)
    yield f"http://127.0.0.1:{server.server_port}/", folder, site
    server.shutdown()


def answer_all(page, right: bool = True, selector: str = ".hvs-q:not([hidden])"):
    ids = page.locator(selector).evaluate_all("forms => forms.map(f => f.dataset.q)")
    scope = ".hvs-test " if selector.startswith(".hvs-test") else ""
    for question in ids:
        form = page.locator(f'{scope}.hvs-q[data-q="{question}"]')
        form.locator(".hvs-opt").nth(0 if right else 1).click()
        form.get_by_role("button", name="Kiểm tra").click()


def course_bar(page):
    return page.locator("[data-hvs-progress]").first


def test_a_passed_lesson_gets_a_tick_and_moves_the_bars_and_the_continue_button(page, course):
    url, _, _ = course
    page.goto(url)
    expect(course_bar(page)).to_contain_text("Cả khoá học: 0/2 bài (0%)")
    expect(page.locator(".hvs-continue")).to_have_text("Bắt đầu học: Bài thứ 1")
    page.locator(".hvs-continue").click()
    answer_all(page, right=False)  # a wrong answer does not finish the lesson
    page.goto(url)
    expect(course_bar(page)).to_contain_text("0/2")
    page.goto(url + "mo-dau/01-bai-1.html")
    for form in page.locator(".hvs-q").all():
        form.get_by_role("button", name="Làm lại").click()
    answer_all(page)
    expect(page.locator(".md-nav__link", has_text="Bài thứ 1").locator(".hvs-tick")).to_have_count(1)
    expect(page.locator(".md-nav__link", has_text="Bài thứ 2").locator(".hvs-tick")).to_have_count(0)
    page.goto(url + "mo-dau/index.html")
    expect(page.locator('[data-hvs-progress="mo-dau"]')).to_contain_text("Mở đầu: 1/2 bài (50%)")
    page.goto(url)
    expect(course_bar(page)).to_contain_text("Cả khoá học: 1/2 bài (50%)")
    expect(page.locator(".hvs-continue")).to_have_text("Tiếp tục học: Bài thứ 2")
    page.locator(".hvs-continue").click()
    expect(page).to_have_url(re.compile(r"/mo-dau/02-bai-2\.html$"))


def test_module_test_draws_questions_once_scores_and_keeps_the_best_result(page, course):
    url, _, _ = course
    page.goto(url + "mo-dau/kiem-tra.html")
    shown = page.locator(".hvs-test .hvs-q:not([hidden])")
    expect(shown).to_have_count(3)
    drawn = shown.evaluate_all("forms => forms.map(f => f.dataset.q)")
    expect(shown.first.locator(".hvs-num")).to_have_text("Câu 1/3.")
    page.reload()
    assert shown.evaluate_all("forms => forms.map(f => f.dataset.q)") == drawn  # same questions until a new test
    shown.first.locator(".hvs-opt").nth(1).click()
    shown.first.get_by_role("button", name="Kiểm tra").click()
    expect(shown.first.get_by_role("button", name="Làm lại")).to_be_hidden()  # one try per question
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator(".hvs-test-result")).to_have_text("Bạn còn 2 câu chưa bấm “Kiểm tra”. Bạn trả lời hết các câu rồi bấm “Nộp bài”.")
    answer_all(page, selector=".hvs-test .hvs-q:not([hidden]):has(.hvs-check:not([hidden]))")
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator(".hvs-test-result")).to_have_text("Bạn đúng 2/3 câu (67%). Chúc mừng, bạn đã đạt bài kiểm tra chương này!")
    page.get_by_role("button", name="Làm bài kiểm tra mới").click()
    answer_all(page, right=False, selector=".hvs-test .hvs-q:not([hidden])")
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator(".hvs-test-result")).to_contain_text("Bạn đúng 0/3 câu (0%). Chưa đạt: cần đúng từ 60% trở lên.")
    page.goto(url + "mo-dau/index.html")
    expect(page.locator('[data-hvs-progress="mo-dau"]')).to_contain_text("Bài kiểm tra cuối chương: điểm cao nhất 67%, đã đạt")


def test_every_test_passed_gives_a_printable_certificate(page, course):
    url, _, _ = course
    page.goto(url + "chung-nhan.html")
    expect(page.locator("[data-hvs-certificate-missing]")).to_contain_text("Mở đầu")
    page.goto(url + "mo-dau/kiem-tra.html")
    answer_all(page, selector=".hvs-test .hvs-q:not([hidden])")
    page.get_by_role("button", name="Nộp bài").click()
    page.goto(url + "chung-nhan.html")
    page.get_by_role("button", name="Tạo giấy chứng nhận").click()
    expect(page.locator("[data-hvs-certificate-form] [data-hvs-message]")).to_have_text("Bạn hãy gõ họ và tên của mình.")
    page.get_by_label("Họ và tên của bạn").fill("  Nguyễn   Thị Bình ")
    page.get_by_role("button", name="Tạo giấy chứng nhận").click()
    sheet = page.locator("[data-hvs-certificate-sheet]")
    expect(sheet.locator("[data-hvs-name]")).to_have_text("Nguyễn Thị Bình")
    expect(sheet).to_contain_text("Mở đầu (điểm 100%")
    expect(sheet).to_contain_text("không phải văn bằng hay chứng chỉ của cơ quan Nhà nước")
    page.emulate_media(media="print")
    expect(sheet).to_be_visible()
    expect(page.locator("[data-hvs-certificate-form]")).to_be_hidden()
    expect(page.get_by_role("button", name="In giấy chứng nhận")).to_be_hidden()
    assert page.pdf(format="A4")[:4] == b"%PDF"


def test_progress_moves_to_another_phone_by_code_and_bad_codes_change_nothing(browser, course):
    from conftest import Guard

    url, _, _ = course
    phones = []
    for _ in range(2):
        guard = Guard()
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
        guard.attach(context)
        phones.append((context, guard))
    old, new = phones[0][0].new_page(), phones[1][0].new_page()
    old.goto(url + "mo-dau/02-bai-2.html")
    answer_all(old)
    old.goto(url + "tien-do.html")
    code = old.locator("[data-hvs-code]").input_value()
    assert re.fullmatch(r"HVS1\.[0-9a-z.\-]+", code) and len(code) < 40, code

    new.goto(url + "tien-do.html")
    message = new.locator("[data-hvs-transfer] [data-hvs-message]")
    for bad, expected in [
        (code[:-2], "Mã bị thiếu hoặc sai một vài chữ. Bạn hãy chép lại cả mã, từ đầu đến cuối. Tiến độ trên máy này vẫn giữ nguyên."),
        ("xin chào", "Đây không phải mã tiến độ của trang học này. Mã đúng bắt đầu bằng “HVS1.”. Tiến độ trên máy này vẫn giữ nguyên."),
    ]:
        new.get_by_label("Trên máy mới, dán mã vào đây").fill(bad)
        new.get_by_role("button", name="Nhập mã").click()
        expect(message).to_have_text(expected)
        expect(course_bar(new)).to_contain_text("0/2")
    new.get_by_label("Trên máy mới, dán mã vào đây").fill(" " + code + "\n")
    new.get_by_role("button", name="Nhập mã").click()
    expect(message).to_have_text("Đã nhập xong: 1 bài đã học và 0 bài kiểm tra. Tiến độ cũ trên máy này vẫn được giữ.")
    expect(course_bar(new)).to_contain_text("Cả khoá học: 1/2 bài (50%)")
    new.goto(url)
    expect(new.locator(".hvs-continue")).to_have_text("Tiếp tục học: Bài thứ 1")
    for context, guard in phones:
        context.close()
        assert guard.problems == [], guard.problems


def test_progress_survives_what_writers_do(browser, course):
    from conftest import Guard

    # No service worker here: this test is about content edits, and a worker would serve the
    # previous build's course map for a page or two while the new one installs.
    guard = Guard()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", service_workers="block")
    guard.attach(context)
    page = context.new_page()
    url, folder, site = course
    page.goto(url + "mo-dau/01-bai-1.html")
    answer_all(page)
    page.goto(url + "mo-dau/kiem-tra.html")
    answer_all(page, selector=".hvs-test .hvs-q:not([hidden])")
    page.get_by_role("button", name="Nộp bài").click()

    lessons = folder / "content" / "mo-dau"
    first = (lessons / "01-bai-1.md").read_text(encoding="utf-8")
    # Reorder the questions, fix a typo, add a question, put the lesson second, rename its file.
    block_a = first[first.index("  - id: cau-a"):first.index("  - id: cau-b")]
    block_b = first[first.index("  - id: cau-b"):first.index("```\n", first.index("  - id: cau-b"))]
    edited = first.replace(block_a + block_b, block_b + block_a.replace("Câu A của bài 1?", "Câu A (đã sửa lỗi) của bài 1?")
                           + "  - id: cau-c\n    type: truefalse\n    question: Câu C mới thêm.\n    answer: true\n    explanation: Mới.\n")
    edited = edited.replace("order: 1", "order: 3")
    (lessons / "01-bai-1.md").unlink()
    (lessons / "05-bai-mot.md").write_text(edited, encoding="utf-8")
    bank = folder / "quizzes" / "mo-dau.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("Ngân hàng câu 1?", "Ngân hàng câu một?"), encoding="utf-8")
    build(folder, site)

    page.goto(url)
    expect(course_bar(page)).to_contain_text("Cả khoá học: 1/2 bài (50%)")
    expect(page.locator(".hvs-continue")).to_have_text("Tiếp tục học: Bài thứ 2")  # now first in order, not done
    page.goto(url + "mo-dau/02-bai-2.html")
    answer_all(page)
    page.goto(url)
    expect(page.locator(".hvs-continue")).to_have_text("Xem giấy chứng nhận")
    page.goto(url + "mo-dau/05-bai-mot.html")
    expect(page.locator(".md-nav__link", has_text="Bài thứ 1").locator(".hvs-tick")).to_have_count(1)
    page.goto(url + "mo-dau/index.html")
    expect(page.locator('[data-hvs-progress="mo-dau"]')).to_contain_text("điểm cao nhất 100%, đã đạt")
    context.close()
    assert guard.problems == [], guard.problems
