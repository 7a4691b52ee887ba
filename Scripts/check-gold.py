#!/usr/bin/env python3
"""Validate the Bhasha code-mixed gold corpus.

Checks that Corpora/gold/code-mixed-gold.txt (one item per line) and
Corpora/gold/code-mixed-gold.spans.jsonl (one span record per line) agree:

  * both files are UTF-8 with LF line endings and a final newline;
  * the number of text lines equals the number of JSON records;
  * record N has "line": N and a non-empty "spans" list;
  * every span is [label, text] or [label, text, true] with label in
    {"en", "bn", "neutral"} and a non-empty text;
  * the span texts concatenated equal line N exactly.

Unless --no-lint is given it also checks the span conventions described in
Corpora/README-gold.md (span boundaries, embedded spans, neutral merging,
script of each span).  Exit status is 0 when everything passes, 1 otherwise.

Usage: python3 Scripts/check-gold.py [--no-lint] [TEXT_FILE SPANS_FILE]
"""

import json
import os
import sys
import unicodedata

LABELS = {"en", "bn", "neutral"}
# Punctuation that trails the run before it.
TRAILING = set(".,!?।;:)]}”’\"'…")
# Opening brackets and quotes that belong to the span after them.
OPENING = set("([{“‘")


def is_bengali_letter(ch):
    cp = ord(ch)
    if not 0x0980 <= cp <= 0x09FF:
        return False
    # Bengali digits (U+09E6-U+09EF) and currency/fraction signs are not letters.
    return unicodedata.category(ch) in ("Lo", "Mn", "Mc")


def is_latin_letter(ch):
    return ch.isalpha() and ch.isascii()


def has_letters(text):
    return any(ch.isalpha() or unicodedata.category(ch) in ("Mn", "Mc") for ch in text)


def is_emoji(ch):
    cp = ord(ch)
    return (0x1F000 <= cp <= 0x1FAFF) or (0x2600 <= cp <= 0x27BF)


def read_lines(path, errors):
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        errors.append(f"{path}: not valid UTF-8 ({exc})")
        return []
    if text.startswith("\ufeff"):
        errors.append(f"{path}: starts with a byte order mark")
    if "\r" in text:
        errors.append(f"{path}: contains CR characters (use LF line endings)")
    if text and not text.endswith("\n"):
        errors.append(f"{path}: missing final newline")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def lint(n, spans, errors):
    """Convention checks for one record (spans already structurally valid)."""
    where = f"line {n}"
    for i, span in enumerate(spans):
        label, text = span[0], span[1]
        embedded = len(span) == 3
        prev = spans[i - 1] if i > 0 else None
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        prev_embedded = prev is not None and len(prev) == 3

        if prev is not None and prev[0] == label:
            errors.append(f"{where}: spans {i - 1} and {i} have the same label '{label}' (merge them)")

        if embedded:
            if label == "neutral":
                errors.append(f"{where}: span {i}: neutral spans cannot be embedded")
            if text != text.strip():
                errors.append(f"{where}: span {i}: embedded span has surrounding whitespace {text!r}")
            if text[-1] in ".,!?।;:":
                errors.append(f"{where}: span {i}: embedded span ends with sentence punctuation {text!r}")

        if prev is not None and not prev_embedded and not embedded:
            first = text[0]
            if first.isspace():
                errors.append(f"{where}: span {i} starts with whitespace; it belongs to the span before {text!r}")
            elif first in TRAILING:
                errors.append(f"{where}: span {i} starts with trailing punctuation {first!r}; it belongs to the span before")
            elif is_emoji(first):
                errors.append(f"{where}: span {i} starts with an emoji; it belongs to the span before")

        if nxt is not None and text[-1] in OPENING:
            errors.append(f"{where}: span {i} ends with an opening bracket/quote; it belongs to the span after")

        if label == "neutral" and prev is not None and nxt is not None and prev[0] == nxt[0]:
            errors.append(f"{where}: span {i}: neutral span between two '{prev[0]}' spans (merge it into them)")

        # Script sanity: a span made only of spaces/punctuation is allowed right
        # after an embedded span (it is the rest of the matrix sentence).
        if label in ("en", "bn") and not has_letters(text) and prev_embedded:
            continue
        if label == "en":
            if any(is_bengali_letter(ch) for ch in text):
                errors.append(f"{where}: span {i}: en span contains Bengali letters {text!r}")
            if not any(is_latin_letter(ch) for ch in text):
                errors.append(f"{where}: span {i}: en span has no Latin letters {text!r}")
        elif label == "bn":
            if not any(is_bengali_letter(ch) for ch in text):
                errors.append(f"{where}: span {i}: bn span has no Bengali letters {text!r}")


def main(argv):
    do_lint = True
    args = []
    for a in argv[1:]:
        if a == "--no-lint":
            do_lint = False
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            args.append(a)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if len(args) == 2:
        text_path, spans_path = args
    elif not args:
        gold = os.path.join(root, "Corpora", "gold")
        text_path = os.path.join(gold, "code-mixed-gold.txt")
        spans_path = os.path.join(gold, "code-mixed-gold.spans.jsonl")
    else:
        print("usage: check-gold.py [--no-lint] [TEXT_FILE SPANS_FILE]", file=sys.stderr)
        return 2

    errors = []
    lines = read_lines(text_path, errors)
    records = read_lines(spans_path, errors)

    if len(lines) != len(records):
        errors.append(f"{len(lines)} text lines but {len(records)} span records")

    label_counts = {label: 0 for label in sorted(LABELS)}
    embedded_count = 0
    for idx, raw in enumerate(records):
        n = idx + 1
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(f"record {n}: invalid JSON ({exc})")
            continue
        if not isinstance(rec, dict) or set(rec) != {"line", "spans"}:
            errors.append(f"record {n}: must be an object with exactly the keys 'line' and 'spans'")
            continue
        if rec["line"] != n or isinstance(rec["line"], bool):
            errors.append(f"record {n}: has \"line\": {rec['line']!r}, expected {n}")
        spans = rec["spans"]
        if not isinstance(spans, list) or not spans:
            errors.append(f"record {n}: 'spans' must be a non-empty list")
            continue
        ok = True
        for i, span in enumerate(spans):
            if not isinstance(span, list) or len(span) not in (2, 3):
                errors.append(f"record {n} span {i}: must be [label, text] or [label, text, true]")
                ok = False
                continue
            label, text = span[0], span[1]
            if label not in LABELS:
                errors.append(f"record {n} span {i}: invalid label {label!r}")
                ok = False
            if not isinstance(text, str) or not text:
                errors.append(f"record {n} span {i}: text must be a non-empty string")
                ok = False
            if len(span) == 3 and span[2] is not True:
                errors.append(f"record {n} span {i}: third element must be true")
                ok = False
            if label in label_counts:
                label_counts[label] += 1
            if len(span) == 3:
                embedded_count += 1
        if not ok:
            continue
        joined = "".join(span[1] for span in spans)
        if idx < len(lines) and joined != lines[idx]:
            errors.append(f"record {n}: spans join to {joined!r} but line is {lines[idx]!r}")
            continue
        if do_lint:
            lint(n, spans, errors)

    for e in errors:
        print("ERROR:", e)
    total = sum(label_counts.values())
    print(f"{len(lines)} lines, {len(records)} records, {total} spans "
          f"({', '.join(f'{k}={v}' for k, v in label_counts.items())}; embedded={embedded_count})")
    if errors:
        print(f"FAILED with {len(errors)} error(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
