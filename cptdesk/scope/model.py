"""Score a sentence with the scope guard's linear model, one per category.

The phrase and pattern rules in guard.py catch the wordings they list. Staff find new
wordings every day ("Medicare picks up the tab", "the auth is a formality"), so a
logistic regression per category, trained on the labelled sentences, catches what the
lists miss. Training uses scikit-learn (training.py). At run time a model is only a
table of feature weights, so scoring is a sum over the features of one sentence and the
product needs no numerical library.

The features of a sentence are its word n-grams ("w:will pay"), each counted once, and
the character n-grams of each distinct word ("c:cove"), counted once per word. Word
n-grams explain a finding, because a reader recognises them. Character n-grams let
"covers", "coverd" and "covered" share weight. Amounts, code numbers and other numbers
become placeholders, so "$40" and "$400" are one feature.
"""

import json
import math
import re
from array import array
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "data" / "scope_model.json"
MODEL_FORMAT = 2
WORD_NGRAMS = (1, 2, 3)
CHAR_NGRAMS = (3, 4, 5)
# The per-word cache of character n-gram weights is emptied when it grows past this
# many words, which bounds a server's memory whatever text it is sent.
WORD_CACHE_SIZE = 20_000

# Replacements applied in order to the lowercased sentence before it is split.
PLACEHOLDERS = (
    (re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?"), " zmoney "),
    (re.compile(r"\b[a-tv-z]\d[0-9a-z]\.[0-9a-z]{1,4}\b"), " zdiagnosis "),
    (re.compile(r"\b(?:\d{4}[0-9ftuma]|[a-v]\d{4})\b"), " zcode "),
    (re.compile(r"\b\d+(?:\.\d+)?\s?%"), " zpercent "),
    (re.compile(r"\b\d+(?:[.:/-]\d+)*\b"), " znumber "),
)
TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*")
DIGIT = re.compile(r"\d")


def normalise(sentence):
    """Lowercase the sentence, straighten apostrophes and replace numbers."""
    text = sentence.lower().replace("\u2019", "'")
    if not DIGIT.search(text):
        return text
    for pattern, placeholder in PLACEHOLDERS:
        text = pattern.sub(placeholder, text)
    return text


def word_spans(sentence):
    """Return [(token, start, end)] for the words of sentence, offsets into it.

    Placeholders change the length of the text, so tokens are found on the normalised
    copy of each word, which keeps every offset pointing into the original sentence.
    """
    spans = []
    for match in re.finditer(r"\S+", sentence):
        for token in TOKEN.findall(normalise(match.group())):
            spans.append((token, match.start(), match.end()))
    return spans


def word_ngrams(tokens):
    """Return the set of word n-gram features of a token list."""
    found = set()
    for size in WORD_NGRAMS:
        for index in range(len(tokens) - size + 1):
            found.add("w:" + " ".join(tokens[index : index + size]))
    return found


def char_ngrams(token):
    """Return the set of character n-gram features of one word."""
    padded = f" {token} "
    return {
        "c:" + padded[index : index + size]
        for size in CHAR_NGRAMS
        for index in range(len(padded) - size + 1)
    }


def sentence_features(sentence):
    """Return the features of one sentence, the model's input, with repeats.

    A character n-gram shared by two distinct words appears twice, which is what
    lets ScopeModel add up cached per-word sums.
    """
    tokens = [token for token, _, _ in word_spans(sentence)]
    features = sorted(word_ngrams(tokens))
    for token in sorted(set(tokens)):
        features.extend(sorted(char_ngrams(token)))
    return features


@dataclass(frozen=True, slots=True)
class Evidence:
    """A word n-gram that weighs toward a category, with its place in the sentence."""

    words: str
    weight: float
    start: int
    end: int


class WeightTable:
    """Feature weights packed into one array of doubles, one row per feature.

    A dict of tuples would hold a float object per weight. Packing takes the shipped
    model from about 16 MB to about half that in each server process.
    """

    def __init__(self, width):
        self.width = width
        self.rows = {}
        self.values = array("d")

    @classmethod
    def from_rows(cls, width, rows):
        table = cls(width)
        for name, row in rows:
            table.add(name, row)
        return table

    def add(self, name, row):
        if len(row) != self.width:
            raise ValueError(
                f"feature {name!r} has {len(row)} weights, not {self.width}"
            )
        self.rows[name] = len(self.rows)
        self.values.extend(row)

    def get(self, name):
        """Return the feature's weights as a tuple, or None for an unknown feature."""
        index = self.rows.get(name)
        if index is None:
            return None
        start = index * self.width
        return tuple(self.values[start : start + self.width])

    def items(self):
        for name in self.rows:
            yield name, self.get(name)

    def __len__(self):
        return len(self.rows)

    def __eq__(self, other):
        if not isinstance(other, WeightTable):
            return NotImplemented
        return dict(self.items()) == dict(other.items())


@dataclass(frozen=True)
class ScopeModel:
    """Logistic regression weights for each category, as trained on the sentences.

    weights maps a feature to a tuple with one weight per category, in the order of
    categories: a WeightTable, or a dict in tests. A category flags when its
    probability reaches its threshold.
    """

    categories: tuple
    intercepts: tuple
    thresholds: tuple
    weights: dict
    trained_on: int
    word_cache: dict = field(default_factory=dict, compare=False, repr=False)

    def probabilities(self, sentence):
        """Return {category: probability} for one sentence."""
        spans = word_spans(sentence)
        tokens = [token for token, _, _ in spans]
        totals = list(self.intercepts)
        for name in word_ngrams(tokens):
            add_weights(totals, self.weights.get(name))
        for token in set(tokens):
            add_weights(totals, self.char_weights(token))
        return {
            category: 1.0 / (1.0 + math.exp(-total))
            for category, total in zip(self.categories, totals, strict=True)
        }

    def char_weights(self, token):
        weights = self.word_cache.get(token)
        if weights is None:
            totals = [0.0] * len(self.categories)
            for name in char_ngrams(token):
                add_weights(totals, self.weights.get(name))
            if len(self.word_cache) >= WORD_CACHE_SIZE:
                self.word_cache.clear()
            weights = self.word_cache[token] = tuple(totals)
        return weights

    def threshold(self, category):
        return self.thresholds[self.categories.index(category)]

    def evidence(self, sentence, category, limit=3):
        """Return the word n-grams of sentence with the largest positive weights."""
        column = self.categories.index(category)
        spans = word_spans(sentence)
        found = {}
        for size in WORD_NGRAMS:
            for index in range(len(spans) - size + 1):
                window = spans[index : index + size]
                words = " ".join(token for token, _, _ in window)
                weights = self.weights.get("w:" + words)
                if weights and weights[column] > 0 and words not in found:
                    found[words] = Evidence(
                        words, weights[column], window[0][1], window[-1][2]
                    )
        ranked = sorted(found.values(), key=lambda item: -item.weight)
        return ranked[:limit]


def add_weights(totals, weights):
    if weights:
        for column, weight in enumerate(weights):
            totals[column] += weight


def from_dict(data):
    check_format(data)
    rows = ((name, row) for name, row in data["weights"].items())
    return model_from_header(data, WeightTable.from_rows(len(data["categories"]), rows))


def check_format(data):
    if data.get("format") != MODEL_FORMAT:
        raise ValueError(
            f"scope model format {data.get('format')!r} is not {MODEL_FORMAT}; "
            "retrain it with python -m cptdesk.scope.training"
        )


def model_from_header(data, weights):
    return ScopeModel(
        categories=tuple(data["categories"]),
        intercepts=tuple(data["intercepts"]),
        thresholds=tuple(data["thresholds"]),
        weights=weights,
        trained_on=data["trained_on"],
    )


def to_dict(model):
    return {
        "format": MODEL_FORMAT,
        "trained_on": model.trained_on,
        "categories": list(model.categories),
        "intercepts": list(model.intercepts),
        "thresholds": list(model.thresholds),
        "weights": {name: list(row) for name, row in sorted(model.weights.items())},
    }


def read_model(path):
    """Read a model file as training.write_model lays it out, one feature per line.

    Reading line by line keeps the whole parsed file out of memory at once, which
    would otherwise raise a server process's peak memory by several megabytes.
    """
    with open(path, encoding="utf-8") as handle:
        header = json.loads(handle.readline() + "}}")
        check_format(header)
        table = WeightTable(len(header["categories"]))
        for line in handle:
            line = line.rstrip().rstrip(",")
            if line == "}}":
                break
            ((name, row),) = json.loads("{" + line + "}").items()
            table.add(name, row)
    return model_from_header(header, table)


@cache
def load_model(path=MODEL_PATH):
    """Read the shipped model once per process."""
    return read_model(path)
