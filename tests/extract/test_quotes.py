"""Where the quotations are."""

from __future__ import annotations

from kg.extract.quotes import find_quotes, quote_spans


def test_quote_spans_pair_marks_in_order_and_stop_at_paragraphs():
    text = "“One,” he said. “Two” and ”three“\n\n“Four"
    assert [text[a:b] for a, b in quote_spans(text)] == ["One,", "Two", "three", "Four"]


def test_an_empty_or_one_character_quote_is_none():
    assert quote_spans('He said "" and "a" twice.') == []


def test_the_quotes_of_the_document(state_after):
    text = 'Oslo said: "We agree." Bergen did not.'
    state = state_after(text, find_quotes)
    assert [text[a:b] for a, b in state.quotes] == ["We agree."]
