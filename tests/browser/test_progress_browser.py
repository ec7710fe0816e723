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
from site_reading import course_map

pytestmark = pytest.mark.browser
FIXTURE = ROOT / "tests" / "fixtures" / "khoa-nho"


def build(folder: Path, site: Path) -> None:
    result = mkdocs_build(write_child_config(folder), site)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def course(tmp_path):
    """The fixture course, built and served: (url, source folder, site folder)."""
    folder = tmp_path / "khoa-nho"
    shutil.copytree(FIXTURE, folder)
    site = tmp_path / "www"
    build(folder, site)
    server = serve(site)
    return f"http://127.0.0.1:{server.server_port}/", folder, site


@pytest.fixture
def quiet_page(browser):
    """A guarded page with no service worker: a test ending while the worker still saves the
    first page's files would log the aborted requests."""
    from conftest import Guard

    guard = Guard()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", service_workers="block")
    guard.attach(context)
    yield context.new_page()
    context.close()
    assert guard.problems == [], "\n".join(guard.problems)


def answer_all(page, right: bool = True, selector: str = ".hvs-q:not([hidden])"):
    ids = page.locator(selector).evaluate_all("forms => forms.map(f => f.dataset.q)")
    scope = ".hvs-test " if selector.startswith(".hvs-test") else ""
    for question in ids:
        form = page.locator(f'{scope}.hvs-q[data-q="{question}"]')
        form.locator(".hvs-opt").nth(0 if right else 1).click()
        form.get_by_role("button", name="Kiểm tra").click()
        # Answered (and saved) once the verdict shows: only then may the test leave the page.
        expect(form.locator(".hvs-result")).not_to_be_empty()


def course_bar(page):
    return page.locator("[data-hvs-progress]").first


def test_a_passed_lesson_gets_a_tick_and_moves_the_bars_and_the_continue_button(page, course):
    url, _, _ = course
    page.goto(url)
    expect(course_bar(page)).to_contain_text("Cả khoá học: 0/2 bài (0%)")
    expect(page.locator(".hvs-continue")).to_have_text("Bắt đầu học: Bài thứ 1")
    page.locator(".hvs-continue").click()
    expect(page).to_have_url(re.compile(r"/mo-dau/01-bai-1\.html$"))
    page.wait_for_load_state()  # our deferred scripts have run: the quiz answers clicks
    answer_all(page, right=False)  # a wrong answer does not finish the lesson
    page.goto(url)
    expect(course_bar(page)).to_contain_text("0/2")
    page.goto(url + "mo-dau/01-bai-1.html")
    for form in page.locator(".hvs-q").all():
        form.get_by_role("button", name="Làm lại").click()
    answer_all(page)
    expect(page.locator(".md-nav__link", has_text="Bài thứ 1").locator(".hvs-tick")).to_have_count(1)
    expect(page.locator(".md-nav__link", has_text="Bài thứ 2").locator(".hvs-tick")).to_have_count(0)
    # The table of contents links to headings of the page, not to lessons: no ticks there.
    expect(page.locator('.md-nav__link[href^="#"]')).not_to_have_count(0)
    expect(page.locator('.md-nav__link[href^="#"] .hvs-tick')).to_have_count(0)
    page.goto(url + "mo-dau/index.html")
    expect(page.locator('[data-hvs-progress="mo-dau"]')).to_contain_text("Mở đầu: 1/2 bài (50%)")
    page.goto(url)
    expect(course_bar(page)).to_contain_text("Cả khoá học: 1/2 bài (50%)")
    expect(page.locator(".hvs-continue")).to_have_text("Tiếp tục học: Bài thứ 2")
    page.locator(".hvs-continue").click()
    expect(page).to_have_url(re.compile(r"/mo-dau/02-bai-2\.html$"))


