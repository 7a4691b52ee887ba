#!/usr/bin/env python3
"""Span evaluation for Bhasha (issue: spans).

Reports, against Corpora/gold (code-mixed lines with gold spans):
  - character-level agreement: share of non-whitespace characters whose label (en/bn/neutral
    /other) matches the gold;
  - span-boundary F1: label changes between consecutive non-whitespace characters;
  - line-label accuracy where the gold implies one (no switch → matrix label).
And on single-language sentences from ../shared/data/lingua-testdata (when present):
  - false-split rate: share of en and bn sentences labelled `mixed`.

Usage: Scripts/evaluate-spans.py BHASHA_BINARY [--data DIR] [--json]
"""
import json
import os
import subprocess
import sys


def classify(binary, path):
    out = subprocess.run([binary, "classify", path], check=True, capture_output=True).stdout
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


def char_labels(text, spans):
    """Labels of the non-whitespace characters of text, given spans as (label, start, end) in
    UTF-8 bytes."""
    data = text.encode("utf-8")
    labels = []
    for label, start, end in spans:
        for ch in data[start:end].decode("utf-8", errors="replace"):
            if not ch.isspace():
                labels.append(label)
    return labels


def boundaries(labels):
    return {i for i in range(1, len(labels)) if labels[i] != labels[i - 1]}


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    binary = args[0]
    data_dir = "../shared/data"
    if "--data" in args:
        data_dir = args[args.index("--data") + 1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    gold_text = os.path.join(root, "Corpora/gold/code-mixed-gold.txt")
    gold_spans = os.path.join(root, "Corpora/gold/code-mixed-gold.spans.jsonl")
    lines = open(gold_text, encoding="utf-8").read().split("\n")[:-1]
    gold = [json.loads(l) for l in open(gold_spans, encoding="utf-8")]
    records = classify(binary, gold_text)
    assert len(records) == len(lines) == len(gold)
    agree = total = 0
    tp = fp = fn = 0
    label_ok = label_n = 0
    disagreements = []
    label_misses = []
    for text, g, r in zip(lines, gold, records):
        gspans = []
        pos = 0
        for item in g["spans"]:
            b = len(item[1].encode("utf-8"))
            gspans.append((item[0], pos, pos + b))
            pos += b
        gl = char_labels(text, gspans)
        rl = char_labels(text, [(s["label"], s["start"], s["end"]) for s in r["spans"]])
        assert len(gl) == len(rl), (text, gl, rl)
        a = sum(1 for x, y in zip(gl, rl) if x == y)
        agree += a
        total += len(gl)
        if a < len(gl):
            disagreements.append((len(gl) - a, r["line"], text))
        gb, rb = boundaries(gl), boundaries(rl)
        tp += len(gb & rb)
        fp += len(rb - gb)
        fn += len(gb - rb)
        # Gold line label: a line whose non-neutral, non-embedded spans have one language.
        main_langs = {item[0] for item in g["spans"] if item[0] != "neutral" and not (len(item) > 2 and item[2])}
        expected = None
        if len(main_langs) == 1:
            expected = next(iter(main_langs))
        elif len(main_langs) > 1:
            expected = "mixed"
        if expected:
            label_n += 1
            label_ok += r["label"] == expected
            if r["label"] != expected:
                label_misses.append((r["line"], expected, r["label"], text))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result = {
        "gold_lines": len(lines),
        "char_agreement": agree / total,
        "boundary_precision": precision,
        "boundary_recall": recall,
        "boundary_f1": f1,
        "line_label_accuracy": label_ok / label_n if label_n else None,
    }
    lingua = os.path.join(data_dir, "lingua-testdata")
    if os.path.isdir(lingua):
        for lang in ("en", "bn"):
            path = os.path.join(lingua, lang, "sentences.txt")
            recs = classify(binary, path)
            split = [r for r in recs if r["label"] == "mixed"]
            result[f"false_split_{lang}_sentences"] = len(split) / len(recs)
            result[f"false_split_{lang}_count"] = len(split)
            wrong = [r for r in recs if r["label"] not in (lang, "mixed")]
            result[f"not_{lang}_count"] = len(wrong)
    else:
        print(f"skipping lingua-testdata: {lingua} is absent", file=sys.stderr)
    if "--json" in args:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k:32} {v:.4f}" if isinstance(v, float) else f"{k:32} {v}")
        if "--verbose" in args:
            for n, line, text in sorted(disagreements, reverse=True)[:30]:
                print(f"  {n:3} chars  line {line}: {text}")
            for line, expected, got, text in label_misses:
                print(f"  label line {line}: gold {expected}, got {got}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
