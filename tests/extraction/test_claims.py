"""Small hand-written sentences, one behaviour each (not taken from PolNeAR)."""

from __future__ import annotations

import pytest

from claims.extraction import ClaimKind, ExtractedClaim, SpeakerKind, extract_claims


def only_claim(text: str, fragment: str) -> ExtractedClaim:
    claims = [c for c in extract_claims(text) if fragment in c.text]
    assert len(claims) == 1, (fragment, extract_claims(text))
    return claims[0]


@pytest.mark.parametrize(
    ("text", "fragment", "kind", "cue", "mention"),
    [
        ("“We will win this election,” she said.", "We will win", ClaimKind.DIRECT, "said", "she"),
        (
            "Mayor Anne Hidalgo said: “The city will not back down on this.”",
            "The city will not back down",
            ClaimKind.DIRECT,
            "said",
            "Mayor Anne Hidalgo",
        ),
        (
            "“It was a mistake to close the factory,” said John Miller, the union leader.",
            "It was a mistake",
            ClaimKind.DIRECT,
            "said",
            "John Miller, the union leader",
        ),
        (
            "Peskov noted that it is uncertain whether the promises will be kept.",
            "it is uncertain whether",
            ClaimKind.INDIRECT,
            "noted",
            "Peskov",
        ),
        (
            "Trump repeatedly claimed he would end wars worldwide.",
            "he would end wars",
            ClaimKind.INDIRECT,
            "claimed",
            "Trump",
        ),
        (
            "The minister warned that prices would rise sharply next winter.",
            "prices would rise",
            ClaimKind.INDIRECT,
            "warned",
            "The minister",
        ),
        (
            "Putin remains “open” to future talks with Washington, he added.",
            "Putin remains “open”",
            ClaimKind.MIXED,
            "added",
            "he",
        ),
        (
            "According to the ministry, the plant will close next year.",
            "the plant will close",
            ClaimKind.ACCORDING_TO,
            "According to",
            "the ministry",
        ),
        (
            "The plant will close next year, according to the ministry.",
            "The plant will close",
            ClaimKind.ACCORDING_TO,
            "according to",
            "the ministry",
        ),
    ],
)
def test_claim_kinds(
    nlp, text: str, fragment: str, kind: ClaimKind, cue: str, mention: str
) -> None:
    claim = only_claim(text, fragment)
    assert claim.kind is kind
    assert claim.cue is not None and claim.cue.text == cue
    assert claim.speaker is not None and claim.speaker.mention == mention
    assert text[claim.start : claim.end] == claim.text


def test_quote_split_around_the_cue_is_one_claim(nlp) -> None:
    text = "“We will win this state,” she said, “and then we will win the country.”"
    claims = extract_claims(text)
    assert len(claims) == 1
    assert "We will win this state" in claims[0].text
    assert "we will win the country" in claims[0].text
    assert claims[0].cue is not None and claims[0].cue.text == "said"
    assert [p.text for p in claims[0].parts] == [
        "“We will win this state,”",
        "“and then we will win the country.”",
    ]


def test_multi_sentence_quote(nlp) -> None:
    text = "“The budget is broken. Nobody trusts it. We need a new one,” the senator said."
    claim = only_claim(text, "The budget is broken")
    assert "We need a new one" in claim.text
    assert claim.kind is ClaimKind.DIRECT


def test_quote_paragraph_continues_previous_speaker(nlp) -> None:
    text = (
        "“We have done everything we could for these workers,” Governor Tom Wolf said.\n\n"
        "“Now it is up to the company to keep its word to the town.”"
    )
    claim = only_claim(text, "Now it is up to the company")
    assert claim.speaker is not None
    assert claim.speaker.name == "Tom Wolf"
    assert claim.speaker.mention == "Governor Tom Wolf"


def test_multi_paragraph_quote_without_closing_mark(nlp) -> None:
    text = (
        "“We have done everything we could for these workers,” Governor Tom Wolf said. "
        "“The company made promises.\n\n"
        "“Now it is up to the company to keep its word to the town.”"
    )
    claims = extract_claims(text)
    assert len(claims) == 1
    assert claims[0].speaker is not None and claims[0].speaker.name == "Tom Wolf"
    assert "The company made promises" in claims[0].text
    assert claims[0].text.endswith("keep its word to the town.”")


