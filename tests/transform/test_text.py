"""clean_text and collapse take shortcuts for plain text; they must give exactly what the
plain definitions give, on any text."""

from __future__ import annotations

import random

from imr_etl.transform.text import _repair, clean_text, collapse

# Characters that exercise every branch: plain and other whitespace (ASCII and Unicode),
# other control characters, line ends, a byte-order mark, mojibake and curly quotes, and
# ordinary letters.
ALPHABET = ["a", "b", "7", ".", " ", " ", " ", "\n", "\n", "\r", "\r\n", "\t", "\x0b", "\x0c",
            "\x1c", "\x1f", "\x00", "\x7f", "\xa0", "\u2009", "\u3000", "\u2019", "â€™",
            "\ufeff", "\u2013"]


def reference_clean_text(text: str) -> str:
    """clean_text by its definition: repaired lines, each whitespace-collapsed, no blanks."""
    text = (text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
            .replace("\t", " ").replace("\f", "\n").replace("\v", "\n"))
    lines = [_repair(line) for line in text.split("\n")]
    return "\n".join(" ".join(line.split()) for line in lines if line and not line.isspace())


def random_texts(count: int, seed: int) -> list[str]:
    generator = random.Random(seed)
    return ["".join(generator.choices(ALPHABET, k=generator.randint(0, 40)))
            for _ in range(count)]


def test_clean_text_is_its_definition() -> None:
    for text in random_texts(5000, seed=11):
        assert clean_text(text) == reference_clean_text(text), repr(text)


def test_collapse_is_its_definition() -> None:
    for text in random_texts(5000, seed=12):
        assert collapse(text) == " ".join(text.split()), repr(text)


def test_long_runs_of_spaces_collapse() -> None:
    assert collapse("a" + " " * 1000 + "b") == "a b"
    assert clean_text(" " * 999 + "a" + " " * 77 + "\n" + " " * 5 + "\nb ") == "a\nb"
