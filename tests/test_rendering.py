from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.rendering import Segment, highlighted_segments


def claim(start, end, name=""):
    return SimpleNamespace(start=start, end=end, name=name or f"{start}-{end}")


def brute_force(body, claims):
    """The obvious quadratic definition the sweep must agree with."""
    owners = []
    for i in range(len(body)):
        covering = [c for c in claims if 0 <= c.start <= i < c.end <= len(body)]
        owners.append(min(covering, key=lambda c: (c.end - c.start, c.start)) if covering else None)
    return owners


def owners_of(segments):
    return [segment.claim for segment in segments for _ in segment.text]


def test_plain_text_is_one_segment():
    assert highlighted_segments("abc", []) == [Segment("abc", None)]


def test_nested_claim_wins_its_run():
    outer, inner = claim(0, 10), claim(3, 5)
    segments = highlighted_segments("0123456789", [outer, inner])
    assert [(s.text, s.claim) for s in segments] == [
        ("012", outer),
        ("34", inner),
        ("56789", outer),
    ]


def test_out_of_range_claims_are_ignored():
    assert highlighted_segments("abc", [claim(2, 9), claim(-1, 2)]) == [Segment("abc", None)]


@settings(max_examples=200, deadline=None)
@given(
    length=st.integers(min_value=0, max_value=40),
    spans=st.lists(st.tuples(st.integers(-2, 42), st.integers(-2, 42)), max_size=12),
)
def test_sweep_agrees_with_the_definition(length, spans):
    body = "x" * length
    claims = [claim(a, b) for a, b in spans if a < b]
    segments = highlighted_segments(body, claims)
    assert "".join(s.text for s in segments) == body
    got = owners_of(segments)
    want = brute_force(body, claims)
    # Ties between claims of equal length and start may go either way; compare spans.
    assert [(c.start, c.end) if c else None for c in got] == [
        (c.start, c.end) if c else None for c in want
    ]
