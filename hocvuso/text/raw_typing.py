"""Queries typed without a Vietnamese keyboard: raw Telex ("luwaf ddaor") and VNI ("lu72a d9a3o").

This is the specification. hocvuso/theme/assets/hocvuso/query-expansion.js implements the same
steps, and tests/typing_vectors.json holds the cases both must agree on.

A query word is decoded only when it is not itself a possible Vietnamese syllable typed without
accents: "hoa", "lua", "dao", "cong" keep their meaning (search folds them already). Whether a
word is a syllable is decided by its structure, an onset (b, ch, gh, ngh, qu, ...) followed by a
rhyme (oa, uyên, ương, ...), never by the index's vocabulary: the index may not all be in memory.

Telex: aa ee oo -> â ê ô; aw ow uw -> ă ơ ư, uow -> ươ, w alone after a consonant -> ư (a word
never starts with w: "wi", "web"), a w after the final consonant marks the vowel before it;
dd -> đ; one tone key after the first vowel: s sắc, f huyền, r hỏi, x ngã, j nặng, z none (never
alone: "quiz"). VNI: digits after the letters they mark: 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng,
6 â ê ô, 7 ơ ư (uo7 -> ươ), 8 ă, 9 đ.
The decoded word is kept only when it is a valid accented syllable (and a rhyme ending in c, ch,
p, t has sắc or nặng); otherwise the word stays as typed: "online", "app", "zalo", "vneid".
The tone goes on the main vowel, the course's spelling style: "hoà", "thuỷ".
"""

from __future__ import annotations

import unicodedata

from .keys import folded_key, syllables

ONSETS = ("", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
          "ph", "qu", "r", "s", "t", "th", "tr", "v", "x")
# Rhymes without a final consonant, then each vowel group with the finals it takes.
_OPEN_RHYMES = ("a e ê i o ô ơ u ư y ai ao au âu ay ây eo êu ia iu oa oe oi ôi ơi ua uê ui uơ uy ưa ưi ưu "
                "iêu yêu oai oay oao oeo uây uôi uya uyu ươi ươu").split()
_FINALS = {
    "a": "c ch m n ng nh p t", "ă": "c m n ng p t", "â": "c m n ng p t", "e": "c m n ng p t",
    "ê": "ch m n nh p t", "i": "ch m n nh p t", "o": "c m n ng p t", "ô": "c m n ng p t", "ơ": "m n p t",
    "u": "c m n ng p t", "ư": "c m n ng t", "iê": "c m n ng p t", "yê": "m n ng t", "uô": "c m n ng t",
    "ươ": "c m n ng p t", "oa": "c ch m n ng nh p t", "oă": "c m n ng t", "oe": "m n t", "uâ": "n ng t",
    "uê": "ch nh", "uy": "ch n nh p t", "uyê": "n t", "oo": "c ng",
}
RHYMES = frozenset(_OPEN_RHYMES + [vowels + final for vowels, finals in _FINALS.items() for final in finals.split()])
PLAIN_ONSETS = frozenset(folded_key(onset) for onset in ONSETS)
# "oong", "ooc" (boong, xoong) are left out: typed raw, "coong" is Telex for "công" far more often.
PLAIN_RHYMES = frozenset(folded_key(rhyme) for rhyme in RHYMES if not rhyme.startswith("oo"))
_STOPS = ("c", "ch", "p", "t")  # a rhyme ending in one of these takes only sắc or nặng
_VOWELS = "aăâeêioôơuưy"
_MARKED = "ăâêôơư"
TONE_MARKS = {1: "\u0301", 2: "\u0300", 3: "\u0309", 4: "\u0303", 5: "\u0323"}
_TELEX_TONES = {"s": 1, "f": 2, "r": 3, "x": 4, "j": 5, "z": 0}
_CIRCUMFLEX = {"a": "â", "e": "ê", "o": "ô"}
_HORN = {"a": "ă", "o": "ơ", "u": "ư"}  # what Telex's w does after each vowel
_ASCII_WORD = set("abcdefghijklmnopqrstuvwxyz0123456789")


def _split(word: str, onsets, rhymes) -> tuple[str, str] | None:
    """(onset, rhyme) with the longest onset that leaves a rhyme: "gia" is gi + a, "gìn" g + in."""
    for length in (3, 2, 1, 0):
        if length <= len(word) and word[:length] in onsets and word[length:] in rhymes:
            return word[:length], word[length:]
    return None


def is_plain_syllable(word: str) -> bool:
    """Whether `word` (lower case) can be a Vietnamese syllable typed without accents: "hoa", "nguyen"."""
    return _split(word, PLAIN_ONSETS, PLAIN_RHYMES) is not None


def decode_word(word: str) -> str:
    """One syllable as `search_keys.syllables` gives it, decoded from Telex or VNI when it is neither a
    plain syllable nor anything but a valid syllable once decoded; otherwise as it is."""
    if not word or not set(word) <= _ASCII_WORD or word.isdigit() or is_plain_syllable(word):
        return word
    decoded = _vni(word) if any(char.isdigit() for char in word) else _telex(word)
    return decoded or word


