#!/usr/bin/env python3
"""Builds Bhasha's within-script language model (Sources/BhashaKit/Resources/languages.bin).

Sources (see README and NOTICE for credits and licences):
  - wordfreq 3.1.1 (PyPI; code Apache-2.0, data CC BY-SA 4.0): word frequencies for English, Hindi,
    Bengali and 26 other Latin-script languages;
  - romanized Hindi: Hindi words from wordfreq through ICU's Devanagari-Latin transliteration,
    then the informal spelling rules in `romanize_hindi()` below, then ICU's Latin-ASCII;
  - romanized Bengali: Bengali words from wordfreq through ICU's Bengali-Latin transliteration
    (via `bhasha transliterate`, i.e. the project's ICU shim), then the informal spelling rules in
    `romanize()` below, then ICU's Latin-ASCII;
  - romanized Hindi from real text as well: part of its word distribution (and so of its
    character n-grams), n / (n + REAL_PSEUDOCOUNT) for n real word occurrences, 64 % today,
    comes from the words of real romanized lines, the permissive sources of ../shared/data that
    Scripts/build-lexicon.py reads (trac1-hindi's Latin-only comments and code-mixed-dialog's
    Hindi user turns, Apache-2.0), English words and names left out (see real_words()); the
    rest from the synthetic spellings above. Real words seen in at least REAL_MIN_LINES lines
    join the word list. Romanized Bengali stays synthetic (REAL_TEXT_LANGUAGES says why);
  - Assamese: a short word list written for the project (ASSAMESE_WORDS below), and the
    Assamese word list of Tesseract's tessdata (Debian package tesseract-ocr-asm 1:4.1.0-2,
    Apache-2.0; 64,648 words, extracted by build-model.sh with combine_tessdata and
    dawg2wordlist), compared with wordfreq's Bengali list (see lexical_evidence()).

Output is deterministic: the same inputs give the same bytes.

Usage: Scripts/build-model.py [--data DIR] [--leave-out SOURCE] BHASHA_BINARY ASSAMESE_WORDLIST
         OUTPUT
       Scripts/build-model.py --relayout VERSION2.bin OUTPUT   (same model, this version's layout)

With MODEL_WITHOUT=vi,id,tr in the environment, those Latin-script languages are left out: the
experiment behind `und` (text of languages the model lacks must not become en or bn-Latn).
--data DIR reads the real sources from DIR (default ../shared/data; a build without it fails
rather than ship a different model); --leave-out SOURCE builds without one of them, for
evaluate-loso.sh's leave-one-source-out rows.
"""
import math
import os
import random
import re
import struct
import subprocess
import sys
import unicodedata
from collections import Counter

import wordfreq

LATIN = ["en", "ca", "cs", "da", "de", "es", "fi", "fil", "fr", "hu", "id", "is", "it", "lt",
         "lv", "ms", "nb", "nl", "pl", "pt", "ro", "sh", "sk", "sl", "sv", "tr", "vi"]
WORDS = {"en": 40000, "bn-Latn": 30000, "hi-Latn": 20000}
OTHER_WORDS = 4000
NGRAM_WORDS = 50000  # words per language feeding the character n-grams
NGRAMS_PER_ORDER = {1: 300, 2: 2000, 3: 5000, 4: 6000}
# Romanized languages learned from real text as well as from synthetic spellings (real_words(),
# with_real_text()). Romanized Hindi's real text raised the evaluation-only sources (SentiMix
# 60.4 -> 62.2 % of lines, L3Cube 88.8 -> 90.3 %) and, leave-one-source-out, code-mixed-dialog's
# Hindi turns (75.0 -> 75.3 %). Romanized Bengali is not among them: leave-one-source-out its real
# text carried little to the other source (code-mixed-dialog's Bengali turns 82.7 -> 83.0 % with
# the app reviews learned; the app reviews 77.1 -> 73.9 % with the dialogues learned at half of
# the distribution), and it took chat abbreviations ("jk", "thx", "tks") and English single
# words ("database") to bn-Latn (NPS chat 94.6 -> 94.3 %).
REAL_TEXT_LANGUAGES = ("hi-Latn",)
# A language's real word occurrences n (a word counts once per line) weigh n / (n + this) of its
# word distribution, the synthetic spellings the rest: a small source moves the model a little.
REAL_PSEUDOCOUNT = 100_000
# The lines a real word must be seen in to join the word list, and the English frequency at or
# above which a real word is taken for English and left out (two letters: the second figure).
REAL_MIN_LINES = 3
REAL_MAX_ENGLISH = 2e-5
REAL_MAX_ENGLISH_SHORT = 1e-4
ELONGATED = re.compile(r"(.)\1\1")  # "haiii", "nahiii": emphasis, no word's spelling
QUANT = 16.0  # log10 probabilities are stored as unsigned bytes: round(-log10(p) * QUANT)

