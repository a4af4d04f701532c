"""Cleaning scraped articles: boilerplate out, headline and metadata kept."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.cleaning import clean, normalize

PAGE = """Mayor Opens New Bridge Over the River Ouse

March 3, 2023

Articles by: Jane Walker

The mayor of York opened the new bridge on Friday, two years after work began.

Read also:
Ten Things To Do In York This Spring

Please click the share buttons above or below. Follow us on Twitter.

Engineers said the bridge would carry 4,000 cyclists a day. (Photo by Sam Lee/Getty Images)

Tags
York, bridge, cycling

Posted on March 3, 2023
Source link
Leave a Reply
Your email address will not be published.
Real Time Analytics
Disclaimer: The contents of this article are of sole responsibility of the author(s).
© 2023 York Gazette. All rights reserved.
Published at yorkgazette.example
"""


def test_boilerplate_goes_and_the_story_stays():
    article = clean(PAGE)
    assert article.text.split("\n\n") == [
        "Mayor Opens New Bridge Over the River Ouse",
        "The mayor of York opened the new bridge on Friday, two years after work began.",
        "Engineers said the bridge would carry 4,000 cyclists a day.",
    ]


def test_headline_and_metadata_are_captured_not_parsed():
    article = clean(PAGE)
    assert article.title == "Mayor Opens New Bridge Over the River Ouse"
    assert (article.author, article.publisher, article.date) == ("Jane Walker", "yorkgazette.example", date(2023, 3, 3))
    assert "Ten Things To Do In York" in " ".join(article.dropped)


def test_a_paragraph_that_is_mostly_notices_goes_whole():
    text = (
        "Storm Hits Coast\n\nThe storm hit the coast on Monday.\n\nThis site contains copyrighted material "
        "the use of which has not been authorized. We make it available under fair use. Click here to subscribe."
    )
    assert clean(text).text == "Storm Hits Coast\n\nThe storm hit the coast on Monday."


def test_caption_credits_go_and_captions_stay():
    text = (
        "Harbour Reopens\n\nFILE - Workers repair the pier in Dover. (AP Photo/Kim Ross, File)\n\n"
        "Photo A ferry leaves Calais. Credit Anna Muller for The Daily Planet"
    )
    assert clean(text).text.split("\n\n")[1:] == ["Workers repair the pier in Dover.", "A ferry leaves Calais."]


def test_a_repeated_paragraph_is_kept_once():
    text = "Rail Strike Ends\n\nThe strike ended on Monday.\n\nThe strike ended on Monday.\n\nTrains ran again."
    assert clean(text).text.count("The strike ended") == 1


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_is_idempotent_on_its_own_output(raw):
    once = clean(raw)
    twice = clean(once.text)
    assert twice.text == once.text


def test_normalize_removes_control_characters_and_keeps_lines():
    assert normalize("a\u0000b\r\n  c\u00a0 d") == "a b\nc d"


def test_the_site_name_leaves_the_headline_but_the_title_stays_as_published():
    article = clean("Floods close schools - Example Daily News\n\nHeavy rain closed 40 schools on Monday.")
    assert article.title == "Floods close schools - Example Daily News"
    assert article.text.split("\n\n")[0] == "Floods close schools"
    assert article.publisher == "Example Daily News"  # no line names the publisher: the title's site does


def test_datelines_are_not_part_of_the_story():
    text = (
        "Port Strike\n\nLISBON, Portugal, May 3 (Wire) -- Dock workers walked out on Tuesday.\n\n"
        "MADRID - Spanish ports were calm.\n\nHarbour Day Lisbon LISBON, PORTUGAL - MAY 3: Workers march."
    )
    article = clean(text)
    assert article.dateline == "Lisbon, Portugal"
    assert article.text.split("\n\n")[1:] == [
        "Lisbon, Portugal.",  # the place stays a name of the document, never the subject of its first sentence
        "Dock workers walked out on Tuesday.",
        "Spanish ports were calm.",
        "Workers march.",
    ]


def test_the_title_is_the_first_line_that_is_not_site_navigation():
    article = clean("Skip to content\nHome\n\nBridge Opens in York\n\nPublished: 2023-03-04\n\nThe mayor opened it.")
    assert (article.title, article.date) == ("Bridge Opens in York", date(2023, 3, 4))
    assert article.text == "Bridge Opens in York\n\nThe mayor opened it."


def test_wire_credits_are_contributors_not_text():
    text = (
        "Bridge Collapse\n\nA bridge fell into the river on Monday. (Reporting by Lena Moss; Editing by Ori Dahan)\n\n"
        "Nobody was hurt.\n\n(Additional reporting by Tomas Varga in Szeged; Writing by Ines Roca)"
    )
    article = clean(text)
    assert article.text.split("\n\n")[1:] == ["A bridge fell into the river on Monday.", "Nobody was hurt."]
    assert article.contributors == ("Lena Moss", "Ori Dahan", "Tomas Varga", "Ines Roca")


def test_a_sentence_about_reporting_stays():
    text = "Press Freedom\n\nThe prize honours reporting by local journalists in Mexico, the jury said."
    article = clean(text)
    assert "reporting by local journalists" in article.text and article.contributors == ()


def test_widgets_notes_and_reader_instructions_go():
    text = (
        "Floods in the Valley\n\nScroll down for video\n\n15 shares\n\n[Editor's note: this story was updated.]\n\n"
        "Rivers burst their banks on Sunday.\n\nFollow ValleyDesk on Twitter\n\nTwitter: @valley_desk\n\n"
        "The mayor said [the council] would pay for repairs."
    )
    assert clean(text).text.split("\n\n")[1:] == [
        "Rivers burst their banks on Sunday.",
        "The mayor said [the council] would pay for repairs.",
    ]


def test_photo_captions_keep_their_words_and_lose_their_credits():
    text = (
        "Queen Opens Museum\n\nImage copyright Wirephoto Image caption The queen toured the new wing\n\n"
        "The museum opened on Friday. Image: Pia Lund"
    )
    assert clean(text).text.split("\n\n")[1:] == ["The queen toured the new wing.", "The museum opened on Friday."]


def test_datelines_in_any_case_and_lines_that_only_look_like_them():
    article = clean("Rain Delays Vote\n\nBuenos Aires: Heavy rain delayed the vote on Sunday.")
    assert (article.dateline, article.text.split("\n\n")[1]) == ("Buenos Aires", "Buenos Aires.")
    article = clean("Talks Resume\n\nMILAN, Italy (AP) - Talks resumed on Monday.")
    assert article.dateline == "Milan, Italy" and article.text.endswith("Talks resumed on Monday.")
    for line in ("He added: Nobody expected it.", "Question one: Why now?", "STATE: New Jersey"):
        article = clean("A Headline\n\n" + line)
        assert article.dateline is None and article.text.endswith(line)


def test_bylines_with_a_desk_or_a_paper_name_the_author():
    article = clean("Ports Reopen\n\nBy MARTA J. OLSEN Wire Service Writer\n\nThe ports reopened on Monday.")
    assert article.author == "Marta J. Olsen" and article.text.endswith("The ports reopened on Monday.")
    assert clean("Ports Reopen\n\nBy Ines Roca for the Evening Star\n\nThey reopened.").author == "Ines Roca"
    article = clean("Storm Passes\n\nBy Friday morning Otto was heading out to sea.\n\nBy contrast, rain fell.")
    assert article.author is None and "By Friday morning Otto" in article.text


def test_teasers_sign_ups_and_links_to_more_go():
    text = (
        "Evening Briefing\n\n(Want this briefing by email? Here's the sign-up.)\n\nThe markets rose.\n\n"
        "Full Example.com coverage: Election Day\n\nFor more, click on the video above.\n\n"
        "More from Ines Roca for the Evening Star..."
    )
    assert clean(text).text.split("\n\n")[1:] == ["The markets rose."]
    assert clean("Retail\n\nExample.com shares rose 5% on Monday.").text.endswith(
        "Example.com shares rose 5% on Monday."
    )