def test_a_finished_lesson_says_so_on_the_page_and_shows_the_way_on(page, course):
    url, _, _ = course
    page.goto(url + "mo-dau/01-bai-1.html")
    page.wait_for_load_state()
    expect(page.locator("[data-hvs-lesson-done]")).to_have_count(0)
    answer_all(page)
    done = page.locator("[data-hvs-lesson-done]")
    expect(done.locator("p").first).to_have_text("Bạn đã học xong bài này. Giỏi lắm! Mở đầu: 1/2 bài.")
    expect(done).to_have_attribute("role", "status")
    done.get_by_role("link", name="Học bài tiếp theo: Bài thứ 2").click()
    expect(page).to_have_url(re.compile(r"/mo-dau/02-bai-2\.html$"))
    page.wait_for_load_state()
    answer_all(page)
    # The module's last lesson: on to its test.
    expect(page.locator("[data-hvs-lesson-done]")).to_contain_text("Mở đầu: 2/2 bài.")
    page.locator("[data-hvs-lesson-done]").get_by_role("link", name="Làm bài kiểm tra cuối chương").click()
    expect(page).to_have_url(re.compile(r"/mo-dau/kiem-tra\.html$"))
    page.go_back()
    expect(page.locator("[data-hvs-lesson-done]")).to_contain_text("Mở đầu: 2/2 bài.")  # said again when the page is opened again


def test_module_test_draws_questions_once_scores_and_keeps_the_best_result(page, course):
    url, _, _ = course
    page.goto(url + "mo-dau/kiem-tra.html")
    shown = page.locator(".hvs-test .hvs-q:not([hidden])")
    expect(shown).to_have_count(3)
    drawn = shown.evaluate_all("forms => forms.map(f => f.dataset.q)")
    expect(shown.first.locator(".hvs-num")).to_have_text("Câu 1/3.")
    expect(page.get_by_role("button", name="Làm bài kiểm tra mới")).to_be_hidden()  # only after handing in
    page.reload()
    expect(shown).to_have_count(3)  # the test is drawn again on this page load
    assert shown.evaluate_all("forms => forms.map(f => f.dataset.q)") == drawn  # same questions until a new test
    shown.first.locator(".hvs-opt").nth(1).click()
    shown.first.get_by_role("button", name="Kiểm tra").click()
    expect(shown.first.get_by_role("button", name="Làm lại")).to_be_hidden()  # one try per question
    # ... so the message does not send the learner to a "Làm lại" button that is not there.
    expect(shown.first.locator(".hvs-result")).to_have_text("Chưa đúng. Không sao cả: bạn đọc phần giải thích để nhớ bài.")
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator(".hvs-test-result")).to_have_text("Bạn còn 2 câu chưa bấm “Kiểm tra”. Bạn trả lời hết các câu rồi bấm “Nộp bài”.")
    answer_all(page, selector=".hvs-test .hvs-q:not([hidden]):has(.hvs-check:not([hidden]))")
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator(".hvs-test-result")).to_have_text("Bạn đúng 2/3 câu (67%). Chúc mừng, bạn đã đạt bài kiểm tra chương này!")
    expect(page.get_by_role("button", name="Nộp bài")).to_be_hidden()  # handed in: not again
    expect(page.locator(".hvs-test-result")).to_be_focused()  # the focus is not lost with the button
    page.reload()
    expect(page.get_by_role("button", name="Nộp bài")).to_be_hidden()
    page.get_by_role("button", name="Làm bài kiểm tra mới").click()
    answer_all(page, right=False, selector=".hvs-test .hvs-q:not([hidden])")
    expect(page.locator(".hvs-answer-note")).to_have_count(0)  # not before handing in
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator(".hvs-test-result")).to_contain_text("Bạn đúng 0/3 câu (0%). Chưa đạt: cần đúng từ 60% trở lên.")
    # Handed in: each missed question shows its right option (the first, in the fixture) beside the learner's.
    for q in shown.all():
        expect(q.locator(".hvs-opt").nth(0)).to_have_class(re.compile("hvs-answer"))
        expect(q.locator(".hvs-opt").nth(0).locator(".hvs-answer-note")).to_have_text("Đáp án đúng")
        expect(q.locator(".hvs-opt").nth(1)).to_have_class(re.compile("hvs-wrong"))
    page.reload()
    expect(page.locator(".hvs-test .hvs-q:not([hidden]) .hvs-answer-note")).to_have_count(3)  # kept with the result
    page.get_by_role("button", name="Làm bài kiểm tra mới").click()
    expect(page.locator(".hvs-answer-note")).to_have_count(0)
    expect(page.locator(".hvs-answer")).to_have_count(0)
    answer_all(page, right=False, selector=".hvs-test .hvs-q:not([hidden])")
    page.get_by_role("button", name="Nộp bài").click()
    page.goto(url + "mo-dau/index.html")
    expect(page.locator('[data-hvs-progress="mo-dau"]')).to_contain_text("Bài kiểm tra cuối chương: điểm cao nhất 67%, đã đạt")