@pytest.mark.parametrize(
    ("text", "fragment", "name", "via"),
    [
        (
            "“We are ready to talk,” a senior official told Reuters.",
            "We are ready to talk",
            "a senior official",
            "Reuters",
        ),
        (
            "Reuters reported, citing two people familiar with the talks, that the deal was off.",
            "the deal was off",
            "two people familiar with the talks",
            "Reuters",
        ),
    ],
)
def test_anonymous_source_through_an_outlet(
    nlp, text: str, fragment: str, name: str, via: str
) -> None:
    claim = only_claim(text, fragment)
    assert claim.speaker is not None
    assert claim.speaker.kind is SpeakerKind.ANONYMOUS
    assert claim.speaker.name == name
    assert claim.via is not None and claim.via.name == via


def test_pronoun_and_surname_resolve_to_full_name(nlp) -> None:
    text = (
        "White House spokesperson Karine Jean-Pierre said the talks had gone well. "
        "She added that more meetings were planned. "
        "Jean-Pierre also said that the president would travel to Kyiv."
    )
    claims = extract_claims(text)
    assert len(claims) == 3
    for claim in claims:
        assert claim.speaker is not None
        assert claim.speaker.name == "Karine Jean-Pierre"
        assert claim.speaker.kind is SpeakerKind.PERSON
        assert claim.speaker.description == "White House spokesperson"
    assert [c.speaker.mention for c in claims if c.speaker] == [
        "White House spokesperson Karine Jean-Pierre",
        "She",
        "Jean-Pierre",
    ]


def test_definite_description_resolves_to_earlier_speaker(nlp) -> None:
    text = (
        "A government spokesman said the border would stay open. "
        "The spokesman added that extra staff had been sent."
    )
    claims = extract_claims(text)
    assert len(claims) == 2
    assert claims[0].speaker is not None and claims[1].speaker is not None
    assert claims[1].speaker.name == claims[0].speaker.name
    assert claims[1].speaker.mention == "The spokesman"


def test_separate_anonymous_sources(nlp) -> None:
    text = (
        "“The deal is dead,” a parliamentary source said.\n\n"
        "“The deal is alive and well,” an anonymous ministry official said."
    )
    claims = extract_claims(text)
    names = [c.speaker.name for c in claims if c.speaker]
    assert names == ["a parliamentary source", "an anonymous ministry official"]
    assert all(c.speaker and c.speaker.kind is SpeakerKind.ANONYMOUS for c in claims)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The European Commission said that the fine would be paid.", SpeakerKind.ORGANISATION),
        ("Critics said that the fine was far too small.", SpeakerKind.GROUP),
        ("Angela Merkel said that the fine was fair.", SpeakerKind.PERSON),
        ("Sources familiar with the matter said that the fine was paid.", SpeakerKind.ANONYMOUS),
    ],
)
def test_speaker_kinds(nlp, text: str, kind: SpeakerKind) -> None:
    claims = extract_claims(text)
    assert len(claims) == 1
    assert claims[0].speaker is not None and claims[0].speaker.kind is kind


@pytest.mark.parametrize(
    "text",
    [
        "The weather was pleasant and the trains ran on time.",
        "She walked to the station and bought a ticket.",
        "The band played “American Skin (41 Shots)”, a song written by Bruce Springsteen.",
        "",
    ],
)
def test_no_claims_without_attribution(nlp, text: str) -> None:
    assert extract_claims(text) == []


def test_pronoun_agrees_in_gender(nlp) -> None:
    text = (
        "Ms. Laura Chen said that the vote would be close. "
        "Mr. David Ortiz said that the vote would not be close. "
        "She added that turnout would decide it."
    )
    claims = extract_claims(text)
    added = [c for c in claims if c.cue and c.cue.text == "added"]
    assert len(added) == 1
    assert added[0].speaker is not None
    assert added[0].speaker.name == "Laura Chen"
