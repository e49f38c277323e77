"""Attribution rules over a parsed ``Doc``: cues, contents and speaker mentions.

Three passes, each a small function:

1. :func:`reported_claims`: a cue verb (or noun) with a complement clause outside quotation
   marks gives an indirect claim (mixed when the clause embeds a short quote);
   “according to X” gives an according_to claim.
2. :func:`quote_claims`: every quotation not already inside a claim looks for its cue in its own
   sentence(s), then borrows the speaker of the adjacent quote; quote pieces split around one
   cue (“…,” she said, “…”) become one claim.
3. The pipeline resolves speaker mentions article-wide (:mod:`claims.extraction.speakers`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claims.extraction.lexicon import Lexicon
from claims.extraction.quotes import Quote, find_quotes, word_count
from claims.extraction.scorer import CueModel, candidate_features, load_model
from claims.extraction.types import ClaimKind

MIN_QUOTE_WORDS = 4
MIN_UNATTRIBUTED_WORDS = 10


@dataclass(slots=True)
class Candidate:
    """A claim before speaker resolution; offsets are character offsets."""

    start: int
    end: int
    kind: ClaimKind
    cue: tuple[int, int] | None
    mention: Span | None = None  # the subject noun phrase as written
    mention_head: Token | None = None
    via: Span | None = None
    paragraph: int = -1
    inherited: Candidate | None = None  # quote without its own cue: the claim it continues
    cue_token: int | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)
    open_end: bool = False  # a quotation left open at the end of its paragraph


class QuoteIndex:
    """Which character offsets fall inside quotation marks."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self.starts = [q.start for q in quotes]

    def containing(self, offset: int) -> Quote | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def inside(self, token: Token) -> bool:
        quote = self.containing(token.idx)
        return quote is not None and token.idx > quote.start

    def overlapping(self, start: int, end: int) -> list[Quote]:
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        out = []
        for quote in self.quotes[i:]:
            if quote.start >= end:
                break
            if quote.end > start:
                out.append(quote)
        return out


# ---------------------------------------------------------------- spans and subjects


def _is_trim(token: Token) -> bool:
    return token.is_space or (token.is_punct and token.text not in "“”\"'’”)]")