def decode(query: str) -> str:
    """The query's syllables, each decoded, joined by spaces; a trailing space stays (the last word is whole)."""
    words = [decode_word(word) for word in syllables(query)]
    return " ".join(words) + (" " if query[-1:].isspace() else "")


def _telex(word: str) -> str | None:
    first = next((at for at, char in enumerate(word) if char in "aeiouyw"), None)
    if first is None:
        return None
    tone, letters = None, []
    for at, char in enumerate(word):
        if at > first and char in _TELEX_TONES:
            if tone is not None:
                return None
            tone = _TELEX_TONES[char]
        else:
            letters.append(char)
    text = "".join(letters)
    if text.startswith("dd"):
        text = "đ" + text[2:]
    out = ""
    for char in text:
        last = out[-1:]
        if char == "w":
            if last and last in _HORN:
                out = out[:-1] + _HORN[last]
                if last == "o" and out[-2:-1] == "u":
                    out = out[:-2] + "ươ"
            elif any(letter in _VOWELS for letter in out):
                out = _horn_on_vowels(out)  # a w typed after the final consonant
                if out is None:
                    return None
            elif out:
                out += "ư"  # w alone after a consonant is the vowel ư: "nhw" -> "như"
            else:
                return None  # a word starting with w is English ("wi" of Wi-Fi, "web"), not "ư"
        elif char in _CIRCUMFLEX and last == char:
            out = out[:-1] + _CIRCUMFLEX[char]
        else:
            out += char
    # z only takes a tone away: alone, it changes nothing ("quiz", not "qui").
    return _finish(out, tone, word.replace("z", "") if tone == 0 else word)


def _horn_on_vowels(out: str) -> str | None:
    """The mark of a late w, on the last group of vowels: uo -> ươ, else its last a, o or u."""
    end = max(at for at, char in enumerate(out) if char in _VOWELS) + 1
    start = end
    while start > 0 and out[start - 1] in _VOWELS:
        start -= 1
    group = out[start:end]
    if "uo" in group:
        group = group.replace("uo", "ươ", 1)
    else:
        at = max((at for at, char in enumerate(group) if char in _HORN), default=None)
        if at is None:
            return None
        group = group[:at] + _HORN[group[at]] + group[at + 1 :]
    return out[:start] + group + out[end:]


def _vni(word: str) -> str | None:
    tone, out = None, ""
    for char in word:
        if not char.isdigit():
            out += char
            continue
        digit = int(char)
        if 1 <= digit <= 5:
            if tone is not None or not any(letter in _VOWELS for letter in out):
                return None
            tone = digit
        elif digit in (6, 7, 8):
            targets = {6: "aeo", 7: "ou", 8: "a"}[digit]
            at = max((at for at, letter in enumerate(out) if letter in targets), default=None)
            if at is None:
                return None
            marked = _CIRCUMFLEX[out[at]] if digit == 6 else _HORN[out[at]]
            if digit == 7 and out[at] == "o" and out[at - 1 : at] == "u":
                out = out[: at - 1] + "ươ" + out[at + 1 :]
            else:
                out = out[:at] + marked + out[at + 1 :]
        elif digit == 9 and out.startswith("d"):
            out = "đ" + out[1:]
        else:
            return None
    return _finish(out, tone, word)


def _finish(letters: str, tone: int | None, typed: str) -> str | None:
    """The syllable with its tone on the main vowel, or None when it is not a valid one."""
    if letters == typed or not letters:
        return None
    # ư and o, or u and ơ, typed apart: the pair ươ (open only in "thuở", "huơ": uơ).
    letters = letters.replace("ưo", "ươ")
    if "uơ" in letters and not letters.endswith("uơ"):
        letters = letters.replace("uơ", "ươ")
    if letters.endswith("ươ"):
        letters = letters[:-2] + "uơ"
    split = _split(letters, ONSETS, RHYMES)
    if split is None:
        return None
    onset, rhyme = split
    if not tone:
        return letters
    if rhyme.endswith(_STOPS) and tone not in (1, 5):
        return None
    at = len(onset) + _main_vowel(rhyme)
    return unicodedata.normalize("NFC", letters[: at + 1] + TONE_MARKS[tone] + letters[at + 1 :])


def _main_vowel(rhyme: str) -> int:
    """Where the tone mark goes in a rhyme (new style: hoà, khoẻ, thuỷ; người, khuya, ngoài)."""
    vowels = len(rhyme) - len(rhyme.lstrip(_VOWELS))
    marked = [at for at in range(vowels) if rhyme[at] in _MARKED]
    if marked:
        return marked[-1]
    if vowels < len(rhyme) or vowels == 1:  # a final consonant: the last vowel; a single vowel: itself
        return vowels - 1
    if vowels == 3 or rhyme in ("oa", "oe", "uy"):
        return 1
    return 0

