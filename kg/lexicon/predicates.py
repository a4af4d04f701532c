"""The words relations are made of: verbs and nouns normalised to ontology predicates, light verbs,
event nouns, reporting verbs, and the words that mark an event as planned.

General English, shared by the relation, statement and mapping stages.
"""

from __future__ import annotations

__all__ = [
    "ACT_NOUNS",
    "AGENT_NOUNS",
    "CALL_WORDS",
    "DESTINATIONS",
    "EVENT_KINDS",
    "EVENT_NOUNS",
    "LIGHT_VERBS",
    "PLANNING",
    "PREDICATES",
    "REPORTING_VERBS",
    "STANDING",
    "SYMMETRIC",
    "UPCOMING",
    "VERDICTS",
]

# verb lemma -> (ontology property, prepositions whose object is the relation's object)
PREDICATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "meet": ("meets", ("with",)),
    "speak": ("speaksWith", ("with", "to")),
    "talk": ("speaksWith", ("with", "to")),
    "converse": ("speaksWith", ("with",)),
    "chat": ("speaksWith", ("with",)),
    "call": ("speaksWith", ()),
    "phone": ("speaksWith", ()),
    "consult": ("speaksWith", ("with",)),
    "visit": ("visits", ()),
    "warn": ("warns", ("against",)),
    "caution": ("warns", ("against",)),
    "threaten": ("threatens", ()),
    "demand": ("demands", ()),
    "request": ("demands", ()),
    "urge": ("demands", ()),
    "insist": ("demands", ("on",)),
    "ask": ("demands", ("for",)),  # only "asked X to ..." and "asked for": see _is_demand
    "seek": ("seeks", ()),
    "want": ("seeks", ()),
    "look": ("seeks", ("for",)),
    "deploy": ("deploys", ("to", "in")),
    "send": ("deploys", ("to",)),
    "station": ("deploys", ("in",)),
    "sanction": ("sanctions", ()),
    "join": ("joins", ()),
    "invade": ("invades", ()),
    "attack": ("attacks", ()),
    "strike": ("attacks", ()),
    "bomb": ("attacks", ()),
    "negotiate": ("negotiatesWith", ("with",)),
    "support": ("supports", ()),
    "back": ("supports", ()),
    "provide": ("provides", ("with", "to")),
    "supply": ("provides", ("with", "to")),
    "give": ("provides", ()),
    "accuse": ("accuses", ()),
    "criticize": ("criticizes", ()),
    "criticise": ("criticizes", ()),
    "condemn": ("criticizes", ()),
    "kill": ("kills", ()),
    "murder": ("kills", ()),
    "assassinate": ("kills", ()),
    "slay": ("kills", ()),
    "arrest": ("arrests", ()),
    "detain": ("arrests", ()),
    "capture": ("arrests", ()),
    "charge": ("charges", ()),
    "indict": ("charges", ()),
    "sue": ("sues", ()),
    "convict": ("convicts", ()),
    "resign": ("resigns", ("from",)),
    "quit": ("resigns", ()),
    "elect": ("elects", ()),
    "appoint": ("appoints", ()),
    "nominate": ("appoints", ()),
    "win": ("wins", ()),
    "defeat": ("wins", ()),
    "lead": ("leads", ()),
    "head": ("leads", ()),
    "chair": ("leads", ()),
    "own": ("owns", ()),
    "acquire": ("acquires", ()),
    "buy": ("acquires", ()),
    "purchase": ("acquires", ()),
    "fund": ("funds", ()),
    "finance": ("funds", ()),
    "sponsor": ("funds", ()),
}
# Nouns of a directed act and of its doer: "the assassination of X by Y", "Kennedy's killing", "X's assassin Y".
ACT_NOUNS = {"assassination": "kills", "killing": "kills", "murder": "kills", "slaying": "kills"}
AGENT_NOUNS = {"assassin": "kills", "killer": "kills", "murderer": "kills"}
# Verbs whose passive subject did what they find: "Y was convicted of (killing X | X's murder)".
VERDICTS = {"convict"}
# Standing relations the affiliations and origins stages state in passing (ontology properties, no verb of their own).
STANDING = frozenset({"locatedIn", "basedIn", "homeLocation", "birthPlace", "memberOf", "worksFor"})
SYMMETRIC = {"meets", "speaksWith", "negotiatesWith"}
DESTINATIONS = {"deploys", "provides"}  # with a direct object, the prepositional object is where or to whom
EVENT_KINDS = {
    "meets": "Meeting",
    "speaksWith": "Event",
    "visits": "Visit",
    "attacks": "Attack",
    "invades": "Attack",
    "negotiatesWith": "Meeting",
}
CALL_WORDS = {"phone", "call", "video", "telephone", "virtual", "videoconference", "conference"}
# "impose sanctions on X", "had a call with X", "hold talks with X": light verb + noun -> predicate, preposition
LIGHT_VERBS = {
    ("impose", "sanction"): ("sanctions", ("on", "against")),
    ("slap", "sanction"): ("sanctions", ("on",)),
    ("have", "call"): ("speaksWith", ("with",)),
    ("hold", "call"): ("speaksWith", ("with",)),
    ("have", "conversation"): ("speaksWith", ("with",)),
    ("hold", "talk"): ("meets", ("with",)),
    ("have", "talk"): ("meets", ("with",)),
    ("have", "meeting"): ("meets", ("with",)),
    ("hold", "meeting"): ("meets", ("with",)),
    ("launch", "attack"): ("attacks", ("on", "against")),
    ("launch", "invasion"): ("invades", ("of",)),
    ("issue", "warning"): ("warns", ("to",)),
    ("make", "request"): ("demands", ("to", "for")),
    ("pay", "visit"): ("visits", ("to",)),
    ("make", "visit"): ("visits", ("to",)),
}
# Event nouns and the relation they stand for: "a meeting between A and B", "the call with Putin".
EVENT_NOUNS = {
    "meeting": "meets",
    "talk": "meets",
    "summit": "meets",
    "negotiation": "negotiatesWith",
    "call": "speaksWith",
    "conversation": "speaksWith",
    "discussion": "speaksWith",
    "visit": "visits",
}

PLANNING = {
    "expect",
    "plan",
    "schedule",
    "arrange",
    "set",
    "propose",
    "organize",
    "organise",
    "prepare",
    "announce",
    "seek",
    "want",
    "hope",
    "discuss",
    "consider",
    "request",
    "demand",
    "call",
}
UPCOMING = {"forthcoming", "upcoming", "planned", "proposed", "possible", "expected", "potential", "future", "next"}

# Verbs that report speech: their clause or quote is what was said.
REPORTING_VERBS = {
    "say",
    "tell",
    "claim",
    "state",
    "add",
    "write",
    "announce",
    "insist",
    "explain",
    "note",
    "stress",
    "emphasize",
    "emphasise",
    "report",
    "argue",
    "declare",
    "reply",
    "respond",
    "confirm",
    "deny",
    "acknowledge",
    "admit",
    "suggest",
    "signal",
    "indicate",
    "warn",
    "predict",
    "tweet",
    "allege",
    "assert",
    "caution",
    "remark",
}
