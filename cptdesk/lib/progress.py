"""Progress bars for long imports on the command line."""

import sys

from tqdm import tqdm

SHOW_FROM_BYTES = 2 * 1024 * 1024  # smaller files load in about a second: no bar


def count_lines(path):
    with open(path, "rb") as handle:
        return sum(
            chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")
        )


class LineProgress:
    """A tqdm bar over the lines of a file; call it with the last line number read."""

    def __init__(self, path, description):
        self.bar = None
        if path.stat().st_size >= SHOW_FROM_BYTES:
            self.bar = tqdm(
                total=count_lines(path),
                desc=description,
                unit=" lines",
                unit_scale=True,
                file=sys.stderr,
                leave=False,
            )

    def __call__(self, line):
        if self.bar is not None:
            self.bar.update(line - self.bar.n)

    def close(self):
        if self.bar is not None:
            self.bar.close()
