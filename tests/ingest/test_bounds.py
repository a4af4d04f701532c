"""The work one article costs is bounded: its length is capped, and no sentence reaches the parser over-long."""

from __future__ import annotations

import pytest

from kg.ingest.bounds import MAX_SENTENCE_CHARS, max_article_chars, split_long_sentences, too_long
from kg.ingest.cleaning import clean_source
from kg.ingest.sources import Source

WORDS = "river stone council market budget winter harbour teacher station garden".split()


def _unpunctuated(n: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n))


def test_a_run_without_sentence_ends_is_cut_into_lines_and_keeps_its_length():
    text = "Budget talks\n\n" + _unpunctuated(3000) + ". The end came on Friday."
    cut = split_long_sentences(text)
    assert len(cut) == len(text) and cut.replace("\n", " ") == text.replace("\n", " ")
    lines = cut.split("\n")
    assert max(len(line) for line in lines) <= MAX_SENTENCE_CHARS
    assert lines[-1].endswith("The end came on Friday.") and len(lines) > 15


def test_ordinary_sentences_are_left_alone():
    text = "Prices rose. " * 500 + "A quote: “We are ready,” she said! Done?"
    assert split_long_sentences(text) == text


def test_a_word_longer_than_the_limit_stays_whole():
    word = "x" * (MAX_SENTENCE_CHARS + 200)
    text = f"{word} and then some words after it"
    assert split_long_sentences(text) == f"{word}\nand then some words after it"


def test_an_article_over_the_cap_gives_the_reason(monkeypatch):
    assert too_long("short") is None
    monkeypatch.setenv("KG_MAX_ARTICLE_CHARS", "1000")
    assert max_article_chars() == 1000
    reason = too_long("word " * 300)
    assert reason == (
        "too long (1,500 characters; an article is at most 1,000, set by KG_MAX_ARTICLE_CHARS): split it into articles"
    )


@pytest.mark.slow
def test_the_parser_sees_no_sentence_longer_than_the_limit(nlp):
    source = Source("long.txt", "Budget talks\n\n" + _unpunctuated(4000) + "\n", "0" * 64)
    article = clean_source(source)
    doc = nlp(article.text)
    assert max(len(s.text.strip()) for s in doc.sents) <= MAX_SENTENCE_CHARS
    assert len(list(doc.sents)) >= 25