def token_range(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Trim punctuation and spaces from both ends of ``doc[first:last+1]``; char offsets."""
    while first <= last and (
        doc[first].is_space or (doc[first].is_punct and doc[first].text not in '“"(')
    ):
        first += 1
    while last >= first and _is_trim(doc[last]):
        last -= 1
    if first > last:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last])


_DATELINE = frozenset({"-", "—", "–", ":", "(", ")"})

#: discourse idioms built on a speech verb that report nothing (“That said, …”), as lower-cased
#: words; each must be followed by a comma
IDIOMS = (
    ("that", "said"),
    ("this", "said"),
    ("that", "being", "said"),
    ("this", "being", "said"),
    ("having", "said", "that"),
    ("having", "said", "this"),
    ("all", "that", "said"),
    ("with", "that", "said"),
    ("needless", "to", "say"),
    ("suffice", "it", "to", "say"),
    ("that", "is", "to", "say"),
)


def idiom_at(doc: Doc, i: int) -> int | None:
    """The index of the comma closing an idiom (:data:`IDIOMS`) that starts at token ``i``,
    at the start of a sentence or after punctuation or a conjunction (not “a sign that
    said, …”)."""
    if i >= len(doc):
        return None
    if not doc[i].is_sent_start and i > 0:
        before = doc[i - 1]
        if not (before.is_punct or before.is_space or before.lower_ in ("and", "but", "so", "yet")):
            return None
    for idiom in IDIOMS:
        end = i + len(idiom)
        if (
            end < len(doc)
            and doc[end].text == ","
            and all(doc[i + k].lower_ == w for k, w in enumerate(idiom))
        ):
            return end
    return None


def in_idiom(token: Token) -> bool:
    """``token`` is part of a “That said,” idiom (at most four words before it)."""
    doc = token.doc
    for i in range(max(token.i - 4, 0), token.i + 1):
        end = idiom_at(doc, i)
        if end is not None and i <= token.i < end:
            return True
    return False


def noun_phrase(token: Token, quotes: QuoteIndex) -> Span:
    """The subject noun phrase of ``token``: its subtree, cut at quotation marks, line breaks
    and a dateline (“LONDON (Reuters) - Donald Trump”), and trimmed."""
    doc = token.doc
    first, last = token.left_edge.i, token.right_edge.i
    for i in range(token.i - 1, first - 1, -1):
        t = doc[i]
        spaced = bool(t.whitespace_) or (i > 0 and bool(doc[i - 1].whitespace_))
        if quotes.inside(t) or t.text in '“”"' or t.is_space or (t.text in _DATELINE and spaced):
            first = i + 1
            break
    for i in range(token.i + 1, last + 1):
        if quotes.inside(doc[i]) or doc[i].text in '“”"' or doc[i].is_space:
            last = i - 1
            break
    while first < token.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > token.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return doc[first : last + 1]


def subject_of(verb: Token, quotes: QuoteIndex | None = None, depth: int = 0) -> Token | None:
    """The speaker token of a cue verb, climbing conjunctions, participles and infinitives.
    Subjects inside quotation marks are misparses of the quote itself and are skipped."""

    def outside(token: Token) -> bool:
        return quotes is None or not quotes.inside(token)

    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj") and outside(child):
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if any(child.dep_ == "nsubjpass" for child in verb.children):
        return None
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBG", "VBZ", "VBP") and outside(verb.head):
        return verb.head  # “people saying that …”, “a group of rabbis called for …”
    if verb.dep_ == "pcomp" and depth < 3 and verb.head.head is not verb.head:
        return subject_of(verb.head.head, quotes, depth + 1)  # “… by joking that …”
    if depth < 3 and verb.head is not verb and verb.dep_ in _CLIMB:
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
            return None
        if verb.dep_ == "ccomp" and verb.i < verb.head.i:
            return None
        return subject_of(verb.head, quotes, depth + 1)
    if depth == 0 and verb.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBZ", "VBP"):
        return _stranded_subject(verb, quotes)
    return None


def _stranded_subject(verb: Token, quotes: QuoteIndex | None) -> Token | None:
    """“Senator Harry Reid, the minority leader, said …” parsed with no subject (“Reid” hung
    on an earlier phrase): the noun phrase that ends right before the verb, past commas."""
    if any(c.dep_ in ("nsubjpass", "expl") for c in verb.children):
        return None
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].is_punct and verb.doc[i].text in ",)":
        i -= 1
    if i < verb.sent.start:
        return None
    token = verb.doc[i]
    while token.dep_ in ("appos", "compound", "prep", "pobj") and token.head.i < verb.i:
        token = token.head  # up from “leader” (appos) or “Convention” (pobj) to “Reid”
    if token.pos_ not in ("PROPN", "NOUN") or token.i >= verb.i:
        return None
    if quotes is not None and quotes.inside(token):
        return None
    return token


_CLIMB = frozenset({"conj", "advcl", "xcomp", "ccomp", "oprd", "acomp"})


def inverted_subject(verb: Token, quotes: QuoteIndex) -> Token | None:
    """“…,” said a person close to the Clintons: the parser often makes the speaker an object."""
    for child in verb.rights:
        if quotes.inside(child) or child.dep_ == "punct":
            continue
        if child.dep_ in (
            "dobj",
            "attr",
            "npadvmod",
            "nsubj",
            "dative",
            "appos",
        ) and child.pos_ in (
            "NOUN",
            "PROPN",
        ):
            return child
        break
    return None


def _citing(verb: Token, extra: Token | None) -> Token | None:
    """Y in “X reported, citing Y, that …”."""
    for head in (verb, extra):
        if head is None:
            continue
        for child in head.children:
            if child.lemma_ == "cite" and child.dep_ in ("advcl", "xcomp", "prep", "conj"):
                for obj in child.children:
                    if obj.dep_ in ("dobj", "pobj"):
                        return obj
    return None


def _via(verb: Token, lexicon: Lexicon) -> Token | None:
    """X in “…, Y told X.” when X is an outlet rather than “reporters”."""
    if verb.lemma_ != "tell":
        return None
    for child in verb.children:
        if (
            child.dep_ in ("dobj", "dative")
            and child.pos_ == "PROPN"
            and child.lower_ not in lexicon.via_excluded
        ):
            return child
    return None


# ---------------------------------------------------------------- complements


def _has_that(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "mark" and child.lower_ in ("that", "whether", "if"):
            return child
    return None


@dataclass(frozen=True, slots=True)
class Complement:
    """What a cue verb introduces: the frame and the token range of the content."""

    frame: str
    first: int
    last: int


_OBJECT_TAIL = frozenset({"dobj", "dative", "prep", "oprd", "xcomp", "ccomp", "acomp", "attr"})


def _clause(verb: Token, head: Token, mark: Token | None, lexicon: Lexicon) -> tuple[int, int]:
    """Token range of a complement clause headed by ``head``, on its own side of the cue."""
    after = head.i > verb.i
    sub = [t.i for t in head.subtree if (t.i > verb.i if after else t.i < verb.i)]
    first, last = min(sub), max(sub)
    if mark is None and after:
        mark = _has_that(head)
    if mark is not None and mark.i > first:
        first = mark.i
    if after:
        last = _extend_to_verb_end(verb, last)
        last = _cut_nested(head, first, last, lexicon)
        first = _earlier_that_clause(verb, first)
    return first, last


def _extend_to_verb_end(verb: Token, last: int) -> int:
    """Run a clause on to the end of the cue's own phrase: the parser often attaches the
    clause's last words (“…; Trump just wants …”) to the cue verb instead."""
    end = min(verb.right_edge.i, verb.sent.end - 1)
    for child in verb.rights:
        if child.i > last and child.dep_ in ("conj", "cc", "advcl", "parataxis"):
            end = min(end, child.left_edge.i - 1)
    return max(last, end)


def _that_clauses(verb: Token) -> Iterator[tuple[Token, Token]]:
    """(head, mark) of that-clauses the parser attached away from their cue verb."""
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ in ("conj", "advcl", "parataxis"):
            mark = _has_that(child)
            if mark is not None and mark.lower_ == "that":
                yield child, mark
        elif child.dep_ == "dobj":
            # “expressed doubt that …”
            for grandchild in child.children:
                if grandchild.dep_ in ("acl", "relcl", "ccomp"):
                    mark = _has_that(grandchild)
                    if mark is not None and mark.lower_ == "that":
                        yield grandchild, mark
        elif child.dep_ == "prep":
            # “asserting in a townhall that …”: misattached below a prepositional object
            for token in child.subtree:
                mark = _has_that(token) if token.dep_ in ("relcl", "acl") else None
                if mark is not None and mark.lower_ == "that":
                    yield token, mark
                    break


def _inserted(verb: Token) -> tuple[int, int] | None:
    """“[…], respondents said, […]” and “As X reported, […]”: the host clause around the cue."""
    host = verb.head
    if host is verb or verb.dep_ not in ("parataxis", "advcl"):
        return None
    if verb.dep_ == "advcl" and not any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    ):
        return None
    sent = verb.sent
    first = max(host.left_edge.i, sent.start)
    last = min(host.right_edge.i, sent.end - 1)
    if verb.left_edge.i <= first:
        first = verb.right_edge.i + 1
    elif verb.right_edge.i >= last:
        last = verb.left_edge.i - 1
    return (first, last) if first <= last else None


