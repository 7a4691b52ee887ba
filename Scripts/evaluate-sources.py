#!/usr/bin/env python3
"""Bhasha's accuracy on each real source of ../shared/data, one source at a time.

Every figure is line level (a line's `lang`: its language, a `mixed` line's matrix language,
`neutral` for a line without one) and, where the source tags words, token level too (the
language of the span holding the token's first byte). Per source: accuracy, the most frequent
wrong answers, and accuracy by line length in words (1, 2, 3-5, 6-10, 11+).

Which sources the measured build saw: the romanized lexicon
(Sources/BhashaKit/Analysis/RomanizedLexicon.swift, Scripts/build-lexicon.py) learns from the
permissive sources banglish-app-reviews, code-mixed-dialog and trac1-hindi, and the n-gram
model (Scripts/build-model.sh) from the romanized Hindi of the last two (besides wordfreq and
Tesseract data). Their rows are marked "seen" here;
Scripts/evaluate-loso.sh measures each with a lexicon and a model that left it out.

  code-mixed-dialog   user turns by language: bn-Latn, hi-Latn, en; gu-Latn and ta-Latn must
                      stay out of en/bn-Latn/hi-Latn. Bengali lines holding a word the source's
                      vocabulary marks native; its word types (native/english) at token level.
  banglish-app-reviews  Banglish reviews -> bn-Latn (and how many are plainly English: every
                      word in the model's English word list); Bengali-script ones -> bn or
                      bn-Latn (most hold romanized words as well: "বার বার verification korte
                      hosse kano", and either script's Bengali is right; en, und are wrong).
  trac1-hindi         Latin-only comments -> hi-Latn.
  sentimix-hinglish   tweets -> hi-Latn; tokens Hin -> hi-Latn, Eng -> en.   (evaluation only)
  l3cube-hinglid      sentences -> hi-Latn; tokens HI -> hi-Latn, EN -> en.  (evaluation only)
                      Token-tagged sources also get a row of the lines whose own tags are
                      mostly the line language (a tweet tagged mostly Eng is not Hindi).
  nps-chat            posts with letters -> en or neutral; Emotion posts -> neutral.  (eval only)
  kde-assamese        interface strings -> as; none of their pieces in split's en stream.
  xlit-crowd          romanized Hindi single words -> hi-Latn.                (evaluation only)

Usage: Scripts/evaluate-sources.py BHASHA_BINARY [--data DIR] [--json] [--limit N]
         [--only SOURCE] [--held-out]   (--held-out: the build did not see --only's source)
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

LEXICON_SOURCES = ["banglish-app-reviews", "code-mixed-dialog", "trac1-hindi"]
BUCKETS = [(1, 1, "1"), (2, 2, "2"), (3, 5, "3-5"), (6, 10, "6-10"), (11, 10**9, "11+")]
LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")
NON_LATIN_LETTER = re.compile(r"[\u0370-\u1FFF\u3040-\uFFFF]")


def classify(binary, lines):
    """(line lang, spans) per line, from one `bhasha classify` run."""
    text = "".join(line.replace("\r", " ") + "\n" for line in lines)
    out = subprocess.run(
        [binary, "classify", "--format", "jsonl"], input=text.encode(), capture_output=True,
        check=True).stdout.decode()
    result = []
    for record in out.splitlines():
        r = json.loads(record)
        result.append((r["lang"] or r["label"], r["spans"]))
    assert len(result) == len(lines), (len(result), len(lines))
    return result


def bucket(words):
    for low, high, name in BUCKETS:
        if low <= words <= high:
            return name
    return "1"


class Score:
    """Hits, confusions and length buckets of one row."""

    def __init__(self, name, expected):
        self.name, self.expected = name, expected
        self.total = self.hits = 0
        self.wrong = Counter()
        self.by_length = {b[2]: [0, 0] for b in BUCKETS}

    def add(self, answer, ok, words):
        self.total += 1
        self.hits += ok
        if not ok:
            self.wrong[answer] += 1
        cell = self.by_length[bucket(words)]
        cell[0] += ok
        cell[1] += 1

    def row(self):
        accuracy = 100.0 * self.hits / self.total if self.total else 0.0
        confusions = ", ".join(f"{k} {100.0 * v / self.total:.1f} %"
                               for k, v in self.wrong.most_common(3))
        lengths = " · ".join(f"{k}: {100.0 * h / n:.0f}" if n else f"{k}: -"
                             for k, (h, n) in self.by_length.items())
        return {"task": self.name, "expected": self.expected, "lines": self.total,
                "accuracy": round(accuracy, 1), "confusions": confusions, "by_length": lengths}


def score_lines(binary, name, expected, lines, accept):
    """A row: each line's answer checked by `accept(answer)`."""
    s = Score(name, expected)
    for line, (answer, _) in zip(lines, classify(binary, lines)):
        s.add(answer, accept(answer), len(line.split()))
    return s


def token_language(spans, text_bytes, start):
    """The language of the span holding byte `start`."""
    for span in spans:
        if span["start"] <= start < span["end"]:
            return span["lang"] or span["label"]
    return "neutral"


