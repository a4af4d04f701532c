"""What `kg extract FILE` prints about one article."""

from __future__ import annotations

from kg.extract.summary import describe_extraction

TEXT = (
    "Talks in Nairobi\n\nPublished: January 19, 2022\n\n"
    "Kenya's foreign minister Raychelle Omamo will meet Joe Biden in Nairobi on Friday. "
    'Uganda did not attack Kenya. "We agree," Omamo said.'
)


def test_entities_roles_facts_and_statements_are_listed(read):
    lines = describe_extraction(read(TEXT).extraction).splitlines()
    assert lines[:3] == [
        "test.txt: 'Talks in Nairobi'",
        "  on 2022-01-19",
        "  4 sentences, 26 words, 1 boilerplate lines dropped",
    ]
    assert "  Raychelle Omamo: foreign minister of Kenya" in lines
    meeting = "  Raychelle Omamo --meets--> Joe Biden  (asserted, future; in Nairobi at 'Friday' = 2022-01-21;"
    assert [line for line in lines if line.startswith(meeting)] == [meeting + " confidence 0.7)"]
    assert "  Uganda --attacks--> Kenya  (NOT asserted, past; confidence 0.8)" in lines
    assert lines[-2:] == ["Statements:", "  Raychelle Omamo (say): We agree"]