def complement_candidates(verb: Token, lexicon: Lexicon) -> list[Complement]:
    """Every content a verb could introduce, most specific frame first.

    Frames: ``ccomp`` (a complement clause), ``that`` (a that-clause attached elsewhere),
    ``xcomp`` (“wants to …”), ``dobj`` (“endorsed Clinton”), ``dobj+`` (the object with its
    complements: “accused X of Y”), ``prep:<p>`` (“talked about X”), ``inserted`` (“X, he
    said, Y”), ``nsubjpass`` (“his comments were derided”).
    """
    out: list[Complement] = []
    if verb.lemma_ == "cite" and verb.dep_ == "advcl":
        return out  # “X reported, citing Y, that …”: the clause belongs to “reported”
    children = list(verb.children)
    for child in children:
        if child.dep_ == "ccomp":
            out.append(Complement("ccomp", *_clause(verb, child, None, lexicon)))
        elif child.dep_ == "advcl" and child.lemma_ == "cite":
            for clause in child.children:
                if clause.dep_ == "ccomp" and clause.i > child.i:
                    out.append(Complement("ccomp", *_clause(verb, clause, None, lexicon)))
    for head, mark in _that_clauses(verb):
        out.append(Complement("that", *_clause(verb, head, mark, lexicon)))
    tail = [c for c in children if c.i > verb.i and c.dep_ in _OBJECT_TAIL]
    for child in children:
        if child.i < verb.i:
            if child.dep_ == "nsubjpass":
                out.append(Complement("nsubjpass", child.left_edge.i, child.right_edge.i))
            continue
        if child.dep_ == "xcomp":
            out.append(Complement("xcomp", *_clause(verb, child, None, lexicon)))
        elif child.dep_ == "dobj":
            out.append(Complement("dobj", child.left_edge.i, child.right_edge.i))
            last = max(c.right_edge.i for c in tail)
            if last > child.right_edge.i:
                out.append(Complement("dobj+", child.left_edge.i, last))
        elif child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    frame = "prep:" + child.lower_
                    out.append(Complement(frame, obj.left_edge.i, obj.right_edge.i))
                    break
    inserted = _inserted(verb)
    if inserted is not None:
        out.append(Complement("inserted", *inserted))
    return out