def test_every_question_of_the_bank_is_drawn_first_as_often(quiet_page, course):
    """The draw is fair: with 5 questions, each comes first about one time in five (a learner's
    first draw, from the bank's order: the page is put back in that order before each one)."""
    url, _, _ = course
    page = quiet_page
    page.goto(url + "mo-dau/kiem-tra.html")
    firsts = page.evaluate("""() => {
        const quiz = document.querySelector('.hvs-test .hvs-quiz');
        const bankOrder = Array.from(quiz.querySelectorAll('.hvs-q')).sort((a, b) => a.dataset.q < b.dataset.q ? -1 : 1);
        const counts = {};
        for (let i = 0; i < 250; i++) {
            bankOrder.forEach(form => quiz.appendChild(form));
            document.querySelector('.hvs-test-new').click();
            const first = document.querySelector('.hvs-test .hvs-q:not([hidden])').dataset.q;
            counts[first] = (counts[first] || 0) + 1;
        }
        return counts;
    }""")
    assert sorted(firsts) == ["q1", "q2", "q3", "q4", "q5"] and min(firsts.values()) >= 25, firsts  # 50 expected


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
    expect(old.locator("[data-hvs-code]")).to_have_value(re.compile(r"^HVS2\."))  # written by progress.js
    code = old.locator("[data-hvs-code]").input_value()
    assert re.fullmatch(r"HVS2\.[0-9A-Z.]+", code) and len(code) < 40, code

    new.goto(url + "tien-do.html")
    message = new.locator("[data-hvs-transfer] [data-hvs-message]")
    for bad, expected in [
        (code[:-2], "Mã bị thiếu hoặc sai một vài chữ. Bạn hãy chép lại cả mã, từ đầu đến cuối. Tiến độ trên máy này vẫn giữ nguyên."),
        ("xin chào", "Đây không phải mã tiến độ của trang học này. Mã đúng bắt đầu bằng “HVS”. Tiến độ trên máy này vẫn giữ nguyên."),
    ]:
        new.get_by_label("Trên máy mới, dán mã vào đây").fill(bad)
        new.get_by_role("button", name="Nhập mã").click()
        expect(message).to_have_text(expected)
        expect(course_bar(new)).to_contain_text("0/2")
    # As a phone's keyboard may write it: other letter case, spaces and a line break around it.
    new.get_by_label("Trên máy mới, dán mã vào đây").fill(" " + code.lower() + "\n")
    new.get_by_role("button", name="Nhập mã").click()
    expect(message).to_have_text("Đã nhập xong: 1 bài đã học và 0 bài kiểm tra. Tiến độ cũ trên máy này vẫn được giữ.")
    expect(course_bar(new)).to_contain_text("Cả khoá học: 1/2 bài (50%)")
    expect(new.locator("[data-hvs-code]")).to_have_value(code)  # this phone's own code now holds it too
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


def test_a_quiz_outside_the_course_does_not_make_the_code_foreign(quiet_page, course):
    """A quiz passed on a page that is not a lesson (the writers' guide has an example) is not
    progress: it stays out of the code, which the other phone then takes as this course's."""
    url, _, _ = course
    page = quiet_page
    page.goto(url + "tien-do.html")
    page.evaluate("""() => document.dispatchEvent(new CustomEvent('hvs:quiz-passed', {detail: {quiz: 'vi-du-ngoai-khoa'}}))""")
    code = page.evaluate("hvs.codes.exportCode()")
    page.evaluate("localStorage.clear()")
    page.reload()
    page.get_by_label("Trên máy mới, dán mã vào đây").fill(code)
    page.get_by_role("button", name="Nhập mã").click()
    expect(page.locator("[data-hvs-transfer] [data-hvs-message]")).to_have_text(
        "Đã nhập xong: 0 bài đã học và 0 bài kiểm tra. Tiến độ cũ trên máy này vẫn được giữ.")


def test_the_progress_page_does_not_link_to_itself_and_the_home_page_links_to_it(quiet_page, course):
    url, _, _ = course
    page = quiet_page
    page.goto(url)
    expect(course_bar(page)).to_contain_text("Cả khoá học")
    expect(course_bar(page).get_by_role("link", name="Xem tiến độ và chuyển sang máy khác")).to_have_count(1)
    page.goto(url + "tien-do.html")
    expect(course_bar(page)).to_contain_text("Cả khoá học")  # the bar is drawn: the link would be there by now
    expect(page.get_by_role("link", name="Xem tiến độ và chuyển sang máy khác")).to_have_count(0)


