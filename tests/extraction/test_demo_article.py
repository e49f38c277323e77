"""The demo article the app shows: every claim carries the right speaker."""

from __future__ import annotations

import pytest

from claims.extraction import ClaimKind, ExtractedClaim, SpeakerKind, extract_claims


@pytest.fixture(scope="module")
def claims(nlp, demo_text: str) -> list[ExtractedClaim]:
    return extract_claims(demo_text)


def claim_with(claims: list[ExtractedClaim], fragment: str) -> ExtractedClaim:
    found = [c for c in claims if fragment in c.text]
    assert found, f"no claim contains {fragment!r}"
    return found[0]


@pytest.mark.parametrize(
    "fragment",
    [
        "I’m not aware of any plans by the president",
        "Let’s not forget that we are talking about an unfriendly country",
        "We have repeatedly said that the US is capable",
        "Whether this will happen, and how, we will see after January",
        "it is uncertain whether these promises will be realised",
        "Putin remains “open” to future discussions with Trump",
        "Putin will not be one of the many world leaders",
    ],
)
def test_peskov_claims(claims: list[ExtractedClaim], fragment: str) -> None:
    claim = claim_with(claims, fragment)
    assert claim.speaker is not None
    assert claim.speaker.name == "Dmitry Peskov"
    assert claim.speaker.kind is SpeakerKind.PERSON
    assert claim.speaker.description == "Kremlin spokesperson"


def test_he_added_is_peskov_and_mixed(claims: list[ExtractedClaim]) -> None:
    claim = claim_with(claims, "Putin remains “open”")
    assert claim.kind is ClaimKind.MIXED
    assert claim.cue is not None and claim.cue.text == "added"
    assert claim.speaker is not None and claim.speaker.mention == "he"


def test_direct_quotes_are_direct(claims: list[ExtractedClaim]) -> None:
    claim = claim_with(claims, "I’m not aware of any plans")
    assert claim.kind is ClaimKind.DIRECT
    assert claim.cue is not None and claim.cue.text == "said"


@pytest.mark.parametrize(
    ("fragment", "name"),
    [
        ("The hopes are primarily linked", "a parliamentary source"),
        ("Trump, of course, is much more capable", "a parliamentary source"),
        ("The alternative is escalation", "an anonymous Kremlin official"),
        ("it’s a global conflict", "an anonymous Kremlin official"),
    ],
)
def test_anonymous_sources_via_vyorstka(
    claims: list[ExtractedClaim], fragment: str, name: str
) -> None:
    claim = claim_with(claims, fragment)
    assert claim.speaker is not None
    assert claim.speaker.kind is SpeakerKind.ANONYMOUS
    assert claim.speaker.name == name
    assert claim.via is not None and claim.via.name == "Vyorstka"


def test_anonymous_sources_are_separate(claims: list[ExtractedClaim]) -> None:
    first = claim_with(claims, "The hopes are primarily linked")
    second = claim_with(claims, "The alternative is escalation")
    assert first.speaker is not None and second.speaker is not None
    assert first.speaker.name != second.speaker.name


@pytest.mark.parametrize(
    ("fragment", "name", "kind"),
    [
        ("he would end wars worldwide", "Donald Trump", SpeakerKind.PERSON),
        ("other Russian officials remain sceptical", "Vyorstka", SpeakerKind.ORGANISATION),
        ("Trump could end the conflict", "A Kremlin-linked source", SpeakerKind.ANONYMOUS),
    ],
)
def test_reported_speech(
    claims: list[ExtractedClaim], fragment: str, name: str, kind: SpeakerKind
) -> None:
    claim = claim_with(claims, fragment)
    assert claim.kind in (ClaimKind.INDIRECT, ClaimKind.MIXED)
    assert claim.speaker is not None
    assert claim.speaker.name == name
    assert claim.speaker.kind is kind


def test_citing_gives_speaker_and_via(claims: list[ExtractedClaim]) -> None:
    claim = claim_with(claims, "some Russian elites")
    assert claim.speaker is not None and claim.speaker.kind is SpeakerKind.ANONYMOUS
    assert claim.via is not None and claim.via.name == "Vyorstka"


def test_offsets_match_text(claims: list[ExtractedClaim], demo_text: str) -> None:
    for claim in claims:
        assert demo_text[claim.start : claim.end] == claim.text
        if claim.cue:
            assert demo_text[claim.cue.start : claim.cue.end] == claim.cue.text
        if claim.speaker:
            assert demo_text[claim.speaker.start : claim.speaker.end] == claim.speaker.mention


def test_light_verb_cue_is_one_claim(claims: list[ExtractedClaim]) -> None:
    found = [c for c in claims if "Trump could end the conflict" in c.text]
    assert len(found) == 1
    assert found[0].cue is not None and found[0].cue.text == "expressed doubt"
