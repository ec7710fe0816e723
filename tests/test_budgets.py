"""Size budgets (bytes, gzip): learners pay for every megabyte. Speed lives in `make bench`."""

import gzip

from conftest import ROOT
from hocvuso.checking import check_page
from hocvuso.render import render_quiz

QUIZ_ASSETS_GZIP_BUDGET = 15 * 1000  # 1 KB = 1000 bytes, as in `make bench`
QUIZ_MARKUP_GZIP_BUDGET = 2 * 1000


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def test_quiz_script_and_style_together_fit_the_budget(site):
    assets = site / "assets" / "hocvuso"
    size = gzipped((assets / "hocvuso.js").read_bytes() + (assets / "hocvuso.css").read_bytes())
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
    assert page.count('src="../assets/hocvuso/hocvuso.js"') == 1
    assert page.count('href="../assets/hocvuso/hocvuso.css"') == 1
    assert "hvsKey" not in page and ".hvs-opt{" not in page and ".hvs-opt {" not in page