def best_complement(
    cue: Token, candidates: list[Complement], lexicon: Lexicon, model: CueModel | None
) -> Complement | None:
    """The candidate most likely to be attributed content: by the cue model when trained,
    else by the learned cue frames; None when none is likely enough."""
    lemma = ("n:" if cue.pos_ == "NOUN" else "") + cue.lemma_.lower()
    best: tuple[float, Complement] | None = None
    for complement in candidates:
        if model is not None:
            features = candidate_features(
                cue, complement.frame, complement.first, complement.last, lexicon
            )
            score: float | None = model.probability(features)
            if score is not None and score < model.threshold:
                score = None
        else:
            score = lexicon.frame_score(lemma, complement.frame)
        if score is not None and (best is None or score > best[0]):
            best = (score, complement)
    return best[1] if best else None


def complement_of(
    verb: Token, lexicon: Lexicon, model: CueModel | None = None
) -> Complement | None:
    """The complement of ``verb`` most likely to be attributed content."""
    return best_complement(verb, complement_candidates(verb, lexicon), lexicon, model)


def _cut_nested(head: Token, first: int, last: int, lexicon: Lexicon) -> int:
    """End a content before a trailing participle cue (“…, famously asserting that …”)."""
    for token in head.subtree:
        if (
            token.i > head.i
            and first <= token.i <= last
            and token.dep_ in ("advcl", "conj")
            and token.tag_ == "VBG"
            and token.lemma_.lower() in lexicon.speech_verbs
        ):
            return min(last, token.left_edge.i - 1)
    return last


def _earlier_that_clause(verb: Token, first: int) -> int:
    """“expressed doubt that A, B or C”: a that-clause on the object starts the content."""
    for child in verb.children:
        if child.dep_ == "dobj" and verb.i < child.i < first:
            for grandchild in child.children:
                mark = (
                    _has_that(grandchild) if grandchild.dep_ in ("acl", "relcl", "ccomp") else None
                )
                if mark is not None and mark.lower_ == "that":
                    return min(first, mark.i)
    return first


#: punctuation that opens a non-restrictive aside
_ASIDE_OPENERS = frozenset({",", "—", "–", "-", "―", "--"})
_WH = frozenset({"which", "who", "whom", "whose"})


def _aside_start(token: Token) -> int | None:
    """Where an aside headed by ``token`` starts (its opening comma or dash), when it is a
    non-restrictive relative clause (“, which …”) or an appositive (“, a plan …”)."""
    doc = token.doc
    left = token.left_edge.i
    if left == 0 or doc[left - 1].text not in _ASIDE_OPENERS:
        return None
    if token.dep_ == "relcl" and doc[left].lower_ in _WH:
        return left - 1
    if token.dep_ == "appos" and token.pos_ in ("NOUN", "PROPN"):
        return left - 1
    return None


def trim_trailing_aside(doc: Doc, first: int, last: int, quotes: QuoteIndex) -> int:
    """End a reported content before a trailing aside the writer added (“he would
    quarantine people, [which is spread by mosquitoes]”), outside quotation marks."""
    end = last
    while end > first and _is_trim(doc[end]):
        end -= 1
    for token in doc[first : end + 1]:
        if token.right_edge.i < end or token.dep_ not in ("relcl", "appos"):
            continue
        start = _aside_start(token)
        if start is not None and start > first and not quotes.inside(doc[start]):
            return start - 1
    return last


#: what a speech act happens in or on: “said … [in an interview]”, “… [on Tuesday]”
OCCASIONS = frozenset(
    [
        "interview",
        "appearance",
        "statement",
        "speech",
        "rally",
        "email",
        "e-mail",
        "letter",
        "post",
        "tweet",
        "op-ed",
        "conference",
        "call",
        "hearing",
        "debate",
        "event",
        "meeting",
        "memo",
        "show",
        "program",
        "programme",
        "broadcast",
        "briefing",
        "session",
        "address",
        "remarks",
        "release",
        "forum",
        "podcast",
        "video",
        "op-ed",
        "column",
        "editorial",
        "campaign",
        "stop",
        "visit",
        "town",
        "hall",
        "townhall",
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "morning",
        "afternoon",
        "evening",
        "night",
        "week",
        "weekend",
        "month",
        "year",
    ]
)


#: the medium of a speech act, cut even when the parser hangs it inside the content
MEDIA = frozenset(
    [
        "interview",
        "appearance",
        "statement",
        "speech",
        "email",
        "e-mail",
        "letter",
        "post",
        "tweet",
        "op-ed",
        "briefing",
        "podcast",
        "video",
        "column",
        "editorial",
        "remarks",
        "release",
        "call",
    ]
)


