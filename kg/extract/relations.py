"""Relations from the dependency parse: who does what to whom, where and when.

Patterns, each for the general shape of English news sentences:
  * subject–verb–object, with coordinated subjects and objects ("Biden and Putin spoke", "Germany, France");
  * passive voice ("was invaded by"), control ("is scheduled to speak with", "wants the US to guarantee"): the
    subjects module finds who acts;
  * prepositional objects that carry the relation ("meet with", "speak to", "warn ... against");
  * light verbs and event nouns ("had a phone call with", "impose sanctions on", "a meeting between A and B");
  * symmetric verbs with a coordinated subject and no object ("Biden and Putin met in Geneva").
Predicates are normalised to ontology properties where one fits (PREDICATES) and kept as open relations
named by the verb's lemma otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..lexicon.predicates import (
    CALL_WORDS,
    DESTINATIONS,
    EVENT_KINDS,
    EVENT_NOUNS,
    LIGHT_VERBS,
    PLANNING,
    PREDICATES,
    REPORTING_VERBS,
    SYMMETRIC,
    UPCOMING,
)
from ..nlp.parse import Word
from .arguments import Arg, ArgumentReader, concept_label
from .modality import Reading, read_clause
from .qualifiers import qualifiers
from .subjects import find_subjects

if TYPE_CHECKING:
    from .state import DocumentState

__all__ = ["Relation", "read_relations"]

# Verbs too general to name a relation on their own (their light-verb uses are read first).
_TOO_GENERAL = {"have", "be", "do", "get", "become", "seem"}
# Verbs of speech without a predicate of their own: the statements stage reads them.
_REPORTED = REPORTING_VERBS - set(PREDICATES)
_RELATIVES = {"who", "that", "which", "whom"}


@dataclass(frozen=True, slots=True)
class Relation:
    subject: Arg
    predicate: str  # an ontology property's local name ("meets"), or an open relation ("agree-with")
    verb: str  # the lemma as written ("urge")
    object: Arg | None
    sent: int
    start: int  # character span of the clause
    end: int
    reading: Reading
    place: int | None = None  # local entity id
    time_text: str | None = None
    kind: str | None = None  # event class: Meeting, PhoneCall, Visit, Attack, Statement, Quote
    content: str | None = None  # what was said, for statements
    about: tuple[Arg, ...] = ()
    confidence: float = 0.7


def _passive_patient(verb: Word, reader: ArgumentReader) -> list[Arg]:
    """The passive's subject; for a relative ('which was sued by') or a reduced one ('Crimea, controlled by
    Russia', 'a group once led by Y'), the noun it modifies, or the name that noun stands beside."""
    patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if patient is not None and not (patient.lower_ in _RELATIVES and verb.dep_ == "relcl"):
        return reader.args(patient)
    if patient is None and not _reduced_passive(verb):
        return []
    noun = verb.head
    if noun.dep_ == "appos" and reader.entity(noun) is None and reader.entity(noun.head) is not None:
        noun = noun.head
    return reader.args(noun)


def _reduced_passive(verb: Word) -> bool:
    """'Crimea, controlled by Russia': a past participle after its noun, with its agent."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)


def _prep_objects(token: Word, preps: tuple[str, ...]) -> list[Word]:
    found = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            found += [c for c in child.children if c.dep_ == "pobj"]
    return found


def _confidence(subject: Arg, obj: Arg | None, base: float) -> float:
    score = base
    if subject.via in {"pronoun", "description", "member"}:
        score -= 0.1
    if obj is not None and obj.via in {"pronoun", "description", "member"}:
        score -= 0.1
    if obj is not None and obj.concept is not None:
        score -= 0.05
    return round(max(0.3, score), 2)


@dataclass
class _Builder:
    doc: Doc
    reader: ArgumentReader
    out: list[Relation]

    def add(
        self,
        subject: Arg,
        predicate: str,
        lemma: str,
        obj: Arg | None,
        anchor: Word,
        reading: Reading,
        kind: str | None = None,
        base: float = 0.8,
        context: Word | None = None,
        place: int | None = None,
        about: tuple[Arg, ...] = (),
    ) -> None:
        """Record one relation; place and time are read under the anchor, else under the context verb."""
        if obj is not None and obj.key == subject.key:
            return
        subtree = anchor.subtree
        parties = {subject.entity, obj and obj.entity}
        skip = {t.i for t in subtree if self.reader.refs.entity(t) in parties}
        found_place, time_text = qualifiers(anchor, self.reader, skip)
        if context is not None and (found_place is None or time_text is None):
            more_place, more_time = qualifiers(context, self.reader, skip)
            found_place, time_text = found_place or more_place, time_text or more_time
        if kind == "Event" and any(t.lemma_.lower() in CALL_WORDS for t in subtree):
            kind = "PhoneCall"
        span = self.doc[subtree[0].i : subtree[-1].i + 1]  # the clause
        self.out.append(
            Relation(
                subject=subject,
                predicate=predicate,
                verb=lemma,
                object=obj,
                sent=self.reader.refs.sentences.index(anchor),
                start=span.start_char,
                end=span.end_char,
                reading=reading,
                place=place if place is not None else found_place,
                time_text=time_text,
                kind=kind,
                about=about,
                confidence=_confidence(subject, obj, base),
            )
        )


def _fits(lemma: str, verb: Word) -> bool:
    """Senses a verb's normalised predicate does not cover: 'called him scum' is no phone call, 'asked
    him a question' no demand."""
    deps = {c.dep_ for c in verb.children}
    if lemma == "call":
        return not deps & {"oprd", "xcomp", "ccomp", "attr", "dative"} and not any(
            c.dep_ == "dobj" and c.pos_ == "NOUN" for c in verb.children
        )
    if lemma == "ask":
        return "xcomp" in deps or any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)
    return True


