"""Line and CSV row readers that report encoding problems with the line number.

The reference files come from CMS, X12 and the practice in UTF-8 or Windows-1252. Each
line is decoded on its own, so a bad byte is reported on its own line instead of as an
offset somewhere in the file.
"""

import csv
from collections.abc import Iterator

from cptdesk.lib.inputerrors import InputFileError

DEFAULT_ENCODINGS = ("utf-8", "cp1252")
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SAVE_AS_UTF8 = "Save the file as UTF-8 or Windows-1252 text and import it again"


def iter_lines(path, encodings=DEFAULT_ENCODINGS) -> Iterator[tuple[int, str]]:
    """Yield (1-based line number, decoded line with its line ending) for a text file.

    Raise InputFileError for a UTF-16 file, a NUL byte or a line that none of the
    encodings can decode. A UTF-8 byte order mark at the start is dropped.
    """
    with open(path, "rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if number == 1:
                raw = _drop_bom(path, raw)
            if b"\x00" in raw:
                raise InputFileError(
                    path, number, None, "line contains NUL bytes", SAVE_AS_UTF8
                )
            yield number, decode_line(path, number, raw, encodings)


def iter_lines_one_encoding(path, encoding: str) -> Iterator[tuple[int, str]]:
    """Yield numbered lines like iter_lines, decoding in blocks for large files.

    Block decoding saves time on files of a million lines. On a decoding error the
    file is read again line by line to report the line at fault. A UTF-8 byte order
    mark is not removed, so use this only where line 1 is a header that is skipped.
    """
    with open(path, "rb") as stream:
        _drop_bom(path, stream.read(4))
    try:
        with open(path, encoding=encoding, newline="") as stream:
            for number, text in enumerate(stream, start=1):
                if "\x00" in text:
                    raise InputFileError(
                        path, number, None, "line contains NUL bytes", SAVE_AS_UTF8
                    )
                yield number, text
    except UnicodeDecodeError:
        for _number, _text in iter_lines(path, (encoding,)):
            pass
        raise


def decode_line(path, number, raw: bytes, encodings=DEFAULT_ENCODINGS) -> str:
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    excerpt = raw[:60].decode("latin-1").rstrip("\r\n")
    raise InputFileError(
        path,
        number,
        excerpt,
        f"line is not valid {' or '.join(encodings)}",
        SAVE_AS_UTF8,
    )


def _drop_bom(path, raw: bytes) -> bytes:
    if raw.startswith(UTF16_BOMS):
        raise InputFileError(path, 1, None, "file is UTF-16 encoded", SAVE_AS_UTF8)
    if raw.startswith(UTF8_BOM):
        return raw[len(UTF8_BOM) :]
    return raw


def iter_csv_rows(path, encodings=DEFAULT_ENCODINGS) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number where the row starts, cells) for each CSV row.

    A quoted cell may span several physical lines, and the next row's number still
    counts every physical line before it. Blank lines are skipped.
    """
    texts = (text for _number, text in iter_lines(path, encodings))
    reader = csv.reader(texts, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InputFileError(
                path, reader.line_num, None, f"invalid CSV: {error}", SAVE_AS_UTF8
            ) from error
        if any(cell.strip() for cell in cells):
            yield start, cells
        start = reader.line_num + 1


def require_header(path, rows, expected: tuple[str, ...]) -> dict[str, int]:
    """Read the header row and return the position of each expected column.

    The header may contain more columns than expected, in any order. Names are compared
    without case and surrounding spaces.
    """
    try:
        number, header = next(rows)
    except StopIteration:
        raise InputFileError(path, None, None, "file is empty") from None
    positions = {name.strip().lower(): index for index, name in enumerate(header)}
    missing = [name for name in expected if name not in positions]
    if missing:
        raise InputFileError(
            path,
            number,
            ",".join(header),
            f"header lacks the column(s) {', '.join(missing)}",
            f"The first line must name the columns {', '.join(expected)}",
        )
    return {name: positions[name] for name in expected}


def pick_cells(path, number, cells, positions: dict[str, int]) -> dict[str, str]:
    """Return the row's cells by column name, stripped, or raise for a short row."""
    width = max(positions.values()) + 1
    if len(cells) < width:
        raise InputFileError(
            path,
            number,
            ",".join(cells),
            f"row has {len(cells)} columns, expected at least {width}",
            "Check for a missing comma or an unquoted line break in this row",
        )
    return {name: cells[index].strip() for name, index in positions.items()}
