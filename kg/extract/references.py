"""Within one document: which local entity a pronoun ("he", "his", "I" in a quote) or a definite description
("the Russian president", "the alliance", "Putin's adviser") stands for.

`References` answers, for any word, the local entity it refers to. `link_entities` starts it with the words
of each name; the roles stage tells it who holds which title; then it resolves in two passes: first outside
quotes (`resolve_references`), then inside them once the statements stage knows who speaks each quote
(`resolve_quoted_references`): there 'I' is the speaker, and 'he' is someone else.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..lexicon.gazetteer import country_of_capital, country_of_demonym, lookup_place
from ..lexicon.names import first_name_gender
from ..nlp.parse import Parse, Word
from ..nlp.sentences import Sentences
from .mentions import Mention

if TYPE_CHECKING:
    from .entities import LocalEntity
    from .state import DocumentState

__all__ = ["References", "resolve_quoted_references", "resolve_references"]


def resolve_references(state: DocumentState) -> None:
    """Pronouns and descriptions outside quotes."""
    state.refs.resolve(quotes=state.quotes)


def resolve_quoted_references(state: DocumentState) -> None:
    """Pronouns inside quotes, now that the speaker of each is known (and what the first pass left)."""
    state.refs.resolve(state.speakers, state.quotes)


_PERSONAL = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_FEMININE = {"she", "her", "hers", "herself"}
_SPEAKER = {"i", "me", "my", "mine", "myself"}
_REFERRING = _PERSONAL | _SPEAKER
_ORG_NOUNS = {
    "alliance",
    "bloc",
    "organization",
    "organisation",
    "group",
    "agency",
    "company",
    "firm",
    "party",
    "union",
    "administration",
    "government",
    "ministry",
    "department",
    "council",
    "committee",
    "court",
    "bank",
    "league",
}
_PLACE_NOUNS = {"country", "nation", "state", "city", "capital", "region", "republic", "kingdom"}


def _quoted_words(words: list[Word], quotes: Sequence[tuple[int, int]]) -> set[int]:
    """The words that start inside a quote (character spans)."""
    if not quotes:
        return set()
    starts = [w.idx for w in words]
    return {i for a, b in quotes for i in range(bisect_left(starts, a), bisect_left(starts, b))}


@dataclass(slots=True)
class References:
    """Token index -> local entity id, for names, pronouns and definite descriptions."""

    parse: Parse
    mentions: list[Mention]
    entity_of: list[int]
    entities: list[LocalEntity]
    roles: dict[int, set[str]] = field(default_factory=dict)  # entity -> lower-cased role heads
    nationality: dict[int, int] = field(default_factory=dict)  # person entity -> country/NORP entity
    role_orgs: dict[int, set[int]] = field(default_factory=dict)  # person entity -> whom their roles serve
    titles: dict[int, set[str]] = field(default_factory=dict)  # person entity -> lower-cased whole titles
    by_token: dict[int, int] = field(default_factory=dict)
    how: dict[int, str] = field(default_factory=dict)  # token -> "name" | "pronoun" | "description"
    genders: dict[int, str] = field(default_factory=dict)  # entity -> gender learnt from given names and pronouns

    def __post_init__(self) -> None:
        for m, e in zip(self.mentions, self.entity_of, strict=True):
            for t in range(m.token_start, m.token_end):
                self.by_token[t] = e
                self.how[t] = "name"

    @property
    def doc(self) -> Doc:
        return self.parse.doc

    @property
    def sentences(self) -> Sentences:
        return self.parse.sentences

    @property
    def text(self) -> str:
        return self.parse.text

    @property
    def tokens(self) -> list[Word]:
        """The document's words, made once."""
        return self.parse.words

    def entity(self, token: Word) -> int | None:
        return self.by_token.get(token.i)

    def add_role(self, person: int, head: str, org: int | None, title: str = "") -> None:
        """A role of a person ('president', of the organization or country `org`; its whole `title`): 'the
        president', 'the Russian president' and "Putin's adviser" may then refer to them."""
        self.roles.setdefault(person, set()).add(head)
        if title:  # with the name of whom it serves: 'Secretary of Homeland Security' is a 'security secretary'
            of = f" {self.entities[org].name}" if org is not None else ""
            self.titles.setdefault(person, set()).add(f"{title}{of}".lower())
        if org is not None:
            self.role_orgs.setdefault(person, set()).add(org)
            if self.entities[org].label in {"NORP", "GPE"}:
                self.nationality.setdefault(person, org)

    def government_of(self, e: int) -> int | None:
        """The country a capital stands for when it acts ('Moscow said', 'talks between Kyiv and Moscow'), if
        the document names that country."""
        entity = self.entities[e]
        country = country_of_capital(entity.name) if entity.label in {"GPE", "ORG"} else None
        if country is None:
            return None
        return next((o.id for o in self.entities if o.label == "GPE" and _country(o) == country), None)

    def token_of(self, entity: int) -> list[int]:
        """Tokens naming an entity."""
        return [t for t, e in self.by_token.items() if e == entity and self.how.get(t) == "name"]

    def resolve(self, speakers: dict[int, int] | None = None, quotes: Sequence[tuple[int, int]] = ()) -> None:
        """Fill in pronouns and descriptions. Without `speakers` (sentence index -> speaker of its quote),
        pronouns inside quotes wait: 'I' is the speaker there, and 'he' is someone else."""
        sent_of = self.sentences.number
        starts = [s.start for s in self.sentences.spans]
        inside = _quoted_words(self.tokens, quotes)
        by_token = self.by_token
        for token in self.tokens:
            if token.i in by_token or not (token.lower_ in _REFERRING or token.pos_ == "NOUN"):
                continue
            quoted = token.i in inside
            if quoted and speakers is None:
                continue
            speaker = (speakers or {}).get(sent_of[token.i]) if quoted else None
            target = self._refer(token, sent_of, starts, speaker)
            if target is not None:
                self.by_token[token.i] = target
                self.how[token.i] = "pronoun" if token.pos_ == "PRON" or token.tag_ == "PRP$" else "description"

    def _refer(self, token: Word, sent_of: list[int], starts: list[int], speaker: int | None) -> int | None:
        lower = token.lower_
        if lower in _SPEAKER:
            return speaker
        if lower in _PERSONAL:
            gender = "female" if lower in _FEMININE else "male"
            target = self._recent(token.i, sent_of, starts, gender=gender, exclude=speaker)
            if target is not None:
                self.genders.setdefault(target, gender)  # 'she' once, so not 'he' later
            return target
        if not token.children:
            return None  # a bare noun: neither possessed nor with an article
        if token.pos_ == "NOUN" and any(c.dep_ == "poss" for c in token.children):  # "Putin's adviser"
            return self._described_person(token, token.lemma_.lower(), owner=True)
        indefinite = any(c.lower_ in {"a", "an"} and c.dep_ == "det" for c in token.children)
        if (
            token.pos_ == "NOUN"
            and token.dep_ != "compound"
            and not indefinite
            and _owners_before(token, self.by_token)
        ):
            found = self._described_person(token, token.lemma_.lower(), owner=True)  # "Putin adviser"
            if found is not None:
                return found
        named = any(c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN" for c in token.children)
        if token.pos_ == "NOUN" and not named and any(c.lower_ == "the" and c.dep_ == "det" for c in token.children):
            head = token.lemma_.lower()  # "the alliance" refers back; "the Trump administration" names its own
            if head in _ORG_NOUNS:
                return self._recent(token.i, sent_of, starts, labels={"ORG"})
            if head in _PLACE_NOUNS:
                return self._recent(token.i, sent_of, starts, labels={"GPE"})
            return self._described_person(token, head)
        return None

    def _recent(
        self,
        i: int,
        sent_of: list[int],
        starts: list[int],
        gender: str | None = None,
        labels: set[str] | None = None,
        exclude: int | None = None,
    ) -> int | None:
        """What a pronoun or description most likely means, in its sentence or the two before: the nearest
        sentence first, then the subject of a main clause, then the nearest name. For he/she, a person of
        a matching (or unknown) gender."""
        best: tuple[int, int, int] | None = None
        chosen: int | None = None
        words = self.tokens
        fits: dict[int, bool] = {}  # entity -> whether it may be meant, judged once per entity
        for t in range(i - 1, starts[max(0, sent_of[i] - 2)] - 1, -1):
            e = self.by_token.get(t)  # names, and pronouns already resolved ('As he left, he said')
            if e is None or e == exclude or self.how.get(t) not in {"name", "pronoun"}:
                continue
            if e not in fits:
                fits[e] = self._fits(e, gender, labels)
            if not fits[e]:
                continue
            tok = words[t]
            subject = tok.dep_ in {"nsubj", "nsubjpass"}
            role = 0 if subject and tok.head.dep_ == "ROOT" else 1 if subject else 2
            score = (sent_of[i] - sent_of[t], role, i - t)
            if best is None or score < best:
                best, chosen = score, e
        return chosen

    def _fits(self, e: int, gender: str | None, labels: set[str] | None) -> bool:
        entity = self.entities[e]
        if gender and not (entity.person_like and (self.genders.get(e) or _gender(entity)) in {gender, None}):
            return False
        return not (labels and entity.label not in labels)

    def _same_country(self, words: set[int]) -> set[int]:
        """The entities these words name, and those that name the same country: 'Russia' and 'Russian'."""
        return self.same_country({self.by_token[w] for w in words if w in self.by_token})

    def same_country(self, owners: set[int]) -> set[int]:
        """These entities, and those that name the same country ('Russia' and 'Russian')."""
        countries = {_country(self.entities[e]) for e in owners} - {None}
        return owners | {e.id for e in self.entities if _country(e) in countries}

    def _described_person(self, token: Word, head: str, owner: bool = False) -> int | None:
        """'the president', 'the Russian president', "Putin's adviser": the person of the document with
        that role (and, for a possessive, that role in the possessor's service)."""
        candidates = [e for e, heads in self.roles.items() if head in heads]
        if owner:
            owners = self._same_country(
                {c.i for c in token.children if c.dep_ == "poss"} | _owners_before(token, self.by_token)
            )
            candidates = [e for e in candidates if self.role_orgs.get(e, set()) & owners]
        if not candidates:
            return None
        adjectives = {c.i for c in token.children if c.dep_ in {"amod", "compound"}}
        for adj in adjectives:
            country = self.by_token.get(adj)
            if country is not None:
                candidates = [e for e in candidates if self.nationality.get(e) == country] or candidates
        if len(candidates) == 1:
            return candidates[0]
        # the one named most recently before the description
        for t in range(token.i - 1, -1, -1):
            e = self.by_token.get(t)
            if e in candidates and self.how.get(t) == "name":
                return e
        return None


def _country(entity: LocalEntity) -> str | None:
    """The country a country's or a nationality's local entity stands for."""
    if entity.label == "NORP":
        return country_of_demonym(entity.name)
    place = lookup_place(entity.name) if entity.label == "GPE" else None
    return place.name if place is not None and place.kind == "Country" else None


def _owners_before(token: Word, by_token: dict[int, int]) -> set[int]:
    """The words of a name in front of a role noun it does not name: 'Putin' of 'Putin adviser'."""
    return {c.i for c in token.children if c.dep_ in {"compound", "nmod", "amod"} and c.i < token.i and c.i in by_token}


def _gender(entity: LocalEntity) -> str | None:
    words = entity.name.split()
    answer = first_name_gender(words[0]) if len(words) >= 2 else None
    return answer if answer in {"male", "female"} else None
