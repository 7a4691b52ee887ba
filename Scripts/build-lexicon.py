#!/usr/bin/env python3
"""Learns the words that only romanized Bengali or only romanized Hindi use, from real text.

Writes Sources/BhashaKit/Analysis/RomanizedLexicon.swift: two sorted lists that the language
rows add to their hand-written distinct words (ClauseMarkers), so that a span holding one is
English or that romanized language, never another Latin-script language, and (being one
language's own) lets romanized Hindi be a candidate at all.

Sources (only those whose licence lets them feed the shipped model; ../shared/data/README.md):
  bn-Latn  banglish-app-reviews/comments.tsv (MIT), the words code-mixed-dialog's vocabulary
           marks native in its Bengali user turns (Apache-2.0), banglish-stopwords 0.1.2 (MIT),
           lemx 0.2.1's Banglish spelling variants and their corrected forms (MIT)
  hi-Latn  trac1-hindi/comments.tsv, Latin-only comments (Apache-2.0), the native words of
           code-mixed-dialog's Hindi user turns (Apache-2.0)
  en       code-mixed-dialog's English turns and the words its vocabularies mark english
           (counter-evidence: a word seen there is never learned)

A word is learned for a language when (all deterministic, no randomness):
  - it is 4 to 15 ASCII letters (shorter ones are other languages' words too: keu, vya),
    seen in at least MIN_LINES lines of that language's sources, and in at least two of its
    sources, one of them real text (one source's habits, names or typos are not enough);
  - its share of the language's real lines is at least RATIO times its share of the other
    romanized language's (a word both use, "ki", "na", is neither's own), and a word the other
    language's sources have is never learned from a list alone;
  - wordfreq 3.1.1 knows it in none of the model's other Latin-script languages above a
    frequency of 1e-7 (about the top 300,000 words), English included, the English sources
    never use it, and it is not a regional name (ClauseMarkers.regionalNames).

It also learns each romanized language's host weights, the evidence a word gives for the
sentence around it being that romanized language rather than the other (LanguageIdentifier's
sentence decision reads them): for every word of 1 to 15 ASCII letters seen in at least
HOST_MIN_LINES lines of the real text sources (word lists do not count), the log10 ratio of its
share of one language's lines to its share of the other's (each count plus HOST_SMOOTHING
lines, so that a word one small source lacks is not taken for the other language's), in quarters,
clipped to +-HOST_CLIP (0 when under HOST_MIN_WEIGHT either way: the word is known and even).
English words (wordfreq's English frequency of at least HOST_MAX_ENGLISH, or
HOST_MAX_ENGLISH_LONG for three letters or more; or in the English sources) and regional names
are left out: a sentence's English words and names say nothing of its romanized host.
Code-mixed-dialog turns count with the words its vocabulary marks english left out.

--leave-out SOURCE builds the lists without one source (for evaluate.sh's leave-one-source-out
rows); --print writes the lists to stdout instead of the Swift file.

Usage: Scripts/build-lexicon.sh [--leave-out SOURCE] [--print]   (sets up wordfreq, runs this)
"""
import os
import re
import sys
from collections import Counter, defaultdict

import csv

import lemx
import wordfreq
from banglish_stopwords.data import STOPWORDS

LATIN = ["en", "ca", "cs", "da", "de", "es", "fi", "fil", "fr", "hu", "id", "is", "it", "lt",
         "lv", "ms", "nb", "nl", "pl", "pt", "ro", "sh", "sk", "sl", "sv", "tr", "vi"]
MIN_LINES = 5
RATIO = 8.0
MAX_FREQUENCY_ELSEWHERE = 1e-7
MIN_LETTERS = 4
HOST_MIN_LINES = 5
HOST_MIN_WEIGHT = 0.25
HOST_SMOOTHING = 5
HOST_CLIP = 2.0
HOST_MAX_ENGLISH = 1e-4
HOST_MAX_ENGLISH_LONG = 2e-5
SOURCES = ["banglish-app-reviews", "code-mixed-dialog", "trac1-hindi", "banglish-stopwords",
           "lemx"]
ROMANIZED = ["bn-Latn", "hi-Latn"]
LISTS = {"banglish-stopwords", "lemx"}  # word lists, not text: no shares of lines
WORD = re.compile(r"[a-z]+")
OUT = "Sources/BhashaKit/Analysis/RomanizedLexicon.swift"
MARKERS = "Sources/BhashaKit/Analysis/ClauseMarkers.swift"


