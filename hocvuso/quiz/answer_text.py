"""How a typed answer (a `type: fillin` question) is compared with the accepted answers.

This is the specification. hocvuso/theme/assets/hocvuso/typed-answers.js implements the same steps, and
tests/answer_vectors.json holds the cases both must agree on (run by the Python tests and by a
browser test).

1. normalise: NFC; no-break and zero-width spaces become spaces, zero-width joiners go; lower-case;
   spaces trimmed and collapsed; punctuation and quotes around the answer stripped.
2. match "text": the answers' syllables are compared by tone key (search_keys.tone_key), so
   either tone placement ("hoà", "hòa") and NFD input are equal. When only the folded keys
   (no marks at all) are equal, the answer is "almost": right but for the accents.
3. match "number": spaces, dots and hyphens are ignored ("1800 8108" = "1800.8108").
4. match "web": the scheme, "www." and a trailing "/" are ignored ("https://www.a.vn/" = "a.vn").
"""

from __future__ import annotations

import re
import unicodedata

from hocvuso.text.keys import folded_key, syllables, tone_key

TEXT, NUMBER, WEB = "text", "number", "web"
MATCHES = (TEXT, NUMBER, WEB)

RIGHT, ALMOST, WRONG = "right", "almost", "wrong"

# A zero-width space pasted between words still separates them; joiners inside a word go.
_SPACES = re.compile("[\\s\u00a0\u2007\u202f\u200b]+")
_ZERO_WIDTH = re.compile("[\u200c\u200d\u2060\ufeff]")
# Punctuation and quotes a learner may type around an answer (straight, curly and «» quotes).
_AROUND = ".,;:!?…'\"“”‘’«»()[]{}-–—"
_AROUND_RE = re.compile("^[" + re.escape(_AROUND) + " ]+|[" + re.escape(_AROUND) + " ]+$")
_NUMBER_SEPARATORS = re.compile("[ .\\-]")
_SCHEME = re.compile("^[a-z][a-z0-9+.\\-]*://")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text).lower()
    text = _SPACES.sub(" ", text).strip()
    return _AROUND_RE.sub("", text)


def number_key(text: str) -> str:
    return _NUMBER_SEPARATORS.sub("", normalise(text))


def web_key(text: str) -> str:
    text = _SCHEME.sub("", normalise(text))
    text = text[4:] if text.startswith("www.") else text
    return text[:-1] if text.endswith("/") else text


def _keys(text: str) -> tuple[list[str], list[str]]:
    found = syllables(normalise(text))
    return [tone_key(s) for s in found], [folded_key(s) for s in found]


def compare(given: str, accepted: str, match: str = TEXT) -> str:
    """RIGHT, ALMOST (text only: right but for the accents) or WRONG."""
    if match == NUMBER:
        key = number_key(given)
        return RIGHT if key and key == number_key(accepted) else WRONG
    if match == WEB:
        key = web_key(given)
        return RIGHT if key and key == web_key(accepted) else WRONG
    given_tones, given_folded = _keys(given)
    accepted_tones, accepted_folded = _keys(accepted)
    if not given_tones:
        # Nothing but signs: compared as written (still normalised).
        return RIGHT if normalise(given) and normalise(given) == normalise(accepted) else WRONG
    if given_tones == accepted_tones:
        return RIGHT
    return ALMOST if given_folded == accepted_folded else WRONG


def check(given: str, answers: list[str], match: str = TEXT) -> tuple[str, str | None]:
    """The best result over every accepted answer, and the answer it matched."""
    almost = None
    for answer in answers:
        result = compare(given, answer, match)
        if result == RIGHT:
            return RIGHT, answer
        if result == ALMOST and almost is None:
            almost = answer
    return (ALMOST, almost) if almost is not None else (WRONG, None)
