"""A parsed document read out of spaCy once: its text, its sentences and its words.

spaCy makes a new Token object on every access (`doc[i]`, `token.head`, `token.children`, each pass over a doc
or span) and looks each string attribute up in its vocabulary anew. Extraction reads the parse tens of thousands
of times per document, so it reads `Word`s instead: made once per document, with the Token attributes it uses,
under the same names and with the same values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.attrs import HEAD
from spacy.tokens import Doc, Span

from .sentences import Sentences

__all__ = ["Parse", "Word"]


@dataclass(slots=True, eq=False, repr=False)
class Word:
    """One token of the parse, with its links to the others."""

    i: int
    text: str
    lower_: str
    lemma_: str
    pos_: str
    tag_: str
    dep_: str
    ent_type_: str
    idx: int  # character offset in the document
    is_punct: bool
    is_space: bool
    is_stop: bool
    head: Word = field(init=False)  # itself at the root of a sentence, as in spaCy
    children: tuple[Word, ...] = ()  # in text order
    sent: list[Word] = field(init=False)  # the words of its sentence

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"Word({self.i}, {self.text!r})"

    @property
    def lefts(self) -> list[Word]:
        return [c for c in self.children if c.i < self.i]

    @property
    def rights(self) -> list[Word]:
        return [c for c in self.children if c.i > self.i]

    @property
    def subtree(self) -> list[Word]:
        """The word and its descendants, in spaCy's order: the lefts' subtrees, the word, the rights' subtrees."""
        out: list[Word] = []
        _add_subtree(self, out)
        return out


def _add_subtree(word: Word, out: list[Word]) -> None:
    placed = False
    for child in word.children:
        if not placed and child.i > word.i:
            out.append(word)
            placed = True
        _add_subtree(child, out)
    if not placed:
        out.append(word)


@dataclass(slots=True)
class Parse:
    """One parsed document, read once; its words stay linked until the `with` block that reads them ends."""

    doc: Doc
    text: str  # doc.text, which spaCy joins anew on every use
    sentences: Sentences
    words: list[Word]
    ents: Sequence[Span]  # doc.ents, which spaCy makes anew on every use
    _sentence_ents: dict[int, list[tuple[Span, Word]]] = field(default_factory=dict)

    @classmethod
    def read(cls, doc: Doc) -> Parse:
        words, text = _read_words(doc)
        _link_heads(words, doc)
        sentences = Sentences(doc)
        for span in sentences.spans:
            sentence = words[span.start : span.end]
            for word in sentence:
                word.sent = sentence
        return cls(doc, text, sentences, words, doc.ents)

    def __enter__(self) -> Parse:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Unlink the words: a word's head and sentence link back to it, so that without this only the
        garbage collector, in a slow full collection, would free them."""
        for word in self.words:
            del word.head, word.sent

    def ents_in(self, sentence: int) -> list[tuple[Span, Word]]:
        """The named entities inside a sentence (as `Span.ents` gives them), each with its root word."""
        found = self._sentence_ents.get(sentence)
        if found is None:
            span = self.sentences.spans[sentence]
            inside = [e for e in self.ents if span.start <= e.start and e.end <= span.end]
            found = self._sentence_ents[sentence] = [(e, self.words[e.root.i]) for e in inside]
        return found

    def text_of(self, start: int, end: int) -> str:
        """The text of words start..end-1, as `doc[start:end].text` gives it."""
        if end <= start:
            return ""
        last = self.words[end - 1]
        return self.text[self.words[start].idx : last.idx + len(last.text)]


def _read_words(doc: Doc) -> tuple[list[Word], str]:
    """The words of a document, and its text. One pass, keeping no Token: each is freed at once."""
    words: list[Word] = []
    texts: list[str] = []
    for t in doc:
        words.append(
            Word(
                t.i,
                t.text,
                t.lower_,
                t.lemma_,
                t.pos_,
                t.tag_,
                t.dep_,
                t.ent_type_,
                t.idx,
                t.is_punct,
                t.is_space,
                t.is_stop,
            )
        )
        texts.append(t.text_with_ws)
    return words, "".join(texts)


def _link_heads(words: list[Word], doc: Doc) -> None:
    """Each word's head and children, from the parse's head offsets (no Token made for a head)."""
    offsets = doc.to_array(HEAD).astype("int64").tolist()
    children: dict[int, list[Word]] = {}
    for word, offset in zip(words, offsets, strict=True):
        head = words[word.i + offset]
        word.head = head
        if head is not word:
            children.setdefault(head.i, []).append(word)
    for i, below in children.items():
        words[i].children = tuple(below)