def _occasion(child: Token) -> bool:
    """A verb's adjunct that says when or where it spoke (“in an interview”, “on Tuesday”)."""
    if child.dep_ == "npadvmod":
        return child.ent_type_ in ("DATE", "TIME")
    if child.dep_ != "prep":
        return False
    for obj in child.children:
        if obj.dep_ == "pobj":
            return obj.lemma_.lower() in OCCASIONS or obj.ent_type_ in ("DATE", "TIME")
    return False


def trim_trailing_occasion(verb: Token, first: int, last: int) -> int:
    """End a content before the cue's own trailing adjuncts of time and occasion that the
    span ran into (“said he would win [in an interview on Tuesday]”)."""
    doc = verb.doc
    end = last
    while end > first and _is_trim(doc[end]):
        end -= 1
    for child in reversed(list(verb.rights)):
        if child.i <= first or child.right_edge.i < end:
            continue
        if child.right_edge.i > last or not _occasion(child):
            break
        end = child.left_edge.i - 1
        while end > first and _is_trim(doc[end]):
            end -= 1
    for token in doc[first : end + 1]:
        # “… [in an interview]” the parser hung inside the content
        if (
            token.dep_ == "prep"
            and token.lower_ in ("in", "during")
            and token.i > first + 2
            and token.right_edge.i >= end
            and any(o.dep_ == "pobj" and o.lemma_.lower() in MEDIA for o in token.children)
        ):
            end = token.i - 1
            while end > first and _is_trim(doc[end]):
                end -= 1
            break
    return end if end >= first else last


# ---------------------------------------------------------------- reported speech


def reported_claims(
    doc: Doc, quotes: QuoteIndex, lexicon: Lexicon, model: CueModel | None = None
) -> list[Candidate]:
    """Indirect, mixed and according_to claims."""
    out: list[Candidate] = []
    for token in doc:
        if token.lower_ == "according":
            found = _according_to(token, quotes) if not quotes.inside(token) else None
        elif token.pos_ in ("VERB", "AUX") and not quotes.inside(token):
            found = _reported(token, quotes, lexicon, model)
        elif token.pos_ == "NOUN" and not quotes.inside(token):
            found = _reported_by_noun(token, quotes, lexicon, model)
        else:
            continue
        if found:
            out.append(found)
    return out


def _reported(
    verb: Token, quotes: QuoteIndex, lexicon: Lexicon, model: CueModel | None
) -> Candidate | None:
    if verb.lemma_.lower() == "say" and in_idiom(verb):
        return None
    complement = complement_of(verb, lexicon, model)
    if complement is None:
        return None
    first = complement.first
    lead = idiom_at(verb.doc, first)
    if lead is not None and lead < complement.last:
        first = lead + 1  # “[That said,] taxes will rise”: the idiom is not content
    last = trim_trailing_aside(verb.doc, first, complement.last, quotes)
    last = trim_trailing_occasion(verb, first, last)
    span = token_range(verb.doc, first, last)
    if span is None:
        return None
    start, end = span
    for quote in quotes.overlapping(start, end):
        if start <= quote.start and end < quote.end <= end + 3:
            end = quote.end  # keep the closing mark of an embedded quote
    overlapping = quotes.overlapping(start, end)
    inside = sum(min(q.end, end) - max(q.start, start) for q in overlapping)
    if overlapping and overlapping[0].start <= start + 1 and inside >= 0.5 * (end - start):
        return None  # a direct quote: the quote pass handles it
    kind = ClaimKind.MIXED if inside else ClaimKind.INDIRECT
    subject = subject_of(verb, quotes)
    cited = _citing(verb, verb.doc[complement.first : complement.last + 1].root)
    via = None
    if cited is not None:
        via = subject.doc[subject.i : subject.i + 1] if subject is not None else None
        subject = cited
    else:
        told = _via(verb, lexicon)
        via = verb.doc[told.i : told.i + 1] if told is not None else None
    return Candidate(
        start,
        end,
        kind,
        (verb.idx, verb.idx + len(verb)),
        noun_phrase(subject, quotes) if subject is not None else None,
        subject,
        via,
        cue_token=verb.i,
    )


