import unicodedata

import pytest

from hocvuso.text.keys import folded_key
from hocvuso.text.normalise import nfc, non_nfc_spots, slugify


@pytest.mark.parametrize(
    "heading, slug",
    [
        ("Định nghĩa", "dinh-nghia"),
        ("Đăng ký tài khoản định danh điện tử", "dang-ky-tai-khoan-dinh-danh-dien-tu"),
        ("Mã OTP là gì?", "ma-otp-la-gi"),
        ("Bước 1: Mở ứng dụng VNeID", "buoc-1-mo-ung-dung-vneid"),
        ("Hòa và hoà", "hoa-va-hoa"),
    ],
)
def test_slugify_keeps_vietnamese_readable(heading, slug):
    assert slugify(heading, "-") == slug


def test_slugify_of_decomposed_text_equals_composed():
    assert slugify(unicodedata.normalize("NFD", "Định danh điện tử")) == "dinh-danh-dien-tu"


def test_fold_maps_d_with_stroke():
    assert folded_key("Đồng đội") == "Dong doi"


def test_one_fold_for_slugs_the_glossary_and_search_keys():
    """normalise.fold and keys.folded_key were one idea twice (issue #25): one function now, and a
    capital Đ folds as its small letter does, whichever caller gives it."""
    from hocvuso.text import normalise

    assert not hasattr(normalise, "fold")
    for word in ("Đồng", "ĐỒNG", "đồng", "Định danh", "Ưu đãi", "hoà"):
        assert folded_key(word).lower() == folded_key(word.lower()), word
        assert slugify(word) == folded_key(word.lower()).replace(" ", "-"), word


def test_non_nfc_spots_name_line_column_and_word():
    text = "Dòng đầu đúng.\nChữ " + unicodedata.normalize("NFD", "hòa") + " sai.\n"
    [spot] = non_nfc_spots(text)
    assert (spot.line, spot.column, spot.snippet) == (2, 6, "hòa")
    assert nfc(text) == "Dòng đầu đúng.\nChữ hòa sai.\n"


def test_nfc_text_has_no_spots():
    assert non_nfc_spots("Bình dân học vụ số") == []