# Assamese words written for the project: frequent function words, pronouns, verb forms and
# suffixed forms that Bengali does not use (ৰ and ৱ are Assamese letters; words without them are
# the ones that need listing). Words that Bengali writes the same way (আমি, তুমি, আছে, এখন…)
# are left out.
ASSAMESE_WORDS = """
মই মোৰ মোক মোলৈ আমাৰ আমাক তোমাৰ তোমাক আপোনাৰ আপোনাক তেওঁ তেওঁৰ তেওঁক তেওঁলোক সি সিহঁত সিহঁতৰ
তাক এইটো সেইটো এইখন সেইখন এইজন সেইজন এইবোৰ সেইবোৰ কিবা কিয় কেনে কেনেকৈ কেতিয়া ক'ত কিমান
ইয়াত তালৈ ইয়ালৈ নেকি নহয় আছোঁ আছা আছিল আছিলো হ'ব হ'ল হৈছে হৈছিল হ'লে কৰা কৰিছে কৰিব কৰিলে
কৰো কৰোঁ কৰিবা যাম যাওঁ গৈছে গ'ল গৈ আহিব আহিছে আহি আহক খাওঁ খালে খাইছে পালে পাইছে দিলে দিয়ক
লৈ লৈছে লওঁ চাওক বুলি বুলিছে কৈছে শুনিছে নাজানো নোৱাৰো নোৱাৰোঁ পাৰো পাৰিব পাৰে লাগিব লাগিছে
এজন এগৰাকী এজনী দুটা তিনিটা বেছি ধুনীয়া ডাঙৰ সৰু পুৰণি পৰহি এতিয়া তেতিয়া আগতে পিছত ওচৰত লগত
সৈতে বাবে কাৰণে হৈ কৰি আৰু তেন্তে অৱশ্যে সকলো সকলোৱে কেইবাটাও প্ৰায় মাত্ৰ দেউতা ককাই ভনী
বাইদেউ ল'ৰা ছোৱালী মানুহ পানী বৰষুণ বতৰ ৰাতি পুৱা আবেলি গধূলি চৰকাৰ মুখ্যমন্ত্ৰী প্ৰধানমন্ত্ৰী
অসমীয়া গুৱাহাটী ডিব্ৰুগড় যোৰহাট বিহু আজি অলপ সঁচা বহুত বহা বহক কেনেকুৱা খালা খাবা যাবা দিবা কৰিবা নিদিবা আহিম
""".split()


def romanize(latin):
    """Informal spellings of one ICU Bengali-Latin word (before Latin-ASCII), with weights.

    Rules (each documented in the README):
      1. The inherent vowel (ICU's plain `a`; ā is the vowel sign া) is typed `o` in the first
         syllable ("korchi", "kotha") and for a word-initial অ ("onek"), dropped between
         consonants later in the word ("korchi"), dropped at the end of the word ("khabar") except
         after two consonants ("bolbo", "jonno"); a variant keeps `a` everywhere.
      2. Long vowels lose their length: ā→a, ī→i, ū→u, ē→e, ō→o.
      3. ś and ṣ are typed `sh` or `s`; kṣ is `kkh` or `kh`; c (চ) is `ch` or `c`; ch (ছ) is `ch`
         or `s`; bh is `bh` or `v`; y (য) is `j`; ẏ (য়) is `y` or dropped; ṭ ḍ ṇ ṛ lose the dot.
      4. Doubled consonants may be typed single ("bhalo", "porikha").
    """
    vowels = set("aāiīuūeēoō\u0325")  # \u0325: the ring of r̥
    variants = []
    for inherent in ("colloquial", "o", "a"):
        out = []
        chars = list(unicodedata.normalize("NFC", latin))
        seen_vowel = False
        for i, ch in enumerate(chars):
            prev = chars[i - 1] if i > 0 else ""
            nxt = chars[i + 1] if i + 1 < len(chars) else ""
            if ch == "a" and i == 0 and inherent != "a":
                out.append("o")  # অ at the start: "onek", "obostha"
                seen_vowel = True
                continue
            if ch == "a" and prev not in vowels and prev != "":
                last = i + 1 == len(chars)
                cluster = i >= 2 and chars[i - 2] not in vowels and chars[i - 2] != "h"
                if last and cluster and inherent != "a":
                    out.append("o")  # after a cluster the final vowel is spoken: "bolbo", "jonno"
                    seen_vowel = True
                    continue
                if inherent == "a":
                    out.append("" if last else "a")
                elif last:
                    pass
                elif inherent == "o" or not seen_vowel:
                    out.append("o")
                elif nxt and nxt not in vowels:
                    pass  # medial schwa deletion
                else:
                    out.append("o")
                seen_vowel = True
                continue
            if ch in vowels:
                seen_vowel = True
            out.append(ch)
        variants.append(("".join(out), {"colloquial": 0.5, "o": 0.3, "a": 0.2}[inherent]))
    result = {}
    for base, weight in variants:
        for style, sweight in (("standard", 0.6), ("chat", 0.4)):
            s = base
            s = s.replace("'", "")
            s = s.replace("kṣ", "kkh" if style == "standard" else "kh")
            s = s.replace("ś", "sh" if style == "standard" else "s")
            s = s.replace("ṣ", "sh" if style == "standard" else "s")
            s = s.replace("ch", "\u0001")  # ছ
            s = s.replace("c", "ch" if style == "standard" else "c")
            s = s.replace("\u0001", "ch" if style == "standard" else "s")
            if style == "chat":
                s = s.replace("bh", "v")
            s = s.replace("ẏ", "y" if style == "standard" else "")
            s = s.replace("y", "j") if style == "chat" else s
            for a, b in (("ā", "a"), ("ī", "i"), ("ū", "u"), ("ē", "e"), ("ō", "o"), ("ṭ", "t"),
                         ("ḍ", "d"), ("ṇ", "n"), ("ṛ", "r"), ("r̥", "ri"), ("ṁ", "ng"), ("ṅ", "ng"),
                         ("ñ", "n"), ("ẏ", "y")):
                s = s.replace(a, b)
            if style == "chat":
                out = []
                for ch in s:
                    if out and out[-1] == ch and ch not in "aeiou":
                        continue
                    out.append(ch)
                s = "".join(out)
            result[s] = result.get(s, 0.0) + weight * sweight
    return sorted(result.items(), key=lambda kv: (-kv[1], kv[0]))


