"""The text given to the parser: a Title-Cased headline in sentence case, offsets unchanged."""

from __future__ import annotations

from kg.ingest.cleaning import Article
from kg.nlp.headline import headline_length, parse_text

BODY = "Norway warns Sweden that the talks on fishing rights have stalled. Oslo wants quotas set by March."


def article(head: str, body: str = BODY, title: str | None = None) -> Article:
    return Article(title=head if title is None else title, text=f"{head}\n\n{body}")


def test_a_title_cased_headline_is_put_in_sentence_case():
    a = article("Norway Warns Sweden Over Stalled Fishing Talks")
    text = parse_text(a)
    assert text == f"Norway warns Sweden over stalled fishing talks\n\n{BODY}"
    assert len(text) == len(a.text)  # every offset of the parse is an offset of the article


def test_a_word_keeps_its_capital_unless_the_body_writes_it_in_lower_case():
    a = article("Oslo Rejects Quota Plan From NATO Allies")  # 'rejects' and 'plan' are not in the body
    assert parse_text(a).partition("\n\n")[0] == "Oslo Rejects quota Plan from NATO Allies"


def test_a_stem_the_body_writes_in_lower_case_is_enough():
    a = article("Norway Stalls Talks On Quotas Again")  # the body has 'stalled' and 'quotas'
    assert parse_text(a).partition("\n\n")[0] == "Norway stalls talks on quotas Again"


def test_headline_length_is_the_title_at_the_top():
    assert headline_length(article("Norway Warns Sweden Over Fishing")) == len("Norway Warns Sweden Over Fishing")
    assert headline_length(article("Norway warned Sweden on Monday.")) == 0  # a sentence of the body
    assert headline_length(article("Fishing Talks Stall", title="Another Title")) == 0
    assert headline_length(Article(title="Fishing Talks Stall", text="Fishing Talks Stall")) == 0  # no body


def test_a_headline_that_is_not_title_cased_is_left_alone():
    for head in ("Norway warns Sweden over stalled fishing talks", "Talks Stall", "Norway warned Sweden."):
        a = article(head)
        assert parse_text(a) == a.text
