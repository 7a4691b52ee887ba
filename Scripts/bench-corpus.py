#!/usr/bin/env python3
"""Deterministic benchmark corpus for Scripts/bench.sh: realistic lines, not Corpora/ repeated.

The text is cut from real sentences and words at run time; nothing here is third-party text,
and the output belongs only in .build-bench/ (git-ignored). Sources, each used when present:
  - ../shared/data/lingua-testdata: en, bn and hi sentences, single words and word pairs, and
    sentences of the twelve other Latin-script languages (and `as/` when it exists);
  - ../shared/corpus-seeds: the English paragraphs and the English and Bengali page furniture of
    the two scraped pages;
  - Corpora/*.txt: English and Bengali paragraphs (cut into sentences), page furniture, the
    code-mixed social posts, romanized Bengali, Assamese and neutral lines.
Without ../shared the corpus is made of Corpora/ alone, in the same mix.

The mix follows Bangladeshi news pages and social posts. A corpus is a run of documents, each
followed by a blank line, drawn with these weights (share of documents; the share of bytes is
printed to stderr; with this seed about 42 % English pages, 36 % Bengali pages, 11 % social
threads, 6 % other-language pages, 4-5 % Assamese pages, under 1 % neutral blocks; by lines
about 25 % blank, 13 % of 1-19 bytes, 46 % of 20-150 bytes and 15 % of 200 bytes or more):
  - 28 English news page on a Bengali site: Bengali date label and menu, a "28.4 C" widget,
    English headline and dateline, 4-14 English paragraphs of 200-800 bytes separated by blank
    lines (one in ten quotes a Bengali phrase), Bengali tags and share labels, English comment
    prompts, a Bengali "most read" sidebar of 5-10 headlines (some cut with "..."), a footer;
  - 24 Bengali news page with English site chrome: English menu, login and dates, a Bengali
    headline and byline, 3-12 Bengali paragraphs of 250-1,000 bytes (a third of their sentences
    carry one or two embedded English words: brands, "meeting", "online"), English tags,
    share row and footer;
  - 30 social thread: 5-60 lines of 20-150 bytes: Bengali, English, code-mixed (Corpora's posts
    and Bengali sentences with English words and emoji), romanized Bengali, Assamese, Hindi
    and other languages now and then, emoji, URLs, hashtags, dates, blank lines;
  - 4 Assamese page: English chrome around Assamese paragraphs;
  - 6 other-language page: English chrome around paragraphs in one of lingua's twelve
    Latin-script languages or Hindi (a wire story on an aggregator);
  - 8 neutral block: prices, scores, dates, times, phone numbers, URLs, emoji, separators.
Lines end in LF; the text is valid UTF-8 with no byte-order mark.

Deterministic: a fixed seed, sources read in sorted order, no hash-order iteration; the same
sources give the same bytes on every run. A corpus of N bytes ends with the first document
that reaches N (so it is a little longer), and a shorter corpus is a prefix of a longer one.

Usage:
  bench-corpus.py corpus OUT --bytes N      # the mixed corpus
  bench-corpus.py longline OUT --bytes N    # one line of alternating Bengali and English sentences
  bench-corpus.py lines OUT --bytes N       # the same sentences, 2-4 to a line (same size)
  bench-corpus.py fingerprint               # SHA-256 of this script and every source it reads
Options: --data DIR (default ../shared/data), --seeds DIR (default ../shared/corpus-seeds),
seen from the project's root.
"""
import argparse
import glob
import hashlib
import os
import random
import re
import sys

SEED = 20240614
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LATIN_LANGS = ["de", "es", "fr", "it", "pt", "nl", "id", "tr", "vi", "pl", "sw", "tl"]

BENGALI_LETTER = re.compile("[\u0985-\u09b9\u09bc-\u09cd\u09ce\u09d7\u09dc-\u09e3\u09f0\u09f1]")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
EN_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
BN_SENTENCE_END = re.compile(r"(?<=[।?!])\s+")

# Words that Bengali writers leave in English (written for this generator).
EMBEDDED_EN = ("Facebook YouTube bKash Nagad Daraz Uber Pathao meeting online office update "
               "exam result delivery order cancel mobile internet WiFi laptop app link post "
               "video live class project deadline budget GDP IMF market share BPL cricket "
               "match team police Covid vaccine doctor hospital ticket flight Google AI").split()