def romanize_hindi(latin):
    """Informal spellings of one ICU Devanagari-Latin word (before Latin-ASCII), with weights.

    Rules (each documented in the README):
      1. Schwa deletion: the inherent vowel (ICU's plain `a`, not part of `ai`/`au`) is dropped at
         the end of a word after a consonant ("tuma" → "tum", "bahuta" → "bahut") and inside a
         word between a vowel-consonant and a consonant-vowel ("karanā" → "karna", "sabasē" →
         "sabse"), scanning from the right; a variant keeps medial ones.
      2. Long vowels are typed single or doubled: ā is `a` or `aa` (mostly `a` at the end of a
         word: "kya", "tha"), ī is `i` or `ee`, ū is `u` or `oo`; ē and ō are `e` and `o`.
      3. Nasalization (ṁ, m̐) is `n` or dropped ("nahin"/"nahi", "main"/"mai"); a final ēṁ is
         also `ein` ("mein").
      4. ś and ṣ are `sh` (ṣ also `s`, so kṣ is `ksh` or `ks`), c is `ch`, ch (छ) is `chh` or
         `ch`, v is `v` or `w`, ṛ (ड़) is `r` or `d` ("bada"), ṭ ḍ ṇ ṅ ñ lose their dots (so jñ
         is `jn`; the spoken `gy` is not generated).
      5. Doubled consonants may be typed single ("acha").
    """
    s = unicodedata.normalize("NFC", latin).replace("m\u0310", "\u1e41")  # m̐ → ṁ
    vowels = "aāiīuūēōeo"
    # Units: (kind, text): V vowel (ai/au as one), C consonant (aspirates as one), N nasal.
    units = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "'":
            i += 1
            continue
        if ch == "a" and i + 1 < len(s) and s[i + 1] in "iu":
            units.append(["V", ch + s[i + 1]])
            i += 2
            continue
        if ch == "r" and i + 1 < len(s) and s[i + 1] == "\u0325":
            units.append(["C", "r"])
            units.append(["V", "i"])
            i += 2
            continue
        if ch in vowels:
            units.append(["V", ch])
        elif ch == "\u1e41":
            units.append(["N", ch])
        elif ch == "h" and units and units[-1][0] == "C" and units[-1][1] in (
                "k", "g", "c", "j", "ṭ", "ḍ", "t", "d", "p", "b", "ṛ"):
            units[-1][1] += "h"
        else:
            units.append(["C", ch])
        i += 1

    def schwa(medial):
        kinds = [u[0] for u in units]
        drop = [False] * len(units)
        for k in range(len(units) - 1, 0, -1):
            if units[k] != ["V", "a"] or kinds[k - 1] != "C":
                continue
            if k == len(units) - 1:
                if k >= 1 and not (k >= 2 and kinds[k - 2] == "C" and units[k - 1][1] == units[k - 2][1]):
                    drop[k] = True  # final schwa (kept after a doubled consonant is rare; keep simple)
                continue
            if not medial:
                continue
            # V C _ C V, where neither neighbour schwa was already dropped.
            if (k >= 2 and kinds[k - 2] in "VN" and k + 2 < len(units) and kinds[k + 1] == "C"
                    and kinds[k + 2] == "V" and not drop[k + 2]):
                drop[k] = True
        return [u for k, u in enumerate(units) if not drop[k]]

    results = {}

    def add(form, weight):
        results[form] = results.get(form, 0.0) + weight

    for medial, mweight in ((True, 0.8), (False, 0.2)):
        kept = schwa(medial)
        # Expand each unit into weighted spellings; the product of choices, pruned to the best.
        forms = [("", 1.0)]
        for k, (kind, text) in enumerate(kept):
            last = k == len(kept) - 1 or (k == len(kept) - 2 and kept[-1][0] == "N")
            if kind == "V":
                options = {
                    "ā": [("a", 0.9), ("aa", 0.1)] if last else [("a", 0.6), ("aa", 0.4)],
                    "ī": [("i", 0.7), ("ee", 0.3)] if last else [("i", 0.6), ("ee", 0.4)],
                    "ū": [("u", 0.5), ("oo", 0.5)],
                    "ē": [("e", 1.0)], "ō": [("o", 1.0)],
                }.get(text, [(text, 1.0)])
            elif kind == "N":
                prev = kept[k - 1][1] if k > 0 else ""
                if k == len(kept) - 1 and prev == "ē":
                    options = [("in", 0.4), ("n", 0.3), ("", 0.3)]
                else:
                    options = [("n", 0.6), ("", 0.4)]
            else:
                doubled = k > 0 and kept[k - 1][0] == "C" and kept[k - 1][1] == text
                if text == "c" and k + 1 < len(kept) and kept[k + 1][1] in ("c", "ch"):
                    base_c = [("c", 0.6), ("", 0.4)]  # acchā: "accha" or "acha"
                else:
                    base_c = None
                base = {
                    "ś": [("sh", 1.0)], "ṣ": [("sh", 0.6), ("s", 0.4)], "c": [("ch", 1.0)],
                    "ch": [("chh", 0.5), ("ch", 0.5)], "v": [("v", 0.6), ("w", 0.4)],
                    "ṛ": [("r", 0.5), ("d", 0.5)], "ṛh": [("rh", 0.5), ("dh", 0.5)],
                    "ṭ": [("t", 1.0)], "ṭh": [("th", 1.0)], "ḍ": [("d", 1.0)],
                    "ḍh": [("dh", 1.0)], "ṇ": [("n", 1.0)], "ṅ": [("n", 1.0)], "ñ": [("n", 1.0)],
                }.get(text, [(text, 1.0)])
                if base_c:
                    options = base_c
                elif doubled:
                    options = [(t, w * 0.6) for t, w in base] + [("", 0.4)]
                else:
                    options = base
            forms = [(f + t, w * tw) for f, w in forms for t, tw in options]
            forms = sorted(forms, key=lambda fw: (-fw[1], fw[0]))[:12]
        for f, w in forms:
            add(f, w * mweight)
    return sorted(results.items(), key=lambda kv: (-kv[1], kv[0]))


