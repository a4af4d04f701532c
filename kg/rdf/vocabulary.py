"""The closed kg vocabulary, mirrored from ontology/kg.ttl (a test keeps the two equal): each term once.

`K.Person` is the term in N-Triples syntax (`<https://kg.example.org/ontology#Person>`), which is also SPARQL's:
the build writes batches by joining such strings. mypy knows every name, so a misspelt term fails the type
check; `KG` in `kg.rdf.ontology` is the rdflib namespace made from the same names.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BASE", "KG_NAMESPACE", "TERM_NAMES", "K"]

BASE = "https://kg.example.org/"
KG_NAMESPACE = BASE + "ontology#"


class _Term:
    """A declared term. mypy reads its type from `__get__`; at run time the class attribute becomes the plain
    string as soon as the class is made, so reading `K.Person` costs no call."""

    def __set_name__(self, owner: type, name: str) -> None:
        setattr(owner, name, f"<{KG_NAMESPACE}{name}>")

    def __get__(self, instance: Any, owner: type | None = None) -> str:  # for the type checker only
        raise AssertionError("replaced by __set_name__")


class K:
    """The kg vocabulary: classes and individuals, then properties."""

    # classes and individuals
    AnonymousSource = _Term()
    Appearance = _Term()
    Asserted = _Term()
    Attack = _Term()
    City = _Term()
    Concept = _Term()
    Conditional = _Term()
    Country = _Term()
    Denied = _Term()
    Document = _Term()
    Entity = _Term()
    Event = _Term()
    Evidence = _Term()
    Fact = _Term()
    Future = _Term()
    Group = _Term()
    Hypothetical = _Term()
    Intended = _Term()
    Meeting = _Term()
    Mention = _Term()
    Modality = _Term()
    NamedEvent = _Term()
    Negative = _Term()
    Organization = _Term()
    Past = _Term()
    Person = _Term()
    PhoneCall = _Term()
    Place = _Term()
    Polarity = _Term()
    Positive = _Term()
    Possible = _Term()
    Present = _Term()
    Quote = _Term()
    Role = _Term()
    Sentence = _Term()
    Statement = _Term()
    Tense = _Term()
    Visit = _Term()
    Work = _Term()
    # properties
    about = _Term()
    accuses = _Term()
    acquires = _Term()
    affiliation = _Term()
    appoints = _Term()
    arrests = _Term()
    attacks = _Term()
    basedIn = _Term()
    birthPlace = _Term()
    charges = _Term()
    confidence = _Term()
    content = _Term()
    contentHash = _Term()
    convicts = _Term()
    countryCode = _Term()
    criticizes = _Term()
    date = _Term()
    demands = _Term()
    demonym = _Term()
    deploys = _Term()
    documentCount = _Term()
    elects = _Term()
    endChar = _Term()
    entity = _Term()
    evidence = _Term()
    funds = _Term()
    holdsRole = _Term()
    homeLocation = _Term()
    index = _Term()
    inCountry = _Term()
    inDocument = _Term()
    invades = _Term()
    jobTitle = _Term()
    joins = _Term()
    kills = _Term()
    leads = _Term()
    locatedIn = _Term()
    meets = _Term()
    memberOf = _Term()
    mentionCount = _Term()
    mentions = _Term()
    modality = _Term()
    nationality = _Term()
    negotiatesWith = _Term()
    nerLabel = _Term()
    object = _Term()
    owns = _Term()
    participant = _Term()
    place = _Term()
    polarity = _Term()
    predicate = _Term()
    provides = _Term()
    refersTo = _Term()
    relatedTo = _Term()
    resigns = _Term()
    roleIn = _Term()
    roleName = _Term()
    sanctions = _Term()
    says = _Term()
    seeks = _Term()
    sentence = _Term()
    sourceCount = _Term()
    sourceFile = _Term()
    sourceRole = _Term()
    datelinePlace = _Term()
    speaksWith = _Term()
    startChar = _Term()
    subject = _Term()
    sues = _Term()
    supports = _Term()
    surfaceForm = _Term()
    tense = _Term()
    text = _Term()
    threatens = _Term()
    timesMentioned = _Term()
    timeText = _Term()
    verb = _Term()
    visits = _Term()
    warns = _Term()
    wins = _Term()
    wordCount = _Term()
    worksFor = _Term()

    @classmethod
    def named(cls, name: str) -> str:
        """The term of a name known only at run time (an entity's kind, a modality)."""
        if name not in TERM_NAMES:
            raise KeyError(f"'{name}' is not a term of the kg vocabulary")
        return f"<{KG_NAMESPACE}{name}>"


TERM_NAMES: frozenset[str] = frozenset(n for n, v in vars(K).items() if isinstance(v, str) and v.startswith("<"))
