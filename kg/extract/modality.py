"""Is a clause reported as real? Polarity, modality and tense of a verb, read off the dependency parse.

"Ukraine is not likely to join NATO", "if Russia invades", "Putin wants the US to guarantee ...",
"an accusation Moscow denies": each of these marks the clause so that it is kept apart from reported facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from ..nlp.parse import Word

__all__ = ["ASSERTED", "Reading", "read_clause"]

ASSERTED = "asserted"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CONDITION_MARKERS = _words("if unless whether lest")
_MODALS_POSSIBLE = _words("would could might may should can ca must shall 'd")
_NEGATORS = _words("not n't never no neither nor nobody nothing none")
# Governing verbs (lemmas) and what they make of the clause under them.
_GOVERNORS = {
    "intended": _words(
        "want seek hope plan intend aim try wish desire attempt expect urge demand ask push press call request "
        "insist propose prepare schedule agree decide promise pledge vow offer need require look consider mull "
        "weigh allow let force persuade encourage invite order tell apply bid campaign lobby strive aspire"
    ),
    "hypothetical": _words("threaten warn fear imagine risk avoid prevent deter stop suggest"),
    "denied": _words("deny reject dismiss refute dispute"),
    "possible": _words(
        "claim allege accuse charge indict speculate suspect believe think guess assume predict rumor rumour doubt "
        "appear seem"
    ),
    "negated": _words("refuse fail decline rule forbid ban oppose resist"),
    "found": _words("convict"),
}
# Governing nouns: "the threat of", "an accusation that", "the likelihood that", "plans for".
_NOUN_GOVERNORS = {
    "hypothetical": _words("threat risk potential fear danger scenario event case warning"),
    "denied": _words("accusation allegation claim narrative rumor rumour speculation denial charge"),
    "intended": _words("plan proposal demand request bid attempt effort goal aim ambition hope call"),
    "possible": _words("likelihood chance odds probability prospect possibility"),
}
# "Russia likely won't accept", "reportedly met": not reported as certain.
_HEDGES = _words("likely probably possibly perhaps maybe allegedly reportedly apparently supposedly presumably")
_LIKELIHOOD = _words("likely unlikely possible impossible probable improbable certain uncertain")
_NEGATIVE_LIKELIHOOD = _words("unlikely impossible improbable")
_FUTURE_MARKERS = _words("will 'll wo shall")
_DENIAL_WORDS = _words("deny denies denied denying reject rejects rejected dismissed dismisses")


@dataclass(frozen=True, slots=True)
class Reading:
    polarity: str  # "positive" | "negative"
    modality: str  # "asserted" | "hypothetical" | "conditional" | "denied" | "possible" | "intended"
    tense: str  # "past" | "present" | "future"

    @property
    def is_fact(self) -> bool:
        """Only positive, asserted clauses become direct triples."""
        return self.polarity == "positive" and self.modality == ASSERTED


def _negated(token: Word) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or (child.lower_ in _NEGATORS and child.dep_ in {"advmod", "det", "neg", "preconj"}):
            return True
    return False


def _object_negated(verb: Word) -> bool:
    """'sent no troops': a negative determiner on the direct object."""
    return any(
        c.dep_ in {"dobj", "attr"} and any(d.lower_ in {"no", "zero"} and d.dep_ == "det" for d in c.children)
        for c in verb.children
    )


def _tense(verb: Word) -> str:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_MARKERS or any(a.lower_ == "going" for a in auxes):
        return "future"
    if (
        verb.tag_ == "VBD"
        or any(a.tag_ == "VBD" for a in auxes)
        or ({"has", "have", "had"} & words and verb.tag_ == "VBN")
    ):
        return "past"
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i and head.lemma_ in {"schedule", "plan", "set", "expect", "due"}:
        return "future"
    return "present"


def _clause_chain(verb: Word) -> list[Word]:
    """The verb and the words that govern it, up to the root of the sentence."""
    chain = [verb]
    token = verb
    while token.head.i != token.i and len(chain) < 12:
        token = token.head
        chain.append(token)
    return chain


def read_clause(verb: Word) -> Reading:
    """Polarity, modality and tense of the clause headed by `verb`."""
    negative = _negated(verb) or _object_negated(verb)
    hedged = any(c.dep_ == "advmod" and c.lower_ in _HEDGES for c in verb.children)
    modality = "possible" if _has_modal(verb) or hedged else ASSERTED
    chain = _clause_chain(verb)
    for lower, upper in pairwise(chain):
        kind, negates = _governed(lower, upper)
        negative ^= negates
        if kind and _rank(kind) > _rank(modality):
            modality = kind
    if _conditional(chain):
        modality = "conditional"
    if modality != "conditional" and _denied_in_sentence(verb, chain):
        modality = "denied"
    return Reading("negative" if negative else "positive", modality, _tense(verb))


_RANKS = {ASSERTED: 0, "possible": 1, "intended": 2, "hypothetical": 3, "denied": 4, "conditional": 5}
_COMPLEMENTS = {"xcomp", "ccomp", "csubj", "advcl", "pcomp", "dobj"}
_NOUN_LINKS = {"acl", "relcl", "ccomp", "pcomp", "pobj", "prep"}


def _rank(modality: str) -> int:
    return _RANKS.get(modality, 0)


def _has_modal(verb: Word) -> bool:
    return any(c.lower_ in _MODALS_POSSIBLE and c.dep_ == "aux" for c in verb.children)


def _likelihood(word: Word) -> tuple[str, bool] | None:
    """'likely' -> possible; 'unlikely', 'not likely' -> possible and negated."""
    lemma = word.lemma_.lower()
    if lemma not in _LIKELIHOOD:
        return None
    return "possible", (lemma in _NEGATIVE_LIKELIHOOD) != _negated(word)


def _governed(lower: Word, upper: Word) -> tuple[str | None, bool]:
    """What the word `upper` makes of the clause `lower` that hangs under it: a modality, and whether it
    negates the clause ('refuse to', 'unlikely', 'did not want to')."""
    if upper.pos_ == "NOUN" and lower.dep_ in _NOUN_LINKS:  # "the accusation that", "the likelihood that"
        lemma = upper.lemma_.lower()
        return next((k for k, lemmas in _NOUN_GOVERNORS.items() if lemma in lemmas), None), False
    if upper.pos_ == "ADJ" and (found := _likelihood(upper)):  # "likely to join"
        return found
    if upper.pos_ not in {"VERB", "AUX"}:
        return None, False
    return _governed_by_verb(lower, upper)


def _governed_by_verb(lower: Word, upper: Word) -> tuple[str | None, bool]:
    """What a governing verb makes of its complement: 'wants to join', 'refused to join', 'would be a disaster
    to invade'."""
    if lower.dep_ == "prep" and any(c.dep_ == "pcomp" for c in lower.children):
        lower = next(c for c in lower.children if c.dep_ == "pcomp")  # "accused of killing", "convicted of"
    if lower.dep_ not in _COMPLEMENTS:  # a modal still scopes over everything below it
        return ("possible" if _has_modal(upper) and lower.dep_ not in {"nsubj", "nsubjpass"} else None), False
    if lower.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in lower.children):
        return "intended", False  # a purpose clause: "met ... to continue the dialogue"
    for child in upper.children:  # "it is unlikely (that) Kyiv would join"
        if child.dep_ in {"acomp", "attr"} and (found := _likelihood(child)):
            return found
    lemma = upper.lemma_.lower()
    kind = next((k for k, lemmas in _GOVERNORS.items() if lemma in lemmas), None)
    if kind == "negated":
        return None, True
    if kind == "found":  # a court's finding: the clause is as real as the finding ('was not convicted of')
        return None, _negated(upper)
    negates = _negated(upper) and kind in {"intended", "possible"}
    if kind is None and _has_modal(upper):
        kind = "possible"  # "it would be a disaster for Russia to invade"
    return kind, negates


def _conditional(chain: list[Word]) -> bool:
    """Inside an 'if' clause, or the main clause of one."""
    for token in chain:
        if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKERS for c in token.children):
            return True
    verb = chain[0]
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in child.children):
            return True
    return False


def _denied_in_sentence(verb: Word, chain: list[Word]) -> bool:
    """'..., an accusation Moscow denies': the clause hangs under a claim that someone in the sentence denies.

    `chain` is the verb's `_clause_chain`."""
    return _under_claim(chain) and any(t.lower_ in _DENIAL_WORDS for t in verb.sent)


def _under_claim(chain: list[Word]) -> bool:
    """A word above the verb, or its apposition, is a claim that can be denied ('accusation', 'rumour')."""
    for token in chain[1:]:
        if token.lemma_.lower() in _NOUN_GOVERNORS["denied"]:
            return True
        for child in token.children:
            if child.dep_ == "appos" and child.lemma_.lower() in _NOUN_GOVERNORS["denied"]:
                return True
    return False
