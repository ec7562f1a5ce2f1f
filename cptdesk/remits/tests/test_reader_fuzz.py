"""Mutate real and synthetic 835s: the reader must return or raise RemittanceError."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cptdesk.remits.reader import RemittanceError, read_835
from cptdesk.remits.tests.test_reader_samples import SAMPLES
from cptdesk.remits.tests.x12_text import make_835

SMALL_SAMPLES = [
    "edge_cases/e01-two-plb.835",
    "edge_cases/e03-reversal-correction.835",
    "edge_cases/e09-bom-crlf.835",
    "edge_cases/e14-pipe-newline-term.835",
    "keironstoddart_edi-835-parser/emedny_sample.txt",
    "diasks2_era_835_parser/example_6.835",
    "LinuxForHealth_x12/medicare-part-a.835",
]


def load_seeds():
    seeds = [make_835().encode(), make_835(element="|", terminator="\n").encode()]
    for name in SMALL_SAMPLES:
        path = SAMPLES / name
        if path.is_file():
            seeds.append(path.read_bytes())
    return seeds


SEEDS = load_seeds()


def read_or_reject(data):
    try:
        read_835(data)
    except RemittanceError:
        pass


def split_segments(data):
    terminator = b"\n" if b"~" not in data else b"~"
    return data.split(terminator), terminator


@st.composite
def mutated_samples(draw):
    data = draw(st.sampled_from(SEEDS))
    segments, terminator = split_segments(data)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(segments) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "truncate", "bytes"]))
        if action == "drop" and len(segments) > 1:
            del segments[index]
        elif action == "duplicate":
            segments.insert(index, segments[index])
        elif action == "truncate":
            segments[index] = segments[index][: draw(st.integers(0, 40))]
        else:
            noise = draw(st.binary(min_size=1, max_size=8))
            position = draw(st.integers(0, len(segments[index])))
            segment = segments[index]
            segments[index] = segment[:position] + noise + segment[position:]
    data = terminator.join(segments)
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(mutated_samples())
def test_reader_survives_mutated_samples(data):
    read_or_reject(data)


@settings(max_examples=150, deadline=None, database=None)
@given(st.text(alphabet="ISTEGNCLPVBRA0123456789*:~|>\n\r .-^", max_size=300))
def test_reader_survives_random_x12_like_text(text):
    read_or_reject(text)


@settings(max_examples=150, deadline=None, database=None)
@given(st.binary(max_size=300))
def test_reader_survives_random_bytes(data):
    read_or_reject(data)


@settings(max_examples=100, deadline=None, database=None)
@given(st.text(max_size=200))
def test_reader_survives_text_after_isa_header(tail):
    header = make_835()[:106]

    read_or_reject(header + tail)