def regional_names():
    """ClauseMarkers.regionalNames: place names and brands are no language's words."""
    text = open(MARKERS, encoding="utf-8").read()
    block = re.search(r"static let regionalNames: Set<String> = \[(.*?)\]", text, re.S)
    return set(re.findall(r'"([a-z]+)"', block.group(1))) if block else set()


def tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "\t" in line:
                yield line.rstrip("\n").split("\t", 1)


def words(text):
    return WORD.findall(text.lower().replace("'", "").replace("\u2019", ""))


def lines_by_language(data, leave_out):
    """{language: {source: [set of words per line]}}, and the English words."""
    lines = defaultdict(lambda: defaultdict(list))
    # The words of each real line, per language, for the host weights.
    host = defaultdict(list)
    english = set()
    if leave_out != "banglish-app-reviews":
        for _, text in tsv(os.path.join(data, "banglish-app-reviews/comments.tsv")):
            lines["bn-Latn"]["banglish-app-reviews"].append(set(words(text)))
            host["bn-Latn"].append(set(words(text)))
    if leave_out != "trac1-hindi":
        for _, text in tsv(os.path.join(data, "trac1-hindi/comments.tsv")):
            if re.search(r"[\u0900-\u0DFF]", text):
                continue
            lines["hi-Latn"]["trac1-hindi"].append(set(words(text)))
            host["hi-Latn"].append(set(words(text)))
    if leave_out != "code-mixed-dialog":
        vocab = {}
        for short in ["bn", "hi"]:
            vocab[short] = {w.lower(): k for w, k in
                            tsv(os.path.join(data, f"code-mixed-dialog/vocab_{short}.tsv"))}
            english |= {w for w, k in vocab[short].items() if k == "english"}
        for lang, text in tsv(os.path.join(data, "code-mixed-dialog/user_turns.tsv")):
            if lang == "en":
                english |= set(words(text))
            elif lang in ("bn-Latn", "hi-Latn"):
                kinds = vocab["bn" if lang == "bn-Latn" else "hi"]
                native = {w for w in words(text) if kinds.get(w) == "native"}
                lines[lang]["code-mixed-dialog"].append(native)
                host[lang].append({w for w in words(text) if kinds.get(w) != "english"})
    # Word lists count as MIN_LINES lines per word: a list is one source's say-so.
    if leave_out != "banglish-stopwords":
        for word in sorted(STOPWORDS):
            if WORD.fullmatch(word):
                lines["bn-Latn"]["banglish-stopwords"].extend([{word}] * MIN_LINES)
    if leave_out != "lemx":
        path = os.path.join(os.path.dirname(lemx.__file__), "dictionary.csv")
        with open(path, encoding="utf-8") as f:
            pairs = list(csv.reader(f))[1:]
        for word in sorted({w.lower() for pair in pairs for w in pair}):
            if WORD.fullmatch(word):
                lines["bn-Latn"]["lemx"].extend([{word}] * MIN_LINES)
    return lines, host, english


def host_weights(host, english, names):
    """{language: {word: quarters of log10}}: see the module doc."""
    import math
    counts = {lang: Counter(w for ws in host[lang] for w in ws) for lang in ROMANIZED}
    totals = {lang: len(host[lang]) for lang in ROMANIZED}
    weights = {lang: {} for lang in ROMANIZED}
    if not all(totals.values()):
        return weights
    for w in sorted(set(counts["bn-Latn"]) | set(counts["hi-Latn"])):
        seen = sum(counts[lang][w] for lang in ROMANIZED)
        if seen < HOST_MIN_LINES or not 1 <= len(w) <= 15 or w in english or w in names:
            continue
        english_frequency = wordfreq.word_frequency(w, "en")
        if english_frequency >= HOST_MAX_ENGLISH or (
                len(w) >= 3 and english_frequency >= HOST_MAX_ENGLISH_LONG):
            continue
        for lang in ROMANIZED:
            other = [o for o in ROMANIZED if o != lang]
            a = HOST_SMOOTHING
            share = (counts[lang][w] + a) / (totals[lang] + 2 * a)
            rest = ((sum(counts[o][w] for o in other) + a)
                    / (sum(totals[o] for o in other) + 2 * a))
            ratio = math.log10(share / rest)
            # Every known word is listed for every language, 0 where the data is even.
            weights[lang][w] = (0 if abs(ratio) < HOST_MIN_WEIGHT else
                                round(max(-HOST_CLIP, min(HOST_CLIP, ratio)) * 4))
    return weights


