"""Anonymous sources in a real store: one per document, role and affiliation, gone with their document."""

from __future__ import annotations

import pytest

from kg.build.pipeline import build
from kg.store.opening import open_store

pytestmark = pytest.mark.slow  # builds end to end

SOURCES = """SELECT ?role ?affiliation WHERE {
  ?s a kg:AnonymousSource ; kg:sourceRole ?role .
  OPTIONAL { ?s kg:affiliation/rdfs:label ?affiliation }
}"""


def test_what_unnamed_officials_said_and_a_changed_file_leaves_none_behind(tmp_path):
    store = open_store(tmp_path / "store")
    article = tmp_path / "port.txt"
    article.write_text(
        "Port closed\n\nA senior Kenyan official said the port would close. The official said the ships had "
        "left. Sources close to the inquiry said the captain was arrested.\n"
    )
    build([str(article)], store)
    assert sorted((str(r), str(a) if a else None) for r, a in store.select(SOURCES)) == [
        ("official", "Kenya"),
        ("source", None),
    ]
    said = store.select(
        "SELECT ?said WHERE { ?f kg:subject/kg:sourceRole 'official' ; kg:content ?said } ORDER BY ?said"
    )
    assert [str(s) for (s,) in said] == ["the port would close", "the ships had left"]
    article.write_text("Port closed\n\nOfficials in Oslo said the port would close.\n")
    build([str(article)], store)
    assert sorted((str(r), str(a)) for r, a in store.select(SOURCES)) == [("official", "Oslo")]
    store.close()
