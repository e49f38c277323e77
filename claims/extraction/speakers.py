"""Who is speaking: from a subject noun phrase to a canonical, article-wide speaker.

A mention (“Kremlin spokesperson Dmitry Peskov”, “Peskov”, “he”, “a parliamentary source”) is
first described on its own (:func:`describe_mention`), then resolved against the speakers met
earlier in the same article (:class:`SpeakerResolver`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claims.extraction.lexicon import Lexicon
from claims.extraction.types import SpeakerKind

_ENTITY_KIND = {
    "PERSON": SpeakerKind.PERSON,
    "ORG": SpeakerKind.ORGANISATION,
    "GPE": SpeakerKind.ORGANISATION,
    "NORP": SpeakerKind.GROUP,
    "FAC": SpeakerKind.ORGANISATION,
}
_ENTITY_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "FAC": 4}
_STRIP = " \t\n,;:—–-\"'“”‘’()[]"


@dataclass(slots=True)
class MentionInfo:
    """What a mention says by itself, before resolution."""

    name: str
    kind: SpeakerKind
    description: str
    pronoun: str | None = None  # "person", "plural", "organisation" when a pronoun
    definite_heads: frozenset[str] = frozenset()  # head lemma of “the spokesperson”
    gender: str | None = None  # "m"/"f" from “he”/“she” or “Mr.”/“Ms.”


@dataclass(slots=True)
class KnownSpeaker:
    name: str
    kind: SpeakerKind
    description: str
    heads: set[str] = field(default_factory=set)
    gender: str | None = None


GENDERED = {"he": "m", "him": "m", "his": "m", "mr": "m", "mr.": "m", "she": "f", "her": "f"}
GENDERED |= {"mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}


def mention_gender(mention: Span) -> str | None:
    """Grammatical gender a mention shows by itself (“she”, “Mr. Trump”), if any."""
    for token in mention[:2]:
        if token.lower_ in GENDERED:
            return GENDERED[token.lower_]
    return None


def clean(text: str) -> str:
    """Strip punctuation, possessive endings and extra whitespace around a name."""
    text = " ".join(text.split()).strip(_STRIP)
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip(_STRIP)


def words(tokens: list[Token]) -> str:
    """The tokens as written (“Jean-Pierre”, not “Jean - Pierre”), cleaned."""
    return clean("".join(t.text_with_ws for t in tokens))


def _strip_titles(tokens: list[Token], lexicon: Lexicon) -> tuple[list[Token], list[Token]]:
    """Split leading title words (“President”, “Sen.”) off a name: (titles, name)."""
    i = 0
    while i < len(tokens) - 1 and tokens[i].lower_ in lexicon.title_words:
        i += 1
    return tokens[:i], tokens[i:]


def mention_entities(mention: Span) -> list[Span]:
    """Entities inside ``mention``, read from the token IOB tags (``Span.ents`` scans the
    whole document, too slow on long texts)."""
    doc, out = mention.doc, []
    i = mention.start
    while i < mention.end:
        token = doc[i]
        if not token.ent_type_:
            i += 1
            continue
        j = i + 1
        while j < mention.end and doc[j].ent_iob_ == "I":
            j += 1
        if token.ent_iob_ == "B" or i == mention.start:
            out.append(Span(doc, i, j, label=token.ent_type_))
        i = j
    return out


def _appositive(head: Token) -> str:
    for child in head.children:
        if child.dep_ == "appos":
            return clean(child.doc[child.left_edge.i : child.right_edge.i + 1].text)
    return ""


def _is_anonymous(mention: Span, head: Token, lexicon: Lexicon) -> bool:
    """“a parliamentary source”, “an anonymous Kremlin official”, “sources familiar with …”."""
    lower = head.lower_
    if lower not in lexicon.anonymous_heads:
        return False
    mention_words = {t.lower_ for t in mention}
    if mention_words & {"anonymous", "unnamed", "familiar", "anonymity"}:
        return True
    first = mention[0].lower_
    if head.tag_ in ("NNS", "NNPS"):
        return lower in lexicon.source_heads and first not in ("the", "these", "those")
    return first in lexicon.anonymous_markers


def _names_person(mention: Span, head: Token) -> bool:
    """“Kremlin official Ivan Petrov”: a named person whose head noun looks anonymous."""
    return head.ent_type_ == "PERSON" or any(t.ent_type_ == "PERSON" for t in mention)


def head_name(token: Token) -> str:
    """The name a single head token stands for: its entity, else its proper-noun run."""
    if token.ent_type_:
        doc, start, end = token.doc, token.i, token.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return clean(doc[start:end].text)
    run = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return words([*run, token])


#: what outlets do and people named by one word rarely do: “Politico reported”, “told Axios”
OUTLET_VERBS = frozenset({"report", "publish", "broadcast", "air", "print"})
OUTLET_NOUNS = frozenset({"report", "reporting", "story", "article", "poll", "analysis"})


def _outlet_context(token: Token) -> bool:
    """``token`` is used the way a news outlet is: subject of “reported”/“published”, object
    of “told”, owner of a “report”/“story”."""
    head = token.head
    lemma = head.lemma_.lower()
    if token.dep_ in ("nsubj", "nsubjpass") and lemma in OUTLET_VERBS:
        return True
    if token.dep_ in ("dobj", "dative") and lemma == "tell":
        return True
    return token.dep_ == "poss" and lemma in OUTLET_NOUNS


def one_word_outlets(doc: Doc, lexicon: Lexicon) -> set[str]:
    """One-word names the small model calls PERSON but the article uses as an outlet
    (“Breitbart reported”): never part of a longer person name, never after an honorific or
    title, and seen at least once in an outlet context (:func:`_outlet_context`)."""
    in_long_names: set[str] = set()
    single: dict[str, list[Token]] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if len(ent) > 1:
            in_long_names.update(t.text for t in ent)
            continue
        token = ent[0]
        before = doc[token.i - 1].lower_ if token.i else ""
        if before in lexicon.honorifics or before in lexicon.title_words:
            in_long_names.add(token.text)
        single.setdefault(token.text, []).append(token)
    return {
        name
        for name, tokens in single.items()
        if name not in in_long_names and any(_outlet_context(t) for t in tokens)
    }


def organisation_names(doc: Doc, lexicon: Lexicon) -> set[str]:
    """Names the article itself calls an organisation (“Vyorstka – a news website”) or uses
    as an outlet (:func:`one_word_outlets`)."""
    names: set[str] = one_word_outlets(doc, lexicon)
    for token in doc:
        if token.dep_ == "appos" and token.lemma_.lower() in lexicon.organisation_heads:
            names.add(head_name(token.head))
    return names


def _description(tokens: list[Token], lexicon: Lexicon) -> str:
    """Role words as written (“Kremlin spokesperson”), without honorifics (“Mr.”); empty
    when nothing but modifiers (“former”) is left."""
    kept = [t for t in tokens if t.lower_ not in lexicon.honorifics and t.pos_ != "PRON"]
    if not any(t.pos_ in ("NOUN", "PROPN") for t in kept):
        return ""
    return words(kept)


def _common_noun_kind(mention: Span, head: Token, lexicon: Lexicon) -> SpeakerKind:
    lemma = head.lemma_.lower()
    if head.lower_ in lexicon.group_heads or lemma in lexicon.group_heads:
        return SpeakerKind.GROUP
    if head.lower_ in lexicon.organisation_heads or lemma in lexicon.organisation_heads:
        return SpeakerKind.ORGANISATION
    plural = head.tag_ in ("NNS", "NNPS")
    if lemma in lexicon.person_heads or head.lower_ in lexicon.person_heads:
        return SpeakerKind.GROUP if plural else SpeakerKind.PERSON
    return SpeakerKind.GROUP if plural else SpeakerKind.ORGANISATION


def _named(mention: Span, head: Token) -> tuple[Span | None, Token | None]:
    """The entity naming the speaker: the one holding the head, else a person appositive
    (“Sanders's campaign manager, Jeff Weaver”); with the appositive token if used."""
    ents = [e for e in mention_entities(mention) if e.label_ in _ENTITY_RANK]
    for ent in ents:
        if ent.start <= head.i < ent.end:
            return ent, None
    for child in head.children:
        if child.dep_ == "appos":
            for ent in ents:
                if ent.label_ == "PERSON" and ent.start <= child.i < ent.end:
                    return ent, child
    return None, None


def describe_mention(mention: Span, head: Token, lexicon: Lexicon, depth: int = 0) -> MentionInfo:
    """Name, kind, description and gender of a subject noun phrase read on its own."""
    info = _describe(mention, head, lexicon, depth)
    info.gender = mention_gender(mention)
    return info


def _describe(mention: Span, head: Token, lexicon: Lexicon, depth: int) -> MentionInfo:
    text = clean(mention.text)
    lower = head.lower_
    if head.tag_ in ("WDT", "WP") and head.head.dep_ == "relcl" and depth < 2:
        # “a report that said …”, “Obama, who said …”: name the antecedent
        antecedent = head.head.head
        span = head.doc[antecedent.left_edge.i : antecedent.i + 1]
        return describe_mention(span, antecedent, lexicon, depth + 1)
    if len(mention) <= 2 and lower in lexicon.pronouns:
        tag = lexicon.pronouns[lower]
        return MentionInfo(text, _pronoun_kind(tag), "", tag)
    if _is_anonymous(mention, head, lexicon) and not _names_person(mention, head):
        return MentionInfo(text, SpeakerKind.ANONYMOUS, text)
    ent, appos = _named(mention, head)
    if ent is not None:
        titles, name_tokens = _strip_titles(list(ent), lexicon)
        if appos is not None:
            before = [t for t in mention if t.i < appos.left_edge.i and not t.is_punct]
        else:
            before = [t for t in mention if t.i < ent.start and t.pos_ not in ("DET", "PUNCT")]
        description = _description(sorted(before + titles, key=lambda t: t.i), lexicon)
        if not description:
            description = _appositive(ent.root) or (_appositive(head) if appos is None else "")
        name = words(name_tokens) or clean(ent.text)
        kind = _ENTITY_KIND[ent.label_]
        return MentionInfo(name, kind, description)
    if head.pos_ == "PROPN":
        run = [t for t in mention if t.pos_ == "PROPN" and t.i <= head.i]
        titles, name_tokens = _strip_titles(run or [head], lexicon)
        name = words(name_tokens)
        description = _description(titles, lexicon) or _appositive(head)
        if head.tag_ == "NNPS":
            kind = SpeakerKind.GROUP
        elif len(head.text) > 1 and head.text.isupper():
            kind = SpeakerKind.ORGANISATION  # an acronym: “CNS”, “NATO”
        else:
            kind = SpeakerKind.PERSON
        return MentionInfo(name or text, kind, description)
    definite = mention[0].lower_ in ("the", "this", "that") and len(mention) <= 4
    kind = _common_noun_kind(mention, head, lexicon)
    heads = frozenset({head.lemma_.lower(), lower}) if definite else frozenset()
    return MentionInfo(short_name(mention, head), kind, "", None, heads)


_NAME_TAIL = frozenset({"amod", "prep", "pobj", "compound", "det", "nummod", "poss", "case"})
MAX_NAME_WORDS = 8


def short_name(mention: Span, head: Token) -> str:
    """A common-noun speaker named by its phrase up to the head and its short modifiers
    (“a group of black parents”), not its relative clauses."""
    doc = mention.doc
    last = head.i
    for i in range(head.i + 1, mention.end):
        token = doc[i]
        if token.is_punct or token.dep_ not in _NAME_TAIL or i - mention.start >= MAX_NAME_WORDS:
            break
        last = i
    return words(list(doc[mention.start : last + 1]))


def _agrees(speaker: KnownSpeaker, gender: str | None) -> bool:
    return gender is None or speaker.gender is None or speaker.gender == gender


def _pronoun_kind(tag: str) -> SpeakerKind:
    return {
        "person": SpeakerKind.PERSON,
        "plural": SpeakerKind.GROUP,
        "organisation": SpeakerKind.ORGANISATION,
    }[tag]


def surname_index(doc: Doc, lexicon: Lexicon) -> dict[str, str]:
    """Map a person's last name (and full name) to the longest full name in the article."""
    index: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        _titles, tokens = _strip_titles(list(ent), lexicon)
        name = words(tokens)
        parts = name.split()
        if len(parts) < 2:
            continue
        for key in (parts[-1], name):
            if len(name) > len(index.get(key, "")):
                index[key] = name
    return index


class SpeakerResolver:
    """Resolves mentions in article order against the speakers already met."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.surnames = surname_index(doc, lexicon)
        self.organisations = organisation_names(doc, lexicon)
        self.known: list[KnownSpeaker] = []  # most recent last

    def _remember(self, speaker: KnownSpeaker, gender: str | None = None) -> KnownSpeaker:
        """Record ``speaker`` as the most recent one, merged with an earlier same-named one."""
        for i, other in enumerate(self.known):
            if other.name == speaker.name:
                if speaker.description and not other.description:
                    other.description = speaker.description
                other.heads |= speaker.heads
                speaker = other
                del self.known[i]
                break
        if speaker.gender is None:
            speaker.gender = gender
        self.known.append(speaker)
        return speaker

    def _canonical(self, info: MentionInfo) -> str:
        if info.kind is SpeakerKind.ANONYMOUS:
            return info.name
        name = info.name
        return (
            self.surnames.get(name) or self.surnames.get(name.split()[-1] if name else "") or name
        )

    def _fallback_person(self, before: int, gender: str | None) -> KnownSpeaker | None:
        """A person named before character ``before`` for a pronoun no earlier speaker fits:
        the latest one whose gender is known to match, else the only person named so far;
        None (unresolved) when several people could be meant."""
        genders = {k.name: k.gender for k in self.known}
        named: dict[str, str | None] = {}  # name -> known gender, latest first
        for ent in reversed(self.doc.ents):
            if ent.label_ != "PERSON" or ent.end_char > before:
                continue
            _t, tokens = _strip_titles(list(ent), self.lexicon)
            name = words(tokens)
            if not name:
                continue
            name = self.surnames.get(name.split()[-1], name)
            shown = mention_gender(self.doc[max(ent.start - 1, 0) : ent.end])
            known = genders.get(name) or shown or named.get(name)
            named[name] = known
        compatible = {
            name: known
            for name, known in named.items()
            if gender is None or known is None or known == gender
        }
        if gender is not None:
            for name, known in compatible.items():
                if known == gender:
                    return KnownSpeaker(name, SpeakerKind.PERSON, "", gender=known)
        if len(named) == 1 and compatible:
            name, known = next(iter(compatible.items()))
            return KnownSpeaker(name, SpeakerKind.PERSON, "", gender=known)
        return None

    def resolve(self, info: MentionInfo, position: int) -> KnownSpeaker:
        """The canonical speaker for a mention found at character ``position``."""
        if info.pronoun is not None:
            wanted = {
                "person": (SpeakerKind.PERSON, SpeakerKind.ANONYMOUS),
                "plural": (SpeakerKind.GROUP, SpeakerKind.ORGANISATION, SpeakerKind.ANONYMOUS),
                "organisation": (SpeakerKind.ORGANISATION,),
            }[info.pronoun]
            for speaker in reversed(self.known):
                if speaker.kind in wanted and _agrees(speaker, info.gender):
                    return self._remember(speaker, info.gender)
            if info.pronoun == "person":
                found = self._fallback_person(position, info.gender)
                if found is not None:
                    return self._remember(found, info.gender)
            return KnownSpeaker(info.name, info.kind, "")
        if info.definite_heads:
            for speaker in reversed(self.known):
                if speaker.heads & info.definite_heads:
                    return self._remember(speaker)
        if info.name in self.organisations:
            info.kind = SpeakerKind.ORGANISATION
        elif info.kind is SpeakerKind.ORGANISATION and info.name in self.surnames:
            # “Sanders” (tagged ORG) in an article that names “Bernie Sanders”
            info.kind = SpeakerKind.PERSON
        heads = set(info.definite_heads)
        heads.update(w.lower() for w in (info.description or info.name).split()[-1:])
        return self._remember(
            KnownSpeaker(self._canonical(info), info.kind, info.description, heads),
            info.gender,
        )