def learn(data, leave_out=None):
    lines, host, english = lines_by_language(data, leave_out)
    counts = {}
    text_counts = {}
    sources_of = {}
    totals = {}
    for lang in ["bn-Latn", "hi-Latn"]:
        c = Counter()
        in_text = Counter()
        seen = defaultdict(set)
        n = 0
        for source, per_line in sorted(lines[lang].items()):
            for ws in per_line:
                if source not in LISTS:
                    n += 1
                for w in ws:
                    c[w] += 1
                    seen[w].add(source)
                    if source not in LISTS:
                        in_text[w] += 1
        counts[lang], text_counts[lang], sources_of[lang] = c, in_text, seen
        totals[lang] = max(1, n)
    names = regional_names()
    learned = {}
    for lang, other in [("bn-Latn", "hi-Latn"), ("hi-Latn", "bn-Latn")]:
        chosen = []
        for w, k in counts[lang].items():
            if not (MIN_LETTERS <= len(w) <= 15) or k < MIN_LINES:
                continue
            # Two sources, one of them real text (two word lists alone are not enough).
            if len(sources_of[lang][w]) < 2 or not (sources_of[lang][w] - LISTS):
                continue
            # Shares of real lines (a listed word never seen in text has share 0).
            share = text_counts[lang][w] / totals[lang]
            other_share = text_counts[other][w] / totals[other]
            if other_share > 0 and share < RATIO * other_share:
                continue
            if counts[other][w] > 0 and share == 0:
                continue
            if w in english or w in names:
                continue
            if any(wordfreq.word_frequency(w, code) > MAX_FREQUENCY_ELSEWHERE for code in LATIN):
                continue
            chosen.append(w)
        learned[lang] = sorted(chosen)
    return learned, host_weights(host, english, names)


def swift(learned, host, leave_out):
    def block(ws, quote=True):
        out, line = [], "   "
        for w in ws:
            item = f' "{w}",' if quote else f" {w},"
            if len(line) + len(item) > 100:
                out.append(line)
                line = "   "
            line += item
        out.append(line)
        return "\n".join(out)

    known = sorted(host["bn-Latn"])
    assert all(sorted(weights) == known for weights in host.values())

    def host_block(name, language, weights):
        return f"""  /// {language}'s host weights, one per word of ``hostWords``: quarters of log10 of how much
  /// likelier a sentence of this language is to hold the word than one of the other romanized
  /// language.
  static let {name}: [Int8] = [
{block([str(weights[w]) for w in known], quote=False)}
  ]"""

    left = f" (without {leave_out}: a leave-one-source-out build)" if leave_out else ""
    return f"""// Generated by Scripts/build-lexicon.sh{left}; do not edit. From banglish-app-reviews
// (MIT), code-mixed-dialog (Apache-2.0), trac1-hindi (Apache-2.0), banglish-stopwords 0.1.2
// (MIT) and lemx 0.2.1 (MIT): see NOTICE and the script's doc for how a word is chosen.

/// Words learned from real romanized text that only one romanized language uses
/// (`Scripts/build-lexicon.py`): added to the rows' distinct words.
enum RomanizedLexicon {{
  /// Romanized Bengali's ({len(learned["bn-Latn"])} words).
  static let bengali: Set<String> = [
{block(learned["bn-Latn"])}
  ]

  /// Romanized Hindi's ({len(learned["hi-Latn"])} words).
  static let hindi: Set<String> = [
{block(learned["hi-Latn"])}
  ]

  /// The words the romanized languages' host weights know ({len(known)}), sorted.
  static let hostWords: [String] = [
{block(known)}
  ]

{host_block("bengaliHost", "Romanized Bengali", host["bn-Latn"])}

{host_block("hindiHost", "Romanized Hindi", host["hi-Latn"])}
}}
"""


def main():
    args = sys.argv[1:]
    data = "../shared/data"
    if "--data" in args:
        data = args[args.index("--data") + 1]
    leave_out = args[args.index("--leave-out") + 1] if "--leave-out" in args else None
    if leave_out and leave_out not in SOURCES:
        sys.exit(f"build-lexicon: unknown source {leave_out} (one of {', '.join(SOURCES)})")
    learned, host = learn(data, leave_out)
    if "--print" in args:
        for lang, ws in learned.items():
            print(lang, len(ws), " ".join(ws))
        for lang, weights in host.items():
            print(lang, "host", len(weights),
                  " ".join(f"{w}:{q}" for w, q in sorted(weights.items())))
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(swift(learned, host, leave_out))
    print(f"build-lexicon: wrote {OUT} (bn-Latn {len(learned['bn-Latn'])}, "
          f"hi-Latn {len(learned['hi-Latn'])} words; host weights bn-Latn "
          f"{len(host['bn-Latn'])}, hi-Latn {len(host['hi-Latn'])})", file=sys.stderr)


if __name__ == "__main__":
    main()