# Bengali words at least this frequent (by rank in wordfreq's Bengali list) and absent from the
# Assamese list are Bengali evidence.
BENGALI_ONLY_RANK = 20000


def lookup_key(word):
    """The key Bhasha looks Bengali-script words up by (ClauseMarkers.key): NFD (so ড়, ঢ়, য়,
    ো and ৌ are decomposed) without ZWJ/ZWNJ."""
    return unicodedata.normalize("NFD", word).replace("\u200c", "").replace("\u200d", "")


def bengali_script_word(word):
    return bool(word) and all("\u0980" <= c <= "\u09ff" and unicodedata.category(c)[0] in "LM"
                              for c in word)


def lexical_evidence(assamese_path):
    """Word-level evidence for Bengali-script text that has no র, ৰ or ৱ to go by.

    Assamese-only: words of the Tesseract Assamese list (spelled without র, which marks a
    Bengali spelling) that are not anywhere in wordfreq's Bengali list (238,395 words).
    Bengali-only: the 20,000 most frequent Bengali words that are not in the Assamese list.
    Words with র, ৰ or ৱ are left out of both: their letters already count as evidence.
    """
    r, assamese_r = "\u09b0", ("\u09f0", "\u09f1")
    assamese = set()
    for line in open(assamese_path, encoding="utf-8"):
        w = lookup_key("".join(c for c in line.strip() if unicodedata.category(c)[0] in "LM"))
        if bengali_script_word(w):
            assamese.add(w)
    bengali_rank = {}
    for i, w in enumerate(wordfreq.top_n_list("bn", 10 ** 6)):
        w = lookup_key(w)
        if bengali_script_word(w):
            bengali_rank.setdefault(w, i)

    def plain(w):
        return r not in w and not any(c in w for c in assamese_r)
    assamese_only = sorted(w for w in assamese if plain(w) and w not in bengali_rank)
    bengali_only = sorted(w for w, i in bengali_rank.items()
                          if i < BENGALI_ONLY_RANK and plain(w) and w not in assamese)
    return assamese_only, bengali_only