def test_continue_goes_on_from_the_lesson_passed_last(page, site, site_url):
    """On the real course: a learner who starts with the fraud module is sent on in it, not back
    to module 1; after a module's last lesson, to the next module; then back to what is left."""
    modules = course_map(site)["modules"]
    at = next(index for index, module in enumerate(modules) if module["id"] == "phong-chong-lua-dao")
    fraud, following = modules[at]["lessons"], modules[at + 1]["lessons"]

    def passed(quiz):
        page.evaluate("id => document.dispatchEvent(new CustomEvent('hvs:quiz-passed', {detail: {quiz: id}}))", quiz)

    page.goto(site_url)
    expect(page.locator(".hvs-continue")).to_have_text("Bắt đầu học: " + modules[0]["lessons"][0]["title"])
    passed(fraud[0]["quiz"])
    expect(page.locator(".hvs-continue")).to_have_text("Tiếp tục học: " + fraud[1]["title"])
    passed(fraud[-1]["quiz"])
    expect(page.locator(".hvs-continue")).to_have_text("Tiếp tục học: " + following[0]["title"])
    for module in modules[at + 1:]:
        for lesson in module["lessons"]:
            passed(lesson["quiz"])
    # Nothing left after the last lesson passed: the first unfinished lesson of the course.
    expect(page.locator(".hvs-continue")).to_have_text("Tiếp tục học: " + modules[0]["lessons"][0]["title"])
    page.reload()
    expect(page.locator(".hvs-continue")).to_have_text("Tiếp tục học: " + modules[0]["lessons"][0]["title"])
    passed(fraud[0]["quiz"])  # passed again: where the learner is now
    expect(page.locator(".hvs-continue")).to_have_text("Tiếp tục học: " + fraud[1]["title"])


def test_a_module_title_with_quotes_and_ampersand_is_shown_as_written(quiet_page, course):
    url, folder, site = course
    page = quiet_page
    index = folder / "content" / "mo-dau" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("title: Mở đầu", """title: 'Mở đầu "A" & <b>B</b>'"""),
                     encoding="utf-8")
    build(folder, site)
    page.goto(url + "mo-dau/index.html")
    bar = page.locator('[data-hvs-progress="mo-dau"]')
    expect(bar).to_contain_text('Mở đầu "A" & <b>B</b>: 0/2 bài (0%)')
    expect(bar.locator("progress")).to_have_attribute("aria-label", 'Mở đầu "A" & <b>B</b>')
    expect(bar.locator("b")).to_have_count(0)


def test_progress_moves_by_file_too(browser, course):
    from conftest import Guard

    url, _, _ = course
    guard = Guard()
    old_phone = browser.new_context(accept_downloads=True, service_workers="block")
    new_phone = browser.new_context(service_workers="block")
    for context in (old_phone, new_phone):
        guard.attach(context)
    old, new = old_phone.new_page(), new_phone.new_page()
    old.goto(url + "mo-dau/01-bai-1.html")
    answer_all(old)
    old.goto(url + "tien-do.html")
    with old.expect_download() as download:
        old.get_by_role("button", name="Lưu thành tệp").click()
    assert download.value.suggested_filename == "tien-do-hoc.txt"
    saved = download.value.path()
    new.goto(url + "tien-do.html")
    new.get_by_label("Hoặc chọn tệp tiến độ").set_input_files(saved)
    expect(new.locator("[data-hvs-transfer] [data-hvs-message]")).to_have_text(
        "Đã nhập xong: 1 bài đã học và 0 bài kiểm tra. Tiến độ cũ trên máy này vẫn được giữ.")
    expect(course_bar(new)).to_contain_text("Cả khoá học: 1/2 bài (50%)")
    for context in (old_phone, new_phone):
        context.close()
    assert guard.problems == [], guard.problems



