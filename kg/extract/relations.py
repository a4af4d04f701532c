"""Relations from the dependency parse: who does what to whom, where and when.

Patterns, each for the general shape of English news sentences:
  * subject–verb–object, with coordinated subjects and objects ("Biden and Putin spoke", "Germany, France");
  * passive voice ("was invaded by"), control ("is scheduled to speak with", "wants the US to guarantee");
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

if TYPE_CHECKING:
    from .state import DocumentState

__all__ = ["Relation", "read_relations"]

# Verbs too general to name a relation on their own (their light-verb uses are handled above).
_TOO_GENERAL = {"have", "be", "do", "get", "become", "seem"}
# Verbs of speech without a predicate of their own: the statements stage reads them.
_REPORTED = REPORTING_VERBS - set(PREDICATES)


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


def _subjects(verb: Word, reader: ArgumentReader, depth: int = 0) -> tuple[list[Arg], bool]:
    """The agents of a verb, and whether they came through a passive's by-phrase.

    Subjects are inherited through control ("Biden is scheduled to speak", "wants the US to guarantee"),
    coordination ("met Putin and warned him") and adverbial clauses ("after speaking with Putin").
    """
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"} or (depth and child.dep_ == "nsubjpass"):
            if child.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
                return reader.args(verb.head, allow_concept=False), False
            return reader.args(child, allow_concept=False), False
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return reader.args(objs[0], allow_concept=False), True
    head = verb.head
    if depth > 3 or head.i == verb.i:
        return [], False
    if verb.dep_ == "xcomp":
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if objects and head.lemma_ != "promise":  # object control
            return reader.args(objects[0], allow_concept=False), False
        return _subjects(head, reader, depth + 1)
    if verb.dep_ in {"conj", "advcl", "pcomp"} and head.pos_ in {"VERB", "AUX"}:
        return _subjects(head, reader, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        return _subjects(head.head, reader, depth + 1)  # "a day after speaking directly with Putin"
    return [], False


def _passive_patient(verb: Word, reader: ArgumentReader) -> list[Arg]:
    return next((reader.args(c) for c in verb.children if c.dep_ == "nsubjpass"), [])


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


def _verb_relations(verb: Word, b: _Builder) -> None:
    lemma = verb.lemma_.lower()
    if lemma in _REPORTED or verb.dep_ == "amod" or _misread_participle(verb):
        return  # statements are the statements module's; 'proven reserves' is an adjective
    subjects, by_agent = _subjects(verb, b.reader)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    if passive and by_agent:
        objects = _passive_patient(verb, b.reader)
    elif passive:
        return  # "it will be met with a response": no agent, no relation
    else:
        objects = []
    if not subjects:
        return
    predicate, preps = PREDICATES.get(lemma, (None, ()))
    if predicate and not _fits(lemma, verb):
        predicate, preps = None, ()
    direct = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    for noun in direct:  # light verbs: "impose sanctions on Russia", "had a call with Putin"
        light = LIGHT_VERBS.get((lemma, noun.lemma_.lower()))
        if light:
            reading = read_clause(verb)
            targets = [
                a for t in _prep_objects(noun, light[1]) + _prep_objects(verb, light[1]) for a in b.reader.args(t)
            ]
            for s in subjects:
                for o in targets or [Arg(concept=concept_label(noun), via="concept")]:
                    b.add(
                        s,
                        light[0],
                        f"{lemma} {noun.lemma_.lower()}",
                        o,
                        verb,
                        reading,
                        EVENT_KINDS.get(light[0]),
                        base=0.75,
                    )
            return
    recipients: list[Arg] = []
    if not objects:
        things = [t for t in direct if t.dep_ == "dobj"]
        if things:  # "gave her a consort position": the thing given is the object, she the recipient
            recipients = [a for t in direct if t.dep_ == "dative" for a in b.reader.args(t, allow_concept=False)]
        objects = [a for t in (things or direct) for a in b.reader.args(t)]
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    place, about = None, tuple(recipients)
    if predicate and objects and predicate in DESTINATIONS:  # "sent troops to Estonia", "gave food to Yemen"
        targets = [a for t in _prep_objects(verb, preps) for a in b.reader.args(t, allow_concept=False)]
        if predicate == "deploys":
            place = next((a.entity for a in targets), None)
        else:
            about += tuple(targets)
    elif predicate:
        objects += [a for t in _prep_objects(verb, preps) for a in b.reader.args(t, allow_concept=not objects)]
    elif lemma in _TOO_GENERAL:
        return  # "had four wives", "is a player": no relation worth naming by this verb
    elif not objects:  # open relation through a preposition: "work with", "agree on"
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            targets = [a for t in _prep_objects(verb, (prep.lower_,)) for a in b.reader.args(t, allow_concept=False)]
            if targets and prep.lower_ not in {"in", "at", "on", "during", "after", "before", "since", "as"}:
                objects, particle = targets, (particle + " " + prep.lower_).strip()
                break
    name = predicate or "-".join(w for w in (lemma, particle) if w)
    if not objects and predicate in SYMMETRIC and len(subjects) > 1:  # "Biden and Putin met"
        subjects, objects = subjects[:1], subjects[1:]
    verb_text = (lemma + " " + particle).strip()
    if not objects:
        return
    kind = EVENT_KINDS.get(name)
    reading = read_clause(verb)
    for s in subjects:
        for o in objects:
            b.add(s, name, verb_text, o, verb, reading, kind, base=0.8 if predicate else 0.65, place=place, about=about)


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
        parties = _subjects(owner, b.reader)[0][:1] + parties
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
