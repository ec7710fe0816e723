"""The benchmark's synthetic prose (tests/bench_prose.py): seeded, made of the course's words, growing."""

from __future__ import annotations

import random

from bench_prose import SyntheticProse, build_vocabulary, sentences_of

TEXTS = [
    "---\ntitle: Nhận biết lừa đảo\nsources: [vneid]\n---\n# Nhận biết lừa đảo\n\n"
    "Kẻ gian gọi điện giả làm công an. Bạn đừng đọc [mã OTP](../tu-dien.md#ma-otp) cho ai.\n"
    "Bạn hãy gọi {{ fact:tong-dai }} khi cần. Dịch vụ công trực tuyến giúp bạn làm thủ tục tại nhà.\n",
    "- term: mã OTP\n  definition: Dãy số ngân hàng gửi để bạn tự xác nhận giao dịch của mình.\n",
]


def test_markup_is_not_prose():
    words = {word for sentence in sentences_of(TEXTS) for word in sentence}
    assert {"lừa", "đảo", "otp", "dịch", "vụ", "công"} <= words
    assert not words & {"title", "sources", "md", "tu", "dien", "ma", "fact", "tong", "dai", "term", "definition"}


def test_same_seed_same_prose_and_only_course_like_words():
    vocabulary = build_vocabulary(TEXTS, size=300)
    first = SyntheticProse(vocabulary).paragraph(random.Random(7), 5)
    assert first == SyntheticProse(build_vocabulary(TEXTS, size=300)).paragraph(random.Random(7), 5)
    assert first != SyntheticProse(vocabulary).paragraph(random.Random(8), 5)
    assert len(first.split(".")) == 6 and first[0].isupper()
    assert {word.strip(".,").lower() for word in first.split()} <= set(vocabulary.ranked)


def test_real_words_rank_first_and_made_ones_follow_vietnamese_spelling():
    vocabulary = build_vocabulary(TEXTS, size=300)
    assert vocabulary.ranked[0] == "bạn"  # the most frequent word of the texts
    assert len(vocabulary.ranked) == 300 and len(set(vocabulary.ranked)) == 300
    made = vocabulary.ranked[len({word for sentence in sentences_of(TEXTS) for word in sentence}):]
    soft = "eéèẻẽẹêếềểễệiíìỉĩịy"
    assert made
    for word in made:
        rhyme = word[3:] if word.startswith("ngh") else word[2:] if word.startswith(("gh", "kh")) else word[1:]
        if word.startswith(("gh", "ngh")) or (word.startswith("k") and not word.startswith("kh")):
            assert rhyme[:1] in soft, word  # "ghe", "nghi", "kê"; never "gha", "ka"


def test_more_lessons_meet_more_words():
    prose, rng = SyntheticProse(build_vocabulary(TEXTS, size=2000)), random.Random(1)
    small = set(prose.words(rng, 2_000))
    large = small | set(prose.words(rng, 20_000))
    assert len(small) < len(large) <= 2000