def joined(tokens):
    """The tokens as the user typed them, as far as the source's tokenization lets us tell:
    SentiMix splits `@name`, `#tag` and URLs into pieces (`@ name`, `@ gehlot _ arif`,
    `https // t . co / x`, `https // t co / x`, `https // tco / x`), which would make mentions
    and links look like words; they are joined again."""
    text = " ".join(tokens)
    text = re.sub(r"(^| )([@#]) (?=\S)", r"\1\2", text)
    # Underscores inside a mention or hashtag ("@gehlot _ arif", "@_ garrywalia").
    for _ in range(3):
        text = re.sub(r"((?:^| )[@#]\w*) _ ?(?=\w)", r"\1_", text)
        text = re.sub(r"((?:^| )[@#]\w*_) (?=\w)", r"\1", text)
    text = re.sub(r"\bhttps? // t ?\.? ?co / (\S+)", r"https://t.co/\1", text)
    text = re.sub(r"\bhttps? // (\S+) \. (\S+) / (\S+)", r"https://\1.\2/\3", text)
    return text


def score_tokens(binary, name, sentences, tags, line_language="hi-Latn"):
    """Line row (-> `line_language`) and token row over token-tagged sentences.

    `sentences` is a list of token lists [(token, tag)]; `tags` maps a source tag to the
    expected language (tags not in it are not scored). A token is found in the joined text by
    searching from the end of the one before.
    """
    texts = [joined([tok for tok, _ in s]) for s in sentences]
    results = classify(binary, texts)
    lines = Score(name, line_language)
    # The lines whose own tags hold more tokens of the line language than of any other: a
    # tweet the source files under Hindi but tags mostly English is not a Hindi line.
    majority = Score(name + " (majority of tags " + line_language + ")", line_language)
    tokens = Score(name + " tokens", "/".join(sorted(set(tags.values()))))
    for sentence, text, (answer, spans) in zip(sentences, texts, results):
        lines.add(answer, answer == line_language, len(sentence))
        by_language = Counter(tags[tag] for _, tag in sentence if tag in tags)
        if by_language and all(by_language[line_language] > n
                               for lang, n in by_language.items() if lang != line_language):
            majority.add(answer, answer == line_language, len(sentence))
        # Tokens inside a mention, hashtag or link are parts of a neutral unit.
        inside = [m.span() for m in re.finditer(r"[@#]\w+|https?://\S+", text)]
        at = 0
        for tok, tag in sentence:
            found = text.find(tok, at)
            if found < 0:
                continue
            start = len(text[:found].encode())
            at = found + len(tok)
            # The name of a @mention or #hashtag is a neutral unit, not a word of a language.
            if tag not in tags or any(a <= found < b for a, b in inside):
                continue
            got = token_language(spans, text, start)
            tokens.add(got, got == tags[tag], len(sentence))
    return [lines, majority, tokens]


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t", 1) for line in f if "\t" in line]


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def english_words():
    """The model's English word list is not readable from here; wordfreq's, if installed."""
    try:
        from wordfreq import top_n_list
        return set(top_n_list("en", 50000))
    except Exception:
        return None


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    binary = args[0]
    data = "../shared/data"
    limit = None
    if "--data" in args:
        data = args[args.index("--data") + 1]
    if "--limit" in args:
        limit = int(args[args.index("--limit") + 1])
    if not os.path.isdir(data):
        print(f"evaluate-sources: {data} is absent; skipped")
        return
    rows = []

    def cut(items):
        return items[:limit] if limit else items

    # code-mixed-dialog: user turns and word types.
    turns = read_tsv(os.path.join(data, "code-mixed-dialog/user_turns.tsv"))
    for lang in ["bn-Latn", "hi-Latn", "en"]:
        lines = cut([t for l, t in turns if l == lang])
        rows.append(score_lines(binary, f"code-mixed-dialog {lang}", lang, lines,
                                lambda a, lang=lang: a == lang or (lang == "en" and a == "neutral")))
    for lang in ["gu-Latn", "ta-Latn"]:
        lines = cut([t for l, t in turns if l == lang])
        rows.append(score_lines(binary, f"code-mixed-dialog {lang}", "not en/bn-Latn/hi-Latn",
                                lines, lambda a: a not in ("en", "bn-Latn", "hi-Latn")))
    for short, lang in [("bn", "bn-Latn"), ("hi", "hi-Latn")]:
        vocab = {}
        for word, kind in read_tsv(os.path.join(data, f"code-mixed-dialog/vocab_{short}.tsv")):
            vocab[word.lower()] = kind
        sentences = []
        for l, text in turns:
            if l != lang:
                continue
            toks = [(w, vocab.get(w.lower(), "other")) for w in text.split()]
            if any(kind == "native" for _, kind in toks):
                sentences.append(toks)
        sentences = cut(sentences)
        rows += score_tokens(binary, f"code-mixed-dialog {lang} (native word)", sentences,
                             {"native": lang, "english": "en"}, line_language=lang)

    # banglish-app-reviews.
    reviews = cut([t for _, t in read_tsv(os.path.join(data, "banglish-app-reviews/comments.tsv"))])
    row = score_lines(binary, "banglish-app-reviews", "bn-Latn", reviews, lambda a: a == "bn-Latn")
    english = english_words()
    if english:
        plain = sum(1 for t in reviews
                    if all(w in english for w in re.findall(r"[a-z]+", t.lower())) and
                    re.search(r"[a-z]", t.lower()))
        row.name += f" ({plain} plainly English)"
    rows.append(row)
    script = cut([t for _, t in read_tsv(
        os.path.join(data, "banglish-app-reviews/comments_bengali_script.tsv"))])
    rows.append(score_lines(binary, "banglish-app-reviews Bengali script", "bn/bn-Latn", script,
                            lambda a: a in ("bn", "bn-Latn", "mixed")))

    # trac1-hindi: Latin-only comments.
    comments = [t for _, t in read_tsv(os.path.join(data, "trac1-hindi/comments.tsv"))]
    latin = cut([t for t in comments if LATIN_LETTER.search(t) and not NON_LATIN_LETTER.search(t)])
    rows.append(score_lines(binary, "trac1-hindi Latin-only", "hi-Latn", latin,
                            lambda a: a == "hi-Latn"))

    # Token-tagged Hinglish (evaluation only).
    sentimix = cut([[(t, g) for t, g in r["tokens"]] for r in
                    read_jsonl(os.path.join(data, "sentimix-hinglish/test.jsonl"))
                    + read_jsonl(os.path.join(data, "sentimix-hinglish/train.jsonl"))])
    rows += score_tokens(binary, "sentimix-hinglish", sentimix, {"Hin": "hi-Latn", "Eng": "en"})
    l3cube = cut([[(t, g) for t, g in r["tokens"]] for r in
                  read_jsonl(os.path.join(data, "l3cube-hinglid/test.jsonl"))
                  + read_jsonl(os.path.join(data, "l3cube-hinglid/validation.jsonl"))])
    rows += score_tokens(binary, "l3cube-hinglid", l3cube, {"HI": "hi-Latn", "EN": "en"})

    # NPS chat (evaluation only).
    posts = read_tsv(os.path.join(data, "nps-chat/posts.tsv"))
    lettered = cut([t for c, t in posts if LATIN_LETTER.search(t) and c != "System"])
    rows.append(score_lines(binary, "nps-chat posts with letters", "en/neutral", lettered,
                            lambda a: a in ("en", "neutral")))
    emotion = cut([t for c, t in posts if c == "Emotion"])
    rows.append(score_lines(binary, "nps-chat Emotion", "neutral", emotion,
                            lambda a: a == "neutral"))

    # kde-assamese (evaluation only): line language, and split's English stream.
    strings = cut([t for _, t in read_tsv(os.path.join(data, "kde-assamese/msgstr.tsv"))])
    rows.append(score_lines(binary, "kde-assamese", "as", strings, lambda a: a == "as"))
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "kde.txt")
        with open(source, "w", encoding="utf-8") as f:
            f.write("".join(s + "\n" for s in strings))
        subprocess.run([binary, "split", source, "-o", tmp, "-q", "--assamese", "separate"],
                       check=True)
        english_stream = os.path.join(tmp, "kde.en.txt")
        pieces = open(english_stream, encoding="utf-8").read().splitlines() \
            if os.path.exists(english_stream) else []
        bengali_script = [p for p in pieces if re.search(r"[\u0980-\u09FF]", p)]
        s = Score("kde-assamese pieces in split's en stream", "none with Bengali script")
        s.total, s.hits = len(strings), len(strings) - len(bengali_script)
        if bengali_script:
            s.wrong[f"{len(bengali_script)} pieces"] = len(bengali_script)
        rows.append(s)

    # xlit-crowd (evaluation only): single romanized Hindi words.
    words = cut([w for w, _ in read_tsv(os.path.join(data, "xlit-crowd/pairs.tsv"))])
    rows.append(score_lines(binary, "xlit-crowd single words", "hi-Latn", words,
                            lambda a: a == "hi-Latn"))

    only = args[args.index("--only") + 1] if "--only" in args else None
    if only:
        rows = [r for r in rows if r.name.startswith(only)]
    for r in rows:
        source = r.name.split(" ")[0]
        if source in LEXICON_SOURCES:
            r.name += " (left out)" if "--held-out" in args else " (seen)"
    table = [r.row() for r in rows]
    if "--json" in args:
        print(json.dumps(table, ensure_ascii=False, indent=1))
        return
    print("| source | expected | lines | Bhasha | top confusions | by length (words: %) |")
    print("| --- | --- | ---: | ---: | --- | --- |")
    for r in table:
        print(f"| {r['task']} | {r['expected']} | {r['lines']} | {r['accuracy']:.1f} % | "
              f"{r['confusions']} | {r['by_length']} |")


if __name__ == "__main__":
    main()