def test_progress_and_module_test_work_from_a_usb_stick(page, course):
    _, _, site = course
    home = (site / "index.html").as_uri()
    page.goto((site / "mo-dau" / "01-bai-1.html").as_uri())
    answer_all(page)
    expect(page.locator(".md-nav__link", has_text="Bài thứ 1").locator(".hvs-tick")).to_have_count(1)
    # The page says the lesson is done, and its button opens the next lesson from the stick too.
    page.locator("[data-hvs-lesson-done]").get_by_role("link", name="Học bài tiếp theo: Bài thứ 2").click()
    expect(page).to_have_url(re.compile(r"^file://.*/mo-dau/02-bai-2\.html$"))
    page.goto(home)
    expect(course_bar(page)).to_contain_text("Cả khoá học: 1/2 bài (50%)")
    page.locator(".hvs-continue").click()
    expect(page).to_have_url(re.compile(r"^file://.*/mo-dau/02-bai-2\.html$"))
    page.goto((site / "mo-dau" / "kiem-tra.html").as_uri())
    answer_all(page, right=False, selector=".hvs-test .hvs-q:not([hidden])")
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator(".hvs-test-result")).to_contain_text("Bạn đúng 0/3 câu (0%).")
    expect(page.locator(".hvs-test .hvs-q:not([hidden]) .hvs-answer-note")).to_have_count(3)
    page.get_by_role("button", name="Làm bài kiểm tra mới").click()
    answer_all(page, selector=".hvs-test .hvs-q:not([hidden])")
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator(".hvs-test-result")).to_contain_text("Bạn đúng 3/3 câu (100%).")
    page.goto((site / "tien-do.html").as_uri())
    expect(page.locator("[data-hvs-code]")).to_have_value(re.compile(r"^HVS2\.[0-9A-Z]"))
    expect(course_bar(page)).to_contain_text("Cả khoá học")
    expect(page.get_by_role("link", name="Xem tiến độ và chuyển sang máy khác")).to_have_count(0)


# localStorage full: each write to it throws, as a phone's browser does once its quota is used
# up (sessionStorage has a quota of its own and still works).
STORAGE_FULL = """(() => {
  const write = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (this === window.localStorage) throw new DOMException("full", "QuotaExceededError");
    return write.call(this, key, value);
  };
})();"""
NOT_SAVED = "Máy này đang không lưu được tiến độ học. Bạn vẫn học tiếp được, nhưng khi đóng trang, kết quả sẽ mất."


def test_with_storage_full_a_passed_lesson_counts_for_the_rest_of_the_visit_and_the_learner_is_told_once(quiet_page, course):
    url, _, _ = course
    page = quiet_page
    page.goto(url + "mo-dau/01-bai-1.html")
    first, second = page.locator('.hvs-q[data-q="cau-a"]'), page.locator('.hvs-q[data-q="cau-b"]')
    first.locator(".hvs-opt").nth(0).click()
    first.get_by_role("button", name="Kiểm tra").click()
    second.locator(".hvs-opt").nth(1).click()
    second.get_by_role("button", name="Kiểm tra").click()  # wrong: saved on the device as such
    expect(second.get_by_role("status")).to_contain_text("Chưa đúng")
    said = page.locator(".hvs-storage-live[role=status]")  # a live region, there before the words
    expect(said).to_have_text("")  # every write has worked so far
    expect(page.locator(".hvs-storage-note")).to_have_count(0)

    page.context.add_init_script(STORAGE_FULL)  # the visit's next pages too
    page.evaluate(STORAGE_FULL)
    second.get_by_role("button", name="Làm lại").click()  # the first write that fails
    expect(said).to_have_text(NOT_SAVED)
    # Also seen where the learner is: right after the quiz they are answering.
    expect(page.locator(".hvs-quiz + .hvs-storage-note")).to_have_text(NOT_SAVED)
    second.locator(".hvs-opt").nth(0).click()
    second.get_by_role("button", name="Kiểm tra").click()
    expect(second.get_by_role("status")).to_contain_text("Đúng rồi!")
    # Storage still holds the wrong answer; what the learner just did wins: the lesson is done.
    tick = page.locator(".md-nav__link", has_text="Bài thứ 1").locator(".hvs-tick")
    expect(tick).to_have_count(1)
    assert page.evaluate("localStorage.getItem('hocvuso:progress')") is None
    expect(page.locator(".hvs-storage-note")).to_have_count(1)  # once, not at every answer

    # The rest of the visit: the next pages count the lesson too, and do not tell again.
    page.goto(url)
    expect(course_bar(page)).to_contain_text("Cả khoá học: 1/2 bài (50%)")
    expect(page.locator(".hvs-continue")).to_have_text("Tiếp tục học: Bài thứ 2")
    expect(said).to_have_text("")
    expect(page.locator(".hvs-storage-note")).to_have_count(0)
    page.goto(url + "mo-dau/01-bai-1.html")
    expect(tick).to_have_count(1)
    expect(second.get_by_role("status")).to_contain_text("Đúng rồi!")