EMOJI = ["😅", "😂", "🙄", "😩", "❤️", "🎉", "🙏", "👍", "🔥", "😢", "🇧🇩", "🏏", "🌧️", "🤲", "👉"]
BN_MONTHS = ["জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই", "আগস্ট",
             "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
BN_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def sources(data, seeds):
    """Every file the generator reads, sorted: (role, path)."""
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, "Corpora", "*.txt"))):
        if not path.endswith("crlf-bom.txt"):
            found.append(("corpora", path))
    for path in sorted(glob.glob(os.path.join(seeds, "*.txt"))):
        found.append(("seed", path))
    lingua = os.path.join(data, "lingua-testdata")
    for path in sorted(glob.glob(os.path.join(lingua, "*", "*.txt"))):
        found.append(("lingua", path))
    return found


def read_lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read().lstrip("\ufeff")
    return [l.strip() for l in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def unique(items):
    return list(dict.fromkeys(i for i in items if i))


class Pools:
    """Sentences, words and lines by kind, from whatever sources are present."""

    def __init__(self, data, seeds):
        self.en, self.bn, self.hi, self.assamese = [], [], [], []
        self.en_words, self.bn_words = [], []
        self.en_furniture, self.bn_furniture = [], []
        self.social, self.romanized, self.neutral = [], [], []
        self.other = {}
        for role, path in sources(data, seeds):
            name = os.path.basename(path)
            lines = [l for l in read_lines(path) if l]
            if role == "lingua":
                lang, kind = os.path.basename(os.path.dirname(path)), name[:-4]
                if kind == "sentences":
                    target = {"en": self.en, "bn": self.bn, "hi": self.hi, "as": self.assamese}
                    target.get(lang, self.other.setdefault(lang, [])).extend(lines)
                elif lang == "en":
                    self.en_words.extend(lines)
                elif lang == "bn":
                    self.bn_words.extend(lines)
                continue
            if name == "romanized-bengali.txt":
                self.romanized.extend(lines)
            elif name == "assamese.txt":
                self.assamese.extend(lines)
            elif name == "neutral-lines.txt":
                self.neutral.extend(lines)
            elif name == "code-mixed-social.txt":
                self.social.extend(lines)
            else:
                self.add_page_lines(lines)
        self.other = {k: unique(v) for k, v in sorted(self.other.items()) if k in LATIN_LANGS}
        if self.hi:
            self.other["hi"] = unique(self.hi)
        for name in ("en", "bn", "assamese", "en_words", "bn_words", "en_furniture",
                     "bn_furniture", "social", "romanized", "neutral"):
            setattr(self, name, unique(getattr(self, name)))
        if not self.en_words:
            self.en_words = unique(w for s in self.en for w in s.split() if w.isalpha())
        if not self.bn_words:
            self.bn_words = unique(w for s in self.bn for w in s.split() if BENGALI_LETTER.search(w))
        self.bn_headlines = [s for s in self.bn_furniture if len(s.encode()) > 40] or self.bn
        self.bn_any, self.en_any = self.bn + self.bn_words, self.en + self.en_words
        self.posts = self.social + self.romanized
        for name in ("en", "bn", "en_furniture", "bn_furniture", "social", "romanized"):
            if not getattr(self, name):
                sys.exit(f"bench-corpus: no {name} text found (is Corpora/ there?)")

    def add_page_lines(self, lines):
        """A page's lines: long ones become sentences, short ones furniture, by script."""
        for line in lines:
            bengali = len(BENGALI_LETTER.findall(line))
            latin = len(LATIN_LETTER.findall(line))
            if bengali == 0 and latin == 0:
                self.neutral.append(line)
            elif bengali and latin:
                self.social.append(line)  # a page's mixed line reads like a post
            elif len(line.encode()) > 150:
                split = BN_SENTENCE_END if bengali else EN_SENTENCE_END
                (self.bn if bengali else self.en).extend(s.strip() for s in split.split(line))
            else:
                (self.bn_furniture if bengali else self.en_furniture).append(line)


class Writer:
    """Draws documents from the pools with one seeded generator."""

    def __init__(self, pools, seed=SEED):
        self.p = pools
        self.r = random.Random(seed)

    # Small pieces.

    def pick(self, items):
        return items[self.r.randrange(len(items))]

    def cut(self, text, limit):
        """TEXT cut at a space to at most LIMIT bytes (whole when it fits or has no space)."""
        if len(text.encode()) <= limit:
            return text
        words, out = text.split(" "), ""
        for w in words:
            longer = (out + " " + w) if out else w
            if len(longer.encode()) > limit:
                break
            out = longer
        return out or words[0]

    def paragraph(self, sentences, low, high):
        """Sentences joined until the paragraph reaches a length drawn from LOW..HIGH bytes."""
        target = int(self.r.triangular(low, high, (low + high) / 3))
        out, size = [], 0
        while size < target:
            s = self.pick(sentences)
            n = len(s.encode()) + 1
            if out and size + n > high:
                break
            out.append(s)
            size += n
        return " ".join(out)

    def date(self, bengali):
        day, month = self.r.randint(1, 28), self.r.randrange(12)
        year, hour, minute = self.r.randint(2019, 2025), self.r.randint(1, 12), self.r.randint(0, 59)
        if bengali:
            label = self.pick(["প্রকাশিত", "আপডেট", "প্রকাশের তারিখঃ"])
            return f"{label}: {day} {BN_MONTHS[month]} {year}, {hour:02}:{minute:02}".translate(BN_DIGITS)
        label = self.pick(["Published", "Updated", "Posted"])
        return f"{label}: {day} {EN_MONTHS[month]} {year}, {hour:02}:{minute:02} {self.pick(['AM', 'PM'])}"

    def neutral_line(self):
        r = self.r
        kind = r.randrange(10)
        if kind == 0 and self.p.neutral:
            return self.pick(self.p.neutral)
        if kind == 1:
            return f"{r.uniform(12, 38):.1f} C"
        if kind == 2:
            return f"৳ {r.randint(10, 99999):,}.00"
        if kind == 3:
            return f"৳{r.randint(10, 99999):,}".translate(BN_DIGITS)
        if kind == 4:
            return f"https://example.com/{self.pick(['news', 'sports', 'opinion', 'video'])}/{r.randint(10000, 999999)}"
        if kind == 5:
            return f"{r.randint(2019, 2025)}-{r.randint(1, 12):02}-{r.randint(1, 28):02} {r.randint(0, 23):02}:{r.randint(0, 59):02}"
        if kind == 6:
            return " ".join(self.pick(EMOJI) for _ in range(r.randint(1, 5)))
        if kind == 7:
            return f"{r.randint(100, 350)}/{r.randint(1, 10)} ({r.randint(20, 50)}.{r.randint(0, 5)})"
        if kind == 8:
            return f"+880 17{r.randint(10, 99)}-{r.randint(0, 999999):06}"
        return self.pick(["---", "* * *", "|", "...", "=====", "১২৩", "(2024)", "[১]"])

    def embed_english(self, sentence):
        words = sentence.split(" ")
        for _ in range(self.r.randint(1, 2)):
            words.insert(self.r.randrange(len(words) + 1), self.pick(EMBEDDED_EN))
        return " ".join(words)

    def social_line(self):
        p, r = self.p, self.r
        limit = r.randint(20, 150)
        kind = r.choices(range(11), weights=[22, 10, 14, 14, 15, 4, 2, 3, 7, 5, 4])[0]
        if kind == 0:
            text = self.cut(self.pick(p.bn_any), limit)
        elif kind == 1:
            text = self.pick(p.social)
        elif kind == 2:  # Bengali words with English ones and an emoji
            bn = self.cut(self.pick(p.bn), limit - 30)
            text = self.embed_english(bn) + (" " + self.pick(EMOJI) if r.random() < 0.5 else "")
        elif kind == 3:
            text = self.pick(p.romanized)
            if r.random() < 0.3:
                text += " " + self.pick(EMOJI)
        elif kind == 4:
            text = self.cut(self.pick(p.en_any), limit)
        elif kind == 5:
            text = self.cut(self.pick(p.assamese or p.bn), limit)
        elif kind == 6:
            text = self.cut(self.pick(p.other.get("hi") or p.en), limit)
        elif kind == 7:
            lang = self.pick(sorted(p.other)) if p.other else None
            text = self.cut(self.pick(p.other[lang]), limit) if lang else self.pick(p.romanized)
        elif kind == 8:
            text = self.neutral_line()
        elif kind == 9:
            text = ""
        else:  # a mention or hashtag around a short line
            tag = self.pick(["@rafi_ahmed", "@nusrat.j", "#Dhaka", "#শুভ_নববর্ষ", "#BPL2024"])
            text = f"{tag} {self.cut(self.pick(p.posts), limit)}"
        return text

    # Documents: lists of lines.

    def english_page(self):
        p, r = self.p, self.r
        lines = [self.date(True)] + [self.pick(p.bn_furniture) for _ in range(r.randint(1, 3))]
        if r.random() < 0.5:
            lines.append(self.neutral_line())
        lines += ["", self.cut(self.pick(p.en), 110).rstrip("."), self.date(False), ""]
        for _ in range(r.randint(4, 14)):
            para = self.paragraph(p.en, 200, 800)
            if r.random() < 0.1:
                para += f" Locals call it “{self.pick(p.bn_words)}”."
            lines += [para, ""]
        lines += [self.pick(p.bn_furniture) for _ in range(r.randint(1, 3))]
        lines += [self.pick(p.en_furniture) for _ in range(r.randint(1, 3))]
        lines += ["", self.pick(p.bn_furniture)]
        for _ in range(r.randint(5, 10)):
            head = self.cut(self.pick(p.bn_headlines), r.randint(60, 160))
            lines.append(head + ("..." if r.random() < 0.4 else ""))
        lines += ["", self.pick(p.bn_furniture), "© ২০২৪ " + self.pick(p.bn_furniture)]
        return lines

    def chrome_page(self, paragraphs, count, low, high, embed=0.0):
        """English site chrome around paragraphs drawn from PARAGRAPHS."""
        p, r = self.p, self.r
        lines = [self.pick(p.en_furniture) for _ in range(r.randint(2, 4))] + [""]
        lines += [self.cut(self.pick(paragraphs), 120), self.pick(p.bn_furniture) if embed else
                  self.pick(p.en_furniture), self.date(False), ""]
        for _ in range(r.randint(*count)):
            para = self.paragraph(paragraphs, low, high)
            if embed:
                para = " ".join(self.embed_english(s) if r.random() < embed else s
                                for s in BN_SENTENCE_END.split(para))
            lines += [para, ""]
        lines += [self.pick(p.en_furniture) for _ in range(r.randint(3, 8))]
        lines.append(f"© {r.randint(2019, 2025)} Example News Ltd. All rights reserved.")
        return lines

    def social_thread(self):
        return [self.social_line() for _ in range(self.r.randint(5, 60))]

    def neutral_block(self):
        return [self.neutral_line() for _ in range(self.r.randint(3, 15))]

    def document(self):
        p, r = self.p, self.r
        kind = r.choices(["en-page", "bn-page", "social", "as-page", "other-page", "neutral"],
                         weights=[28, 24, 30, 4, 6, 8])[0]
        if kind == "en-page":
            lines = self.english_page()
        elif kind == "bn-page":
            lines = self.chrome_page(p.bn, (3, 12), 250, 1000, embed=0.33)
        elif kind == "social":
            lines = self.social_thread()
        elif kind == "as-page":
            lines = self.chrome_page(p.assamese or p.bn, (3, 10), 200, 800)
        elif kind == "other-page" and p.other:
            lines = self.chrome_page(p.other[self.pick(sorted(p.other))], (3, 10), 200, 800)
        else:
            kind, lines = "neutral", self.neutral_block()
        return kind, "".join(l + "\n" for l in lines) + "\n"


def write_corpus(out, size, pools):
    w = Writer(pools)
    done, shares = 0, {}
    with open(out, "wb") as f:
        while done < size:
            kind, text = w.document()
            data = text.encode("utf-8")
            f.write(data)
            done += len(data)
            shares[kind] = shares.get(kind, 0) + len(data)
    mix = ", ".join(f"{k} {100 * v / done:.1f} %" for k, v in sorted(shares.items(), key=lambda kv: -kv[1]))
    print(f"bench-corpus: {out}: {done} bytes; bytes by document: {mix}", file=sys.stderr)


def write_sentences(out, size, pools, one_line):
    """Alternating Bengali and English sentences, SIZE bytes or a little more: one line, or the
    same bytes with every second to fourth separating space made a line end."""
    r = random.Random(SEED + 1)
    parts, done = [], 0
    while done < size:
        for pool in (pools.bn, pools.en):
            s = pool[r.randrange(len(pool))]
            parts.append(s)
            done += len(s.encode()) + 1
    seps, left = [], r.randint(2, 4)
    for _ in range(len(parts) - 1):
        left -= 1
        if left == 0 and not one_line:
            seps.append("\n")
        else:
            seps.append(" ")
        if left == 0:
            left = r.randint(2, 4)
    with open(out, "w", encoding="utf-8", newline="") as f:
        for s, sep in zip(parts, seps + ["\n"]):
            f.write(s + sep)


def fingerprint(data, seeds):
    h = hashlib.sha256(open(os.path.abspath(__file__), "rb").read())
    for _, path in sources(data, seeds):
        h.update(os.path.relpath(path, ROOT).encode() + b"\0" + open(path, "rb").read())
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kind", choices=["corpus", "longline", "lines", "fingerprint"])
    ap.add_argument("out", nargs="?")
    ap.add_argument("--bytes", type=int)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--seeds", default=os.path.join(ROOT, "..", "shared", "corpus-seeds"))
    a = ap.parse_args()
    if a.kind == "fingerprint":
        print(fingerprint(a.data, a.seeds))
        return 0
    if not a.out or not a.bytes or a.bytes < 1:
        ap.error("OUT and --bytes N are needed")
    pools = Pools(a.data, a.seeds)
    if a.kind == "corpus":
        write_corpus(a.out, a.bytes, pools)
    else:
        write_sentences(a.out, a.bytes, pools, a.kind == "longline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