def transliterate(binary, words, transform):
    out = subprocess.run([binary, "transliterate", "--id", transform], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True).stdout
    result = out.split("\n")[:len(words)]
    assert len(result) == len(words)
    return result


def ngrams(word, n):
    w = "<" + word + ">"
    return [w[i:i + n] for i in range(len(w) - n + 1)] if len(w) >= n else []


def build_ngrams(weighted_words):
    """Relative frequencies of character n-grams (orders 1-4), weighted by word frequency."""
    tables = {}
    for n in NGRAMS_PER_ORDER:
        counts = {}
        for word, weight in weighted_words:
            for g in ngrams(word, n):
                counts[g] = counts.get(g, 0.0) + weight
        total = sum(counts.values())
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:NGRAMS_PER_ORDER[n]]
        tables[n] = {g: c / total for g, c in top}
    return tables


def quant(p):
    return max(0, min(255, round(-math.log10(p) * QUANT)))


def lexicon_script():
    """Scripts/build-lexicon.py as a module: the one reader of the real sources."""
    import importlib.util
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "build-lexicon.py")
    spec = importlib.util.spec_from_file_location("build_lexicon", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def real_words(data, leave_out):
    """{language: [(word, share, lines)]} for REAL_TEXT_LANGUAGES: the words of real romanized
    lines, by the share of all word occurrences (a word counts once per line), English words and
    regional names left out.

    The lines are the ones build-lexicon.py reads for the host weights: banglish-app-reviews
    (bn-Latn), trac1-hindi's Latin-only comments (hi-Latn), code-mixed-dialog's Bengali and Hindi
    user turns without the words its vocabularies mark english; `leave_out` drops one source.
    A word is English (and left out) when code-mixed-dialog's vocabularies mark it english (three
    letters or more: they mark "ar" and "ko" english, which Bengali uses too) or when
    wordfreq's English frequency is at least REAL_MAX_ENGLISH (REAL_MAX_ENGLISH_SHORT for two
    letters): loanwords typed in English spelling ("app", "payment") are English evidence, not
    Bengali or Hindi. The words of code-mixed-dialog's English turns are not taken for English:
    short romanized words turn up there too (leaving them out took "er" from romanized Bengali).
    Regional names, one-letter and over-20-letter words and elongated spellings ("haiii":
    emphasis, no word's spelling) are left out too.
    """
    lexicon = lexicon_script()
    _, host, _ = lexicon.lines_by_language(data, leave_out)
    english = set()
    if leave_out != "code-mixed-dialog":
        for short in ("bn", "hi"):
            english |= {w.lower() for w, k in
                        lexicon.tsv(os.path.join(data, f"code-mixed-dialog/vocab_{short}.tsv"))
                        if k == "english" and len(w) >= 3}
    names = lexicon.regional_names()
    out = {}
    for lang in REAL_TEXT_LANGUAGES:
        counts = Counter(w for line in host[lang] for w in line)
        kept = {}
        for w, k in counts.items():
            if w in english or w in names or not 2 <= len(w) <= 20 or ELONGATED.search(w):
                continue
            limit = REAL_MAX_ENGLISH_SHORT if len(w) <= 2 else REAL_MAX_ENGLISH
            if wordfreq.word_frequency(w, "en") >= limit:
                continue
            kept[w] = k
        total = sum(kept.values()) or 1
        out[lang] = sorted(((w, k / total, k) for w, k in kept.items()),
                           key=lambda e: (-e[1], e[0]))
    return out


def with_real_text(synthetic, real, listed):
    """A romanized language's (word list, n-gram words) from its synthetic spellings and its real
    words (real_words()): n / (n + REAL_PSEUDOCOUNT) of the distribution from the n real word
    occurrences, the rest from the synthetic forms; the word list is the synthetic list plus
    the real words seen in at least REAL_MIN_LINES lines. Without real words, the synthetic
    lists as they were."""
    n = sum(k for _, _, k in real)
    share = n / (n + REAL_PSEUDOCOUNT)
    mixed = {w: (1 - share) * f for w, f in synthetic}
    for w, f, _ in real:
        mixed[w] = mixed.get(w, 0.0) + share * f
    ranked = sorted(mixed.items(), key=lambda kv: (-kv[1], kv[0]))
    synthetic_listed = {w for w, _ in synthetic[:listed]}
    real_listed = {w for w, _, k in real if k >= REAL_MIN_LINES}
    words = [(w, f) for w, f in ranked if w in synthetic_listed or w in real_listed]
    return words, ranked[:NGRAM_WORDS]


def take_option(args, name, default):
    """The value after `name` in `args` (both removed from it), or `default`."""
    if name not in args:
        return default
    i = args.index(name)
    value = args[i + 1]
    del args[i:i + 2]
    return value


def main():
    args = sys.argv[1:]
    data = take_option(args, "--data", "../shared/data")
    leave_out = take_option(args, "--leave-out", None)
    binary, assamese_path, output = args[0], args[1], args[2]
    if not os.path.isdir(os.path.join(data, "code-mixed-dialog")):
        sys.exit(f"build-model: {data} lacks the real sources (../shared/data); pass --data DIR")
    real = real_words(data, leave_out)
    languages = {}
    without = set(filter(None, os.environ.get("MODEL_WITHOUT", "").split(",")))
    for lang in [l for l in LATIN if l not in without]:
        n = WORDS.get(lang, OTHER_WORDS)
        # Apostrophes are dropped, as Bhasha does when it looks words up: don't → dont.
        freq = {}
        for w in wordfreq.top_n_list(lang, max(n, NGRAM_WORDS)):
            key = w.replace("'", "").replace("\u2019", "").lower()
            if key and all(unicodedata.category(c)[0] in "LM" for c in key):
                freq[key] = freq.get(key, 0.0) + wordfreq.word_frequency(w, lang)
        weighted = sorted(((w, f) for w, f in freq.items() if f > 0),
                          key=lambda kv: (-kv[1], kv[0]))
        languages[lang] = (weighted[:n], weighted[:NGRAM_WORDS])
    # Romanized Bengali from Bengali words.
    bn = [w for w in wordfreq.top_n_list("bn", 40000)
          if all(unicodedata.category(c)[0] in "LM" for c in w)]
    latin = transliterate(binary, bn, "Bengali-Latin")
    forms = {}
    for word, lat in zip(bn, latin):
        freq = wordfreq.word_frequency(word, "bn")
        for form, weight in romanize(lat):
            forms[form] = forms.get(form, 0.0) + freq * weight
    keys = sorted(forms)
    ascii_forms = transliterate(binary, keys, "Latin-ASCII")
    merged = {}
    for k, a in zip(keys, ascii_forms):
        a = a.lower()
        if a.isalpha() and a.isascii():
            merged[a] = merged.get(a, 0.0) + forms[k]
    total = sum(merged.values())
    # English loanwords typed back in English spelling ("market", "british") are English evidence,
    # not Bengali: a form more frequent in English than in romanized Bengali is left out.
    english = {w: wordfreq.word_frequency(w, "en") for w in wordfreq.top_n_list("en", 100000)}
    romanized = sorted(((w, f / total) for w, f in merged.items()
                        if english.get(w, 0.0) <= f / total),
                       key=lambda kv: (-kv[1], kv[0]))
    languages["bn-Latn"] = with_real_text(romanized, real.get("bn-Latn", []), WORDS["bn-Latn"])
    # Romanized Hindi from Hindi words, the same way (Devanagari-Latin, then romanize_hindi()).
    hi = [w for w in wordfreq.top_n_list("hi", 40000)
          if all(unicodedata.category(c)[0] in "LM" for c in w)]
    forms = {}
    for word, lat in zip(hi, transliterate(binary, hi, "Devanagari-Latin")):
        freq = wordfreq.word_frequency(word, "hi")
        for form, weight in romanize_hindi(lat):
            forms[form] = forms.get(form, 0.0) + freq * weight
    keys = sorted(forms)
    merged = {}
    for k, a in zip(keys, transliterate(binary, keys, "Latin-ASCII")):
        a = a.lower()
        if a.isalpha() and a.isascii():
            merged[a] = merged.get(a, 0.0) + forms[k]
    total = sum(merged.values())
    hindi = sorted(((w, f / total) for w, f in merged.items()
                    if english.get(w, 0.0) <= f / total),
                   key=lambda kv: (-kv[1], kv[0]))
    languages["hi-Latn"] = with_real_text(hindi, real.get("hi-Latn", []), WORDS["hi-Latn"])

    # New languages go at the end, so that adding one leaves the others' slots as they were
    # (Bhasha finds a language's slot by its code).
    order = ["en", "bn-Latn"] + [l for l in LATIN if l != "en" and l not in without] + ["hi-Latn"]
    words = {}
    grams = {}
    floors = []
    for li, code in enumerate(order):
        listed, for_ngrams = languages[code]
        for w, f in listed:
            words.setdefault(w.encode(), []).append((li, quant(f)))
        tables = build_ngrams(for_ngrams)
        for n in (1, 2, 3, 4):
            for g, p in tables[n].items():
                grams.setdefault(g.encode(), []).append((li, quant(p)))
            smallest = min(tables[n].values()) if tables[n] else 1e-6
            floors.append(quant(smallest / 4))
    assamese = sorted(set(unicodedata.normalize("NFC", w) for w in ASSAMESE_WORDS))
    assamese_only, bengali_only = lexical_evidence(assamese_path)

    def rows(table):
        hashed = {fnv1a(k): sorted(v) for k, v in table.items()}
        assert len(hashed) == len(table), "hash collision"
        return hashed

    def hash_set(listed):
        hashes = set(fnv1a(w.encode()) for w in listed)
        assert len(hashes) == len(listed), "hash collision"
        return hashes

    model = write_model(output, order, floors, rows(words), rows(grams), assamese,
                        hash_set(assamese_only), hash_set(bengali_only))
    print(f"{output}: {len(model)} bytes, {len(order)} languages, {len(words)} words, "
          f"{len(grams)} n-grams, {len(assamese)} Assamese words, "
          f"{len(assamese_only)} Assamese-only and {len(bengali_only)} Bengali-only words",
          file=sys.stderr)


VERSION = 3
LOAD = 0.8  # keys per home slot in the hash tables


def mix(h):
    """MurmurHash3's 64-bit finalizer: a bijection that spreads FNV-1a's poorly mixed high bits
    (for keys of a few bytes they cluster, and runs of slots grew to thousands)."""
    m = 0xFFFFFFFFFFFFFFFF
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & m
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & m
    h ^= h >> 33
    return h


def placed(hashes):
    """Slots for 64-bit hashes, taken in ascending order: (homes, {hash: slot}, slot count).

    A hash's home is (hash * homes) >> 64, which grows with the hash. Placing the hashes in
    ascending order, each at the first free slot from its home (no wrap-around: the table grows
    past `homes` instead), keeps every run of slots sorted, so a lookup can stop at an empty slot
    or a larger hash. The slots from a home up to the last placed one are all taken, so the first
    free slot is the larger of the home and the last slot + 1.
    """
    homes = max(1, math.ceil(len(hashes) / LOAD))
    slots, last = {}, -1
    for h in sorted(hashes):
        assert h != 0, "a key hashes to 0, the empty slot's mark"
        last = max((h * homes) >> 64, last + 1)
        slots[h] = last
    return homes, slots, last + 1


def pad(out):
    """Zero bytes up to a multiple of 64: slot arrays start on a cache line of the mapping."""
    out += bytes(-len(out) % 64)


def write_model(output, order, floors, words, grams, assamese, assamese_only, bengali_only):
    """Writes the model file; returns its bytes.

    `words` and `grams` map FNV-1a hashes of keys to sorted (language, quantized value) entries;
    `assamese_only` and `bengali_only` are sets of hashes.

    Binary format, version 3, little endian (read in place by LanguageModel.swift):
      "BHLM", u16 version (3), u16 language count, per language: u8 length + code (UTF-8)
      u8 floors[languages][4]: quantized -log10 p of an unseen n-gram, orders 1-4
      two tables (words, then character n-grams with "<" and ">" marking word edges), each:
        u32 keys, u32 homes, u32 slots, u32 overflow entries; zero bytes to a multiple of 64;
        slots x 16 bytes: u64 mix(FNV-1a hash of the key's UTF-8) (0: an empty slot), u16 entry
          count n, then for n <= 3 the entries themselves (u8 language, u8 quantized -log10 p,
          QUANT per decade; unused ones zero), else u16 0 and a u32 index into the overflow;
        overflow x u16 entries (u8 language, u8 value) of the keys with more than 3
        (a key's entries are sorted by language; slots are placed as placed() says)
      u32 Assamese words; per word: u8 length + UTF-8 (NFC)
      two hash sets (Assamese-only, then Bengali-only words; see lexical_evidence()), each:
        u32 keys, u32 homes, u32 slots; zero bytes to a multiple of 64; slots x u64 mix(FNV-1a
        hash of the UTF-8 of lookup_key(word)) (0: empty), placed as placed() says
    Version 2 kept each table as sorted hashes, u32 offsets and entries: three dependent reads
    per n-gram where version 3 has one (entries of 3 or fewer languages sit in the slot).
    """
    out = bytearray(b"BHLM")
    out += struct.pack("<HH", VERSION, len(order))
    for code in order:
        b = code.encode()
        out += struct.pack("<B", len(b)) + b
    out += bytes(floors)
    for table in (words, grams):
        table = {mix(h): entries for h, entries in table.items()}
        homes, slots, count = placed(table.keys())
        overflow = []
        body = bytearray(16 * count)
        for h in sorted(table):
            entries = table[h]
            at = 16 * slots[h]
            struct.pack_into("<QH", body, at, h, len(entries))
            if len(entries) <= 3:
                for k, (li, q) in enumerate(entries):
                    struct.pack_into("<BB", body, at + 10 + 2 * k, li, q)
            else:
                struct.pack_into("<I", body, at + 12, len(overflow))
                overflow += entries
        out += struct.pack("<IIII", len(table), homes, count, len(overflow))
        pad(out)
        out += body
        for li, q in overflow:
            out += struct.pack("<BB", li, q)
    out += struct.pack("<I", len(assamese))
    for w in assamese:
        b = w.encode()
        out += struct.pack("<B", len(b)) + b
    for listed in (assamese_only, bengali_only):
        listed = set(mix(h) for h in listed)
        homes, slots, count = placed(listed)
        body = bytearray(8 * count)
        for h, at in slots.items():
            struct.pack_into("<Q", body, 8 * at, h)
        out += struct.pack("<III", len(listed), homes, count)
        pad(out)
        out += body
    check_model(bytes(out), len(order), words, grams, assamese_only, bengali_only)
    open(output, "wb").write(out)
    return out


def check_model(b, languages, words, grams, assamese_only, bengali_only):
    """Reads the written bytes back as LanguageModel.swift does: every key gives its entries,
    every listed word is in its set, and hashes not in a table are not found."""
    def find(base, homes, count, stride, fnv):
        h = mix(fnv)
        i = (h * homes) >> 64
        while i < count:
            x = struct.unpack_from("<Q", b, base + i * stride)[0]
            if x == h:
                return i
            if x == 0 or x > h:
                return None
            i += 1
        return None

    at = 8
    for _ in range(languages):
        at += 1 + b[at]
    at += 4 * languages
    rng = random.Random(0)
    for table in (words, grams):
        keys, homes, count, overflow = struct.unpack_from("<IIII", b, at)
        at += 16 + (-(at + 16) % 64)
        base, overflow_base = at, at + 16 * count
        at = overflow_base + 2 * overflow
        for h, entries in table.items():
            i = find(base, homes, count, 16, h)
            assert i is not None, "a key is not found"
            n = struct.unpack_from("<H", b, base + 16 * i + 8)[0]
            start = base + 16 * i + 10
            if n > 3:
                start = overflow_base + 2 * struct.unpack_from("<I", b, base + 16 * i + 12)[0]
            assert [tuple(b[start + 2 * k:start + 2 * k + 2]) for k in range(n)] == \
                [tuple(e) for e in entries], "a key's entries differ"
        for _ in range(20000):
            h = rng.getrandbits(64)
            assert h in table or find(base, homes, count, 16, h) is None, "a stray key is found"
    count = struct.unpack_from("<I", b, at)[0]
    at += 4
    for _ in range(count):
        at += 1 + b[at]
    for listed in (assamese_only, bengali_only):
        keys, homes, count = struct.unpack_from("<III", b, at)
        at += 12 + (-(at + 12) % 64)
        assert all(find(at, homes, count, 8, h) is not None for h in listed), "a word is lost"
        at += 8 * count
    assert at == len(b), "trailing bytes"


def read_version_2(path):
    """The contents of a version-2 model file, as write_model() takes them."""
    b = open(path, "rb").read()
    assert b[:4] == b"BHLM" and struct.unpack_from("<H", b, 4)[0] == 2, "not a version-2 model"
    n = struct.unpack_from("<H", b, 6)[0]
    at, order = 8, []
    for _ in range(n):
        size = b[at]
        order.append(b[at + 1:at + 1 + size].decode())
        at += 1 + size
    floors = list(b[at:at + 4 * n])
    at += 4 * n
    tables = []
    for _ in range(2):
        keys = struct.unpack_from("<I", b, at)[0]
        hashes = struct.unpack_from(f"<{keys}Q", b, at + 4)
        at += 4 + 8 * keys
        offsets = struct.unpack_from(f"<{keys + 1}I", b, at)
        at += 4 * (keys + 1)
        entries = [tuple(b[at + 2 * i:at + 2 * i + 2]) for i in range(offsets[-1])]
        at += 2 * offsets[-1]
        tables.append({h: entries[offsets[i]:offsets[i + 1]] for i, h in enumerate(hashes)})
    assamese = []
    count = struct.unpack_from("<I", b, at)[0]
    at += 4
    for _ in range(count):
        size = b[at]
        assamese.append(b[at + 1:at + 1 + size].decode())
        at += 1 + size
    sets = []
    for _ in range(2):
        keys = struct.unpack_from("<I", b, at)[0]
        sets.append(set(struct.unpack_from(f"<{keys}Q", b, at + 4)))
        at += 4 + 8 * keys
    assert at == len(b), "trailing bytes"
    return order, floors, tables[0], tables[1], assamese, sets[0], sets[1]


def fnv1a(data):
    h = 0xcbf29ce484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


if __name__ == "__main__":
    if sys.argv[1:2] == ["--relayout"]:
        # Scripts/build-model.py --relayout OLD.bin NEW.bin: the same model (languages, scores,
        # words, hashes) in this version's layout, without rebuilding it from its sources.
        write_model(sys.argv[3], *read_version_2(sys.argv[2]))
    else:
        main()
