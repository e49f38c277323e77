"""Idioms that are not cues, pronouns with no earlier speaker, one-word outlets (hand-written)."""

from __future__ import annotations

import pytest

from claims.extraction import SpeakerKind, extract_claims


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("That said, the senator argued that the bill would fail.", "that the bill would fail"),
        ("That said, taxes will rise next year, economists warned.", "taxes will rise next year"),
        ("That being said, the mayor said taxes would fall.", "taxes would fall"),
    ],
)
def test_that_said_is_not_a_cue(text: str, content: str) -> None:
    claims = extract_claims(text)
    assert [c.text for c in claims] == [content]
    assert claims[0].cue is not None and claims[0].cue.start > text.index(",")


def test_having_said_that_reports_nothing() -> None:
    assert extract_claims("Having said that, the plan is sound.") == []


def test_relative_that_said_is_still_a_cue() -> None:
    text = "They handed out leaflets that said, “The border must stay open to everyone.”"
    claims = extract_claims(text)
    assert len(claims) == 1 and "The border must stay open" in claims[0].text
    assert claims[0].cue is not None and claims[0].cue.text == "said"


def test_pronoun_with_two_candidates_stays_unresolved() -> None:
    text = (
        "The meeting between Barack Obama and Angela Merkel ended early. "
        "He said the talks had failed."
    )
    (claim,) = extract_claims(text)
    assert claim.speaker is not None
    assert claim.speaker.name == "He" and claim.speaker.mention == "He"


def test_pronoun_resolves_by_gender() -> None:
    text = "Mrs. Clinton met Mr. Sanders on Monday. He said the talks had failed."
    (claim,) = extract_claims(text)
    assert claim.speaker is not None and claim.speaker.name == "Sanders"
    assert claim.speaker.kind is SpeakerKind.PERSON


def test_pronoun_with_one_person_named_resolves() -> None:
    text = "Bernie Sanders spoke in Ohio on Monday. He said the talks had failed."
    (claim,) = extract_claims(text)
    assert claim.speaker is not None and claim.speaker.name == "Bernie Sanders"


def test_one_word_outlet_is_an_organisation() -> None:
    text = "Breitbart reported that the senator would resign. Breitbart said the vote was rigged."
    claims = extract_claims(text)
    assert len(claims) == 2
    for claim in claims:
        assert claim.speaker is not None and claim.speaker.name == "Breitbart"
        assert claim.speaker.kind is SpeakerKind.ORGANISATION


def test_surname_of_a_named_person_is_a_person() -> None:
    text = "Bernie Sanders was absent on Monday. Sanders said taxes would rise."
    (claim,) = extract_claims(text)
    assert claim.speaker is not None and claim.speaker.name == "Bernie Sanders"
    assert claim.speaker.kind is SpeakerKind.PERSON


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Trump said he would quarantine people over fears of the Zika virus, "
            "which is spread primarily by mosquitoes.",
            "he would quarantine people over fears of the Zika virus",
        ),
        (
            "She vowed to work to repeal the Hyde Amendment, a longstanding federal provision "
            "that prohibits taxpayer funding.",
            "to work to repeal the Hyde Amendment",
        ),
        # an appositive inside the content stays
        ("He said the plan, a tax cut, would pass.", "the plan, a tax cut, would pass"),
    ],
)
def test_trailing_aside_is_not_content(text: str, content: str) -> None:
    assert [c.text for c in extract_claims(text)] == [content]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Trump explained his reasoning in an interview on Tuesday.", "his reasoning"),
        (
            "Sanders said he would stay in the race during a CNN interview.",
            "he would stay in the race",
        ),
        # a place inside the content stays
        ("She said the bill would pass in the Senate.", "the bill would pass in the Senate"),
    ],
)
def test_occasion_of_the_speech_is_not_content(text: str, content: str) -> None:
    assert [c.text for c in extract_claims(text)] == [content]


def test_said_in_a_statement_is_one_claim_with_its_speaker() -> None:
    text = (
        "April Mellody, a spokeswoman for the convention, said in a statement that the "
        "security team would work with the police."
    )
    (claim,) = extract_claims(text)
    assert claim.text == "that the security team would work with the police"
    assert claim.speaker is not None and claim.speaker.name == "April Mellody"


def test_subject_the_parser_left_stranded() -> None:
    text = (
        "Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said that "
        "he spoke with Mr. Sanders on Tuesday."
    )
    (claim,) = extract_claims(text)
    assert claim.speaker is not None and claim.speaker.name == "Harry Reid"


def test_cueless_quote_continues_the_reported_claim_before_it() -> None:
    text = (
        "The movement is about “people telling leaders, this is not what we want,” Wilcox "
        "said. “What we are seeing is a revolt of parents who are tired of this.”"
    )
    claims = extract_claims(text)
    assert len(claims) == 2
    assert all(c.speaker is not None and c.speaker.name == "Wilcox" for c in claims)