def noun_complements(noun: Token) -> list[Complement]:
    """What a cue noun introduces: “the claim that …” (``that``), “his desire to …”
    (``to``), “accusations of …” (``prep:of``)."""
    out: list[Complement] = []
    for child in noun.rights:
        if child.dep_ in ("acl", "relcl", "ccomp"):
            mark = _has_that(child)
            if mark is not None and mark.lower_ == "that":
                out.append(Complement("that", mark.i, child.right_edge.i))
            elif any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                out.append(Complement("to", child.left_edge.i, child.right_edge.i))
        elif child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    out.append(
                        Complement("prep:" + child.lower_, obj.left_edge.i, obj.right_edge.i)
                    )
                    break
    return out


def noun_speaker(noun: Token, quotes: QuoteIndex, content_first: int) -> Token | None:
    """Whose claim a cue noun reports: “Trump's claim”, “the perceptions of those in the
    hall that …”, or the subject of “voiced concern”."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in ("of", "by", "from")
            and child.i < content_first
        ):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.right_edge.i < content_first:
                    return obj
    if noun.dep_ == "dobj":
        return subject_of(noun.head, quotes)
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ in ("VERB", "AUX"):
        return subject_of(prep.head, quotes)  # “said in a statement that …”
    return None


def _reported_by_noun(
    noun: Token, quotes: QuoteIndex, lexicon: Lexicon, model: CueModel | None
) -> Candidate | None:
    key = "n:" + noun.lemma_.lower()
    if key not in lexicon.cue_frames if model is None else "l=" + key not in model.weights:
        return None
    best = best_complement(noun, noun_complements(noun), lexicon, model)
    if best is None:
        return None
    last = trim_trailing_aside(noun.doc, best.first, best.last, quotes)
    span = token_range(noun.doc, best.first, last)
    if span is None:
        return None
    start, end = span
    overlapping = quotes.overlapping(start, end)
    if overlapping and overlapping[0].start <= start + 1:
        return None
    subject = noun_speaker(noun, quotes, best.first)
    return Candidate(
        start,
        end,
        ClaimKind.MIXED if overlapping else ClaimKind.INDIRECT,
        (noun.idx, noun.idx + len(noun)),
        noun_phrase(subject, quotes) if subject is not None else None,
        subject,
        cue_token=noun.i,
    )


def _according_to(token: Token, quotes: QuoteIndex) -> Candidate | None:
    """“According to X, …” and “…, according to X.”."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        source = next((c for c in token.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    sent = token.sent
    phrase_first = token.i
    phrase_last = max(source.right_edge.i, to.i)
    before = token_range(doc, sent.start, phrase_first - 1) if phrase_first > sent.start else None
    after = token_range(doc, phrase_last + 1, sent.end - 1) if phrase_last + 1 < sent.end else None
    span = (before[0], after[1]) if before and after else before or after
    if span is None:
        return None
    return Candidate(
        span[0],
        span[1],
        ClaimKind.ACCORDING_TO,
        (token.idx, to.idx + len(to)),
        noun_phrase(source, quotes),
        source,
        cue_token=token.i,
    )


# ---------------------------------------------------------------- direct quotes


def _quote_cue(doc: Doc, quote: Quote, quotes: QuoteIndex, lexicon: Lexicon) -> Token | None:
    """The nearest speech verb outside quotes in the sentence(s) the quote touches."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    first_sent, last_sent = span[0].sent, span[-1].sent
    best: tuple[int, Token] | None = None
    window = list(range(first_sent.start, span.start)) + list(range(span.end, last_sent.end))
    for i in window:
        token = doc[i]
        if quotes.inside(token) or token.pos_ not in ("VERB", "AUX"):
            continue
        if token.lemma_.lower() not in lexicon.quote_verbs or in_idiom(token):
            continue
        # a cue must not be separated from the quote by another quotation
        lo, hi = sorted((token.idx, quote.start if token.idx < quote.start else quote.end))
        if any(q is not quote for q in quotes.overlapping(lo, hi)):
            continue
        distance = quote.start - token.idx if token.idx < quote.start else token.idx - quote.end
        if best is None or distance < best[0]:
            best = (distance, token)
    return best[1] if best else None


def _clause_lead(cue: Token, quote: Quote, lexicon: Lexicon, model: CueModel | None) -> int | None:
    """Where a clause starts that runs on into the quotation (“described the attack as “…””,
    “said wealthy Americans “pay their fair share …””); None when the quote stands alone."""
    if cue.idx > quote.start:
        return None
    complement = complement_of(cue, lexicon, model)
    if complement is None:
        return None
    doc = cue.doc
    first = doc[complement.first]
    last = doc[complement.last]
    if first.idx < quote.start and last.idx >= quote.start and first.i > cue.i:
        gap = doc.text[first.idx : quote.start]
        if gap.strip() and not any(mark in gap for mark in '“”"«»'):
            return first.idx
    return None


def _colon_speaker(doc: Doc, quote: Quote, quotes: QuoteIndex) -> tuple[Token, Token] | None:
    """“From the campaign: “…”” and “Trump replied: “…””: (colon, speaker head)."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    i = span.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text != ":":
        return None
    colon = doc[i]
    subject = subject_of(colon.head, quotes) if colon.head.pos_ in ("VERB", "AUX") else None
    if subject is not None:
        return colon, subject
    for j in range(i - 1, max(colon.sent.start, i - 12) - 1, -1):
        token = doc[j]
        if quotes.inside(token):
            break
        if token.dep_ in ("nsubj", "pobj") and token.pos_ in ("PROPN", "NOUN", "PRON"):
            return colon, token
        if token.dep_ == "ROOT" and token.pos_ in ("PROPN", "NOUN"):
            return colon, token
    return None


