"""Size budgets (bytes, gzip): learners pay for every megabyte. Speed lives in `make bench`."""

from conftest import ROOT
from hocvuso.publish import assets
from hocvuso.check.page_checks import check_page
from hocvuso.quiz.render import render_quiz
from page_weight import FIRST_VISIT_GZIP_BUDGET, FURTHER_PAGE_GZIP_BUDGET, gzipped, gzipped6, page_loads

QUIZ_ASSETS_GZIP_BUDGET = 15 * 1000  # 1 KB = 1000 bytes, as in `make bench`
QUIZ_MARKUP_GZIP_BUDGET = 2 * 1000


def test_quiz_script_and_style_together_fit_the_budget(site):
    # The quiz scripts (typed answers, the widget, module tests) and the core they use, as minified into the bundle.
    script = "".join(assets.minified_js(assets.source(name)) for name in ("core.js", "typed-answers.js", "quiz.js", "module-test.js"))
    size = gzipped(script.encode() + (site / "assets" / "hocvuso" / "hocvuso.css").read_bytes())
    assert size <= QUIZ_ASSETS_GZIP_BUDGET, size


def test_each_real_quiz_markup_fits_the_budget():
    sizes = {}
    for path in sorted((ROOT / "content").rglob("*.md")):
        for checked in check_page(str(path), path.read_text(encoding="utf-8")).quizzes:
            sizes[checked.quiz.id] = gzipped(render_quiz(checked.quiz).encode())
    assert len(sizes) >= 4
    assert max(sizes.values()) <= QUIZ_MARKUP_GZIP_BUDGET, sizes


def test_scripts_and_styles_are_files_loaded_once_not_inlined(site):
    page = (site / "phong-chong-lua-dao" / "01-cuoc-goi-lua-dao.html").read_text(encoding="utf-8")
    assert page.count('src="../assets/hocvuso/bundle.js" defer') == 1  # our scripts, joined (hocvuso/publish/assets.py)
    assert 'src="../assets/hocvuso/quiz.js"' not in page
    assert page.count('href="../assets/hocvuso/hocvuso.css"') == 1
    assert "hvsKey" not in page and ".hvs-opt{" not in page and ".hvs-opt {" not in page


# The page budgets (first visit, further lesson) and how they were set: tests/page_weight.py,
# shared with tests/pages/test_qr.py.
def test_first_visit_and_further_lessons_fit_the_data_budget(site):
    lessons = sorted(p for p in site.glob("*/0*.html"))
    assert len(lessons) >= 28
    first_visit, further = {}, {}
    for lesson in lessons:
        html, loads = page_loads(site, lesson)
        assets = sum(gzipped6((site / path).read_bytes()) for path in loads["asset"])
        fonts = sum(gzipped6(p.read_bytes()) for p in site.rglob("*") if p.suffix in (".woff", ".woff2", ".ttf"))
        page = gzipped6(html.encode()) + sum(gzipped6((site / path).read_bytes()) for path in loads["image"])
        first_visit[lesson.name] = page + assets + fonts
        further[lesson.name] = page
    assert max(first_visit.values()) <= FIRST_VISIT_GZIP_BUDGET, sorted(first_visit.items(), key=lambda kv: -kv[1])[:3]
    assert max(further.values()) <= FURTHER_PAGE_GZIP_BUDGET, sorted(further.items(), key=lambda kv: -kv[1])[:3]


def test_no_source_maps_or_unused_lunr_language_files(site):
    shipped = [p.relative_to(site).as_posix() for p in site.rglob("*")]
    assert not [p for p in shipped if p.endswith(".map")]
    assert not [p for p in shipped if p.startswith("assets/javascripts/lunr/") or "workers/search" in p]
    # Nor lunr.js itself: search.js scores as it does, from the shards' weights.
    assert not [p for p in shipped if "lunr" in p.rsplit("/", 1)[-1]]