def _misread_participle(verb: Word) -> bool:
    """'does not have proven reserves' parsed as a perfect tense of 'prove': 'do' never helps a perfect."""
    auxes = {c.lemma_.lower() for c in verb.children if c.dep_ == "aux"}
    return verb.tag_ == "VBN" and {"do", "have"} <= auxes


@dataclass(slots=True)
class _Clause:
    """A verb's clause, as the constructions below read it: who acts, on whom, and what the relation is called."""

    verb: Word
    lemma: str
    subjects: list[Arg]
    objects: list[Arg]  # a passive's patient; else filled by the constructions
    predicate: str | None  # the ontology property the verb normalises to (PREDICATES), if any
    preps: tuple[str, ...]  # the prepositions whose objects the predicate takes
    direct: list[Word]  # direct objects and datives
    particle: str = ""
    place: int | None = None
    about: tuple[Arg, ...] = ()


def _verb_relations(verb: Word, b: _Builder) -> None:
    """The relations a verb states, construction by construction."""
    clause = _clause(verb, b.reader)
    if clause is None or _light_verb(clause, b):
        return
    if not clause.objects:
        _direct_objects(clause, b.reader)
    clause.particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    if _prepositional_objects(clause, b.reader):
        _symmetric(clause)
        _add_clause(clause, b)


def _clause(verb: Word, reader: ArgumentReader) -> _Clause | None:
    """Subjects (through control and coordination), a passive's patient and the predicate; None when no
    relation can come of the verb."""
    lemma = verb.lemma_.lower()
    if lemma in _REPORTED or verb.dep_ == "amod" or _misread_participle(verb):
        return None  # statements are the statements module's; 'proven reserves' is an adjective
    subjects, by_agent = find_subjects(verb, reader)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or _reduced_passive(verb)
    if not subjects or (passive and not by_agent):
        return None  # "it will be met with a response": no agent, no relation
    predicate, preps = PREDICATES.get(lemma, (None, ()))
    if predicate and not _fits(lemma, verb):
        predicate, preps = None, ()
    objects = _passive_patient(verb, reader) if passive else []
    direct = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    return _Clause(verb, lemma, subjects, objects, predicate, preps, direct)


def _light_verb(clause: _Clause, b: _Builder) -> bool:
    """'impose sanctions on Russia', 'had a call with Putin': the noun names the relation, the verb only
    carries it. Whether the verb is used so (its relations are then added)."""
    for noun in clause.direct:
        light = LIGHT_VERBS.get((clause.lemma, noun.lemma_.lower()))
        if light:
            _add_light_verb(clause, noun, light, b)
            return True
    return False


def _add_light_verb(clause: _Clause, noun: Word, light: tuple[str, tuple[str, ...]], b: _Builder) -> None:
    """The relation a light verb and its noun name, to the objects of the noun's prepositions (or the
    noun's concept, without them: 'imposed sanctions')."""
    verb, (predicate, preps) = clause.verb, light
    reading = read_clause(verb)
    targets = [a for t in _prep_objects(noun, preps) + _prep_objects(verb, preps) for a in b.reader.args(t)]
    objects = targets or [Arg(concept=concept_label(noun), via="concept")]
    lemma = f"{clause.lemma} {noun.lemma_.lower()}"
    for s in clause.subjects:
        for o in objects:
            b.add(s, predicate, lemma, o, verb, reading, EVENT_KINDS.get(predicate), base=0.75)


def _direct_objects(clause: _Clause, reader: ArgumentReader) -> None:
    """The direct objects; with a thing given, a dative is its recipient ('gave her a consort position')."""
    things = [t for t in clause.direct if t.dep_ == "dobj"]
    if things:
        clause.about = tuple(
            a for t in clause.direct if t.dep_ == "dative" for a in reader.args(t, allow_concept=False)
        )
    clause.objects = [a for t in (things or clause.direct) for a in reader.args(t)]