_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at"})


def looks_like_title(inner: str) -> bool:
    """“American Skin (41 Shots)”, “The Art of the Deal”: a title, not something said."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", inner)]
    if not words or len(words) > 10 or inner.rstrip()[-1:] in ".,!?;:":
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)


class _Coverage:
    """Whether a character range lies inside one of the given claims, in O(log n)."""

    def __init__(self, claims: list[Candidate]) -> None:
        ordered = sorted((c.start, c.end) for c in claims)
        self.starts = [a for a, _ in ordered]
        self.max_end: list[int] = []
        for _, end in ordered:
            self.max_end.append(max(end, self.max_end[-1] if self.max_end else end))

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.max_end[i] >= end


def quote_claims(
    doc: Doc,
    quotes: QuoteIndex,
    taken: list[Candidate],
    lexicon: Lexicon,
    model: CueModel | None = None,
) -> list[Candidate]:
    """Direct claims from quotations not already part of a reported claim."""
    text = doc.text
    out: list[Candidate] = []
    covered = _Coverage(taken)
    for quote in quotes.quotes:
        inner = quote.inner(text)
        if word_count(inner) < MIN_QUOTE_WORDS or looks_like_title(inner):
            continue
        if covered.covers(quote.start, quote.end - 1):
            continue
        cue = _quote_cue(doc, quote, quotes, lexicon)
        cand = Candidate(quote.start, quote.end, ClaimKind.DIRECT, None, paragraph=quote.paragraph)
        cand.parts = [(quote.start, quote.end)]
        cand.open_end = not quote.closed
        if cue is not None:
            subject = subject_of(cue, quotes)
            if subject is None and cue.idx > quote.start:
                subject = inverted_subject(cue, quotes)
            cand.cue = (cue.idx, cue.idx + len(cue))
            cand.cue_token = cue.i
            if subject is not None:
                cand.mention = noun_phrase(subject, quotes)
                cand.mention_head = subject
            told = _via(cue, lexicon)
            cand.via = doc[told.i : told.i + 1] if told is not None else None
            lead = _clause_lead(cue, quote, lexicon, model)
            if lead is not None:
                cand.start, cand.kind = lead, ClaimKind.MIXED
        else:
            colon = _colon_speaker(doc, quote, quotes)
            if colon is not None:
                cand.cue = (colon[0].idx, colon[0].idx + 1)
                cand.mention = noun_phrase(colon[1], quotes)
                cand.mention_head = colon[1]
        out.append(cand)
    merged = _merge_and_inherit(doc, out)
    # a quotation nobody is said to have spoken is a title or a scare quote, not a claim
    return [
        c
        for c in merged
        if c.cue is not None
        or c.inherited is not None
        or word_count(text[c.start : c.end]) >= MIN_UNATTRIBUTED_WORDS
    ]


def _gap_is_cue(text: str, prev: Candidate, cur: Candidate) -> bool:
    gap = text[prev.end : cur.start]
    if not gap.strip():
        return True
    return prev.cue is not None and prev.end <= prev.cue[0] < cur.start and len(gap) < 160


def _continues(text: str, prev: Candidate, cur: Candidate) -> bool:
    """Whether ``cur`` opens the paragraph after the one ``prev``'s quotation left open."""
    return (
        prev.open_end
        and cur.paragraph == prev.paragraph + 1
        and not text[prev.end : cur.start].strip()
        and (cur.cue_token is None or prev.cue_token is None or cur.cue_token == prev.cue_token)
    )


