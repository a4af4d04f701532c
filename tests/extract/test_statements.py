"""Who said what: reported speech, quotes, 'according to', continued quotes (real model)."""

from __future__ import annotations

from kg.extract.statements import read_statements

from .conftest import names


def test_reported_clause_is_the_content(read):
    p = read("Boris Johnson, Britain's prime minister, said on Monday that the talks had failed.")
    assert ("Boris Johnson", "say", "the talks had failed") in p.statements


def test_quote_before_the_speaker(read):
    p = read('"We will not accept these terms," said Mohammed bin Salman.')
    assert ("Mohammed bin Salman", "say", "We will not accept these terms") in p.statements


def test_according_to_names_the_source(read):
    p = read("According to Reuters, Tesla plans to build a factory in Mexico.")
    _speaker, verb, content = next(s for s in p.statements if s[0] == "Reuters")
    assert verb == "according to" and "Tesla plans to build a factory in Mexico" in content


def test_pronoun_speaker_and_a_quote_continued_in_the_next_sentence(read):
    p = read(
        "Angela Merkel arrived in Paris on Friday. She met Emmanuel Macron at the Elysee Palace. "
        '"The talks were useful," she told reporters. "We agreed on the next steps."'
    )
    assert ("Angela Merkel", "tell", "The talks were useful") in p.statements
    assert ("Angela Merkel", "say", "We agreed on the next steps.") in p.statements


def test_the_first_speaker_keeps_a_quote_the_wire_service_reported(read):
    p = read(
        'Dmitri Ivanov, the mayor, said that "the bridge will reopen in May," Reuters reported. '
        '"We are grateful to the engineers."'
    )
    continued = [s for s in p.statements if s[2].startswith("We are grateful")]
    assert continued and continued[0][0] == "Dmitri Ivanov"


def test_made_it_clear_reports_the_clause(read):
    p = read("Finance Minister Rishi Sunak made it clear on Tuesday that Britain wants lower energy prices.")
    assert ("Rishi Sunak", "make clear", "Britain wants lower energy prices") in p.statements


def test_a_quoted_word_inside_a_clause_does_not_replace_it(read):
    p = read('Helga Berg said that Norway wants "ironclad" guarantees from its allies.')
    assert p.statements == [("Helga Berg", "say", 'Norway wants "ironclad" guarantees from its allies')]


def test_a_quote_in_another_sentence_is_not_attributed(read):
    p = read('The ministry rejected the report. "The numbers are wrong," a spokesman said. Oslo denies it.')
    assert not [s for s in p.statements if s[0] == "Oslo" and "numbers" in (s[2] or "")]


def test_a_parenthetical_reporting_verb_reports_its_host_clause(read):
    p = read("Any delay in the payments, Kenya said, would be unacceptable.")
    assert ("Kenya", "say", "Any delay in the payments would be unacceptable") in p.statements


def test_according_to_leaves_the_rest_of_the_sentence_whole(read):
    p = read("According to Mark Walsh, Ireland and Iceland will sign a fishing deal next week.")
    (statement,) = [s for s in p.statements if s[0] == "Mark Walsh"]
    assert statement[2] == "Ireland and Iceland will sign a fishing deal next week."


def test_the_speaker_of_each_quoted_sentence_is_kept_for_its_pronouns(state_after):
    state = state_after('Ida Berg met Tom Hart. "I trust him," Berg said. Hart left.', read_statements)
    assert {sentence: names(state)[e] for sentence, e in state.speakers.items()} == {1: "Ida Berg"}
    (said,) = state.relations
    assert (names(state)[said.subject.entity], said.predicate, said.content) == ("Ida Berg", "says", "I trust him")


def test_a_long_attribution_does_not_swallow_the_subject_of_what_was_said(read):
    p = read(
        "According to a source close to Mayor Ines Duarte, who was not allowed to speak publicly about the talks, "
        "Duarte and Kim Ross have agreed to meet next week."
    )
    assert p.statements == [
        ("unnamed source (Ines Duarte)", "according to", "Duarte and Kim Ross have agreed to meet next week.")
    ]


def test_an_attribution_at_the_end_keeps_its_own_words_out(read):
    p = read("Kim Ross and Ines Duarte will meet next week, according to officials in Lisbon.")
    assert p.statements == [
        ("unnamed official (Lisbon)", "according to", "Kim Ross and Ines Duarte will meet next week.")
    ]