def _prepositional_objects(clause: _Clause, reader: ArgumentReader) -> bool:
    """The objects of the prepositions that carry the relation ('meet with', 'warn ... against'); False for a
    verb too general to name one ('had four wives', 'is a player')."""
    if clause.predicate and clause.objects and clause.predicate in DESTINATIONS:
        _destination(clause, reader)
    elif clause.predicate:
        more = _prep_objects(clause.verb, clause.preps)
        clause.objects += [a for t in more for a in reader.args(t, allow_concept=not clause.objects)]
    elif clause.lemma in _TOO_GENERAL:
        return False
    elif not clause.objects:
        _open_preposition(clause, reader)
    return True


def _destination(clause: _Clause, reader: ArgumentReader) -> None:
    """'sent troops to Estonia': where they were sent is the place; 'gave food to Yemen': whom for, about."""
    targets = [a for t in _prep_objects(clause.verb, clause.preps) for a in reader.args(t, allow_concept=False)]
    if clause.predicate == "deploys":
        clause.place = next((a.entity for a in targets), None)
    else:
        clause.about += tuple(targets)


# Prepositions of place and time, which name no open relation.
_CIRCUMSTANTIAL = frozenset({"in", "at", "on", "during", "after", "before", "since", "as"})


def _open_preposition(clause: _Clause, reader: ArgumentReader) -> None:
    """An open relation through the verb's first preposition with an entity: 'work with', 'side against'."""
    for prep in clause.verb.children:
        if prep.dep_ != "prep" or prep.lower_ in _CIRCUMSTANTIAL:
            continue
        objects = _prep_objects(clause.verb, (prep.lower_,))
        targets = [a for t in objects for a in reader.args(t, allow_concept=False)]
        if targets:
            clause.objects, clause.particle = targets, (clause.particle + " " + prep.lower_).strip()
            return


def _symmetric(clause: _Clause) -> None:
    """'Biden and Putin met': with no object, the first of coordinated subjects meets the others."""
    if not clause.objects and clause.predicate in SYMMETRIC and len(clause.subjects) > 1:
        clause.subjects, clause.objects = clause.subjects[:1], clause.subjects[1:]


def _add_clause(clause: _Clause, b: _Builder) -> None:
    """A relation from each subject to each object, named by the predicate or else by the verb."""
    if not clause.objects:
        return
    name = clause.predicate or "-".join(w for w in (clause.lemma, clause.particle) if w)
    verb_text = (clause.lemma + " " + clause.particle).strip()
    kind = EVENT_KINDS.get(name)
    reading = read_clause(clause.verb)
    base = 0.8 if clause.predicate else 0.65
    for s in clause.subjects:
        for o in clause.objects:
            b.add(s, name, verb_text, o, clause.verb, reading, kind, base=base, place=clause.place, about=clause.about)


def _event_reading(noun: Word, anchor: Word) -> Reading:
    """A meeting that is expected, planned or forthcoming has not happened: intended, future."""
    reading = read_clause(anchor) if anchor.pos_ in {"VERB", "AUX"} else Reading("positive", "asserted", "present")
    planned = anchor.lemma_.lower() in PLANNING or any(c.lemma_.lower() in UPCOMING for c in noun.children)
    if planned and reading.is_fact:
        return Reading(reading.polarity, "intended", "future")
    return reading


def _event_noun_relations(noun: Word, b: _Builder) -> None:
    """'a meeting between Putin and Biden', 'his call with Zelensky', 'the Biden-Putin call'."""
    predicate = EVENT_NOUNS.get(noun.lemma_.lower())
    if predicate is None or noun.pos_ != "NOUN":
        return
    parties: list[Arg] = []
    for t in _prep_objects(noun, ("between", "with")):
        parties += b.reader.args(t, allow_concept=False)
    for child in noun.children:
        if child.dep_ in {"compound", "poss", "amod"}:
            parties += b.reader.args(child, allow_concept=False)
    owner = noun.head if noun.dep_ in {"dobj"} and noun.head.lemma_ in {"have", "hold"} else None
    if owner is not None and len(parties) == 1:
        parties = find_subjects(owner, b.reader)[0][:1] + parties
    unique = list({a.key: a for a in parties}.values())
    if len(unique) < 2:
        return
    anchor = noun
    while anchor.pos_ not in {"VERB", "AUX"} and anchor.head.i != anchor.i:
        anchor = anchor.head
    reading = _event_reading(noun, anchor)
    kind = (
        "PhoneCall"
        if noun.lemma_.lower() == "call" or any(c.lemma_.lower() in CALL_WORDS for c in noun.children)
        else EVENT_KINDS.get(predicate, "Event")
    )
    for other in unique[1:]:
        b.add(unique[0], predicate, noun.lemma_.lower(), other, noun, reading, kind, base=0.7, context=anchor)


def read_relations(state: DocumentState) -> None:
    """The relations of the document's verbs and event nouns, after its statements."""
    builder = _Builder(state.parse.doc, ArgumentReader(state.refs), state.relations)
    for token in state.parse.words:
        if token.pos_ == "VERB":
            _verb_relations(token, builder)
        elif token.pos_ == "NOUN":
            _event_noun_relations(token, builder)