def _merge_and_inherit(doc: Doc, claims: list[Candidate]) -> list[Candidate]:
    """Join quote pieces split around one cue; give cue-less quotes their neighbour's speaker."""
    text = doc.text
    merged: list[Candidate] = []
    for cur in claims:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.paragraph == cur.paragraph
            and (cur.cue_token is None or cur.cue_token == prev.cue_token)
            and _gap_is_cue(text, prev, cur)
        ):
            prev.end = cur.end
            prev.parts.append((cur.start, cur.end))
            prev.open_end = cur.open_end
            continue
        if prev is not None and _continues(text, prev, cur):
            # a quotation running on into the next paragraph: one claim, one speaker
            if prev.cue_token is None:
                prev.cue, prev.cue_token = cur.cue, cur.cue_token
                prev.mention, prev.mention_head, prev.via = cur.mention, cur.mention_head, cur.via
            prev.end, prev.paragraph, prev.open_end = cur.end, cur.paragraph, cur.open_end
            prev.parts.append((cur.start, cur.end))
            continue
        merged.append(cur)
    for i, cur in enumerate(merged):
        if cur.mention is not None or cur.inherited is not None:
            continue
        prev = merged[i - 1] if i else None
        nxt = merged[i + 1] if i + 1 < len(merged) else None
        if (
            prev is not None
            and prev.paragraph in (cur.paragraph, cur.paragraph - 1)
            and (prev.mention is not None or prev.inherited is not None)
        ):
            cur.inherited = prev
        elif nxt is not None and nxt.paragraph == cur.paragraph and nxt.mention is not None:
            cur.inherited = nxt
    return merged


_DEFAULT = object()


def find_candidates(doc: Doc, lexicon: Lexicon, model: object = _DEFAULT) -> list[Candidate]:
    """All claim candidates of a parsed document, in text order. ``model`` defaults to the
    shipped cue model; pass None to decide by the learned cue frames alone."""
    cue_model = load_model() if model is _DEFAULT else model
    assert cue_model is None or isinstance(cue_model, CueModel)
    quotes = QuoteIndex(find_quotes(doc.text))
    reported = _merge_light_verbs(doc, reported_claims(doc, quotes, lexicon, cue_model))
    direct = quote_claims(doc, quotes, reported, lexicon, cue_model)
    claims = _unique(sorted(reported + direct, key=lambda c: (c.start, c.end)))
    _inherit_from_reported(doc.text, claims)
    return claims


def _inherit_from_reported(text: str, claims: list[Candidate]) -> None:
    """“… about “people telling leaders …,” Wilcox said. “What we're seeing …”: a quotation
    with no cue and no quoted neighbour continues the claim just before it in its paragraph."""
    for i, cur in enumerate(claims):
        if cur.kind is not ClaimKind.DIRECT or cur.mention is not None or cur.inherited is not None:
            continue
        for prev in reversed(claims[:i]):
            if prev.end > cur.start:
                continue
            if "\n" not in text[prev.end : cur.start] and (
                prev.mention is not None or prev.inherited is not None
            ):
                cur.inherited = prev
            break


def _unique(claims: list[Candidate]) -> list[Candidate]:
    """One claim per span (“said in a statement that …” finds it from the verb and the
    noun): the first one with a speaker mention, else the first."""
    out: list[Candidate] = []
    dropped: dict[int, Candidate] = {}  # id of a dropped claim -> the one kept instead
    for claim in claims:
        if out and (out[-1].start, out[-1].end) == (claim.start, claim.end):
            if out[-1].mention is None and claim.mention is not None:
                dropped[id(out[-1])] = claim
                out[-1] = claim
            else:
                dropped[id(claim)] = out[-1]
            continue
        out.append(claim)
    for claim in out:
        if claim.inherited is not None and id(claim.inherited) in dropped:
            claim.inherited = dropped[id(claim.inherited)]
    return out


def _merge_light_verbs(doc: Doc, claims: list[Candidate]) -> list[Candidate]:
    """“expressed doubt that …”: the verb and its object noun both found the same claim.
    Keep the verb's claim, with the cue “expressed doubt”."""
    by_cue = {c.cue_token: c for c in claims if c.cue_token is not None}
    out = []
    for claim in claims:
        token = doc[claim.cue_token] if claim.cue_token is not None else None
        verb_claim = by_cue.get(token.head.i) if token is not None else None
        if (
            token is not None
            and token.pos_ == "NOUN"
            and token.dep_ == "dobj"
            and verb_claim is not None
            and verb_claim is not claim
            and verb_claim.start <= claim.start < verb_claim.end
        ):
            if verb_claim.cue is not None and verb_claim.cue[0] < token.idx:
                verb_claim.cue = (verb_claim.cue[0], token.idx + len(token))
            continue
        out.append(claim)
    return out
