import PropertyBased
import Testing

@_spi(Stages) @testable import BhashaKit

let classifier = LineClassifier()

func label(_ text: String) -> LineLabel { classifier.classify(Array(text.utf8)).label }

@Test(arguments: [
  ("আমি ভাত খাই।", LineLabel.bn),
  ("I eat rice.", .en),
  ("", .neutral),
  (" \t", .neutral),
  ("3<856%)§", .neutral),
  ("21.9 C", .neutral),
  ("১২/০৩/২০২৪", .neutral),
  ("৳৫০০", .neutral),
  ("https://example.com/news/123", .neutral),
  ("info@example.org", .neutral),
  ("😀🎉", .neutral),
  ("मैं चावल खाता हूँ।", .other),
  ("প্রধানমন্ত্রী বলেছেন। The economy grew 6% this year.", .mixed),
  ("The Daily Star · ঢাকা", .en),
  ("আমি Facebook এ পোস্ট দিয়েছি", .bn),
  ("আজকে meeting টা cancel হয়ে গেছে", .bn),
  ("ইসরাইলের হামলায় নিহত ৩০ (Reuters)", .bn),
  ("We had খিচুড়ি for lunch today.", .en),
  ("সত্যি বলছি, I have no idea what he wants.", .mixed),
  ("ভাই, what a match! শেষ বলে ছক্কা!", .mixed),
  ("দাম ৳৫০০ (৩০% ছাড়), বিস্তারিত https://example.com", .bn),
])
func lineLabels(text: String, expected: LineLabel) {
  #expect(label(text) == expected)
}

@Test func matrixCarriesTheSentences() {
  let a = classifier.classify(Array("আজকে office এ অনেক কাজ ছিল".utf8))
  #expect(a.matrix == .bn)
  let b = classifier.classify(Array("The meeting was about বাজেট today".utf8))
  #expect(b.matrix == .en)
  // The embedded name does not make English the matrix.
  let c = classifier.classify(
    Array("প্রধানমন্ত্রী Sheikh Hasina বলেছেন। The economy grew 6%.".utf8))
  #expect(c.label == .mixed)
  #expect(c.matrix == .bn)
}

@Test func termsInABengaliSentenceStayEmbedded() {
  // From real Bengali tech writing: English terms, a bracketed gloss, a title.
  for text in [
    "SEO পর্ব-৩ HTML,Meta Tag,Back links চেক করার কিছু লিংক।",
    "ইন্টারনেট থেকে আয় করার অনেক PTC (paid to click) সাইট আছে।",
    "বইটার নাম “The Alchemist”, তুমি পড়েছ?",
    "FTP trojans: এটিকে ব্যবহার করতে হ্যাকাররা port 21 ব্যবহার করে থাকেন ।",
  ] {
    let a = classifier.classify(Array(text.utf8))
    #expect(a.label == .bn, "\(text)")
    let embedded = a.spans.filter { $0.language == .en }.allSatisfy { $0.embedded }
    #expect(embedded, "\(text)")
  }
}

@Test func confidenceGrowsWithEvidence() {
  let long = classifier.classify(Array("আমি প্রতিদিন সকালে ভাত খাই এবং চা পান করি।".utf8))
  let short = classifier.classify(Array("ক".utf8))
  #expect(long.confidence > 0.95)
  #expect(short.confidence < 0.6)
  #expect(classifier.classify([]).confidence == 1)
}

@Test func canonicallyEquivalentTextGetsTheSameAnswer() {
  let composed = "বোন ও ভাই"  // ো as U+09CB
  let decomposed = "ব\u{09C7}\u{09BE}ন ও ভাই"
  let a = classifier.classify(Array(composed.utf8))
  let b = classifier.classify(Array(decomposed.utf8))
  #expect(a.label == b.label)
  #expect(a.letters.map(\.count) == b.letters.map(\.count))
  #expect(a.confidence == b.confidence)
  #expect(a.spans.map(\.language) == b.spans.map(\.language))
}

@Test func invalidUTF8IsCountedAndDoesNotStopClassification() {
  let bytes = Array("আমি ".utf8) + [0xFF, 0xC3] + Array(" ভাত খাই".utf8)
  let a = classifier.classify(bytes)
  #expect(a.label == .bn)
  #expect(a.invalidBytes == 2)
  #expect(a.firstInvalidOffset == Array("আমি ".utf8).count)
}

@Test func lettersAlwaysListBengaliAndLatin() {
  let a = classifier.classify(Array("hello".utf8))
  #expect(a.letters.map(\.script.code) == ["Beng", "Latn"])
  #expect(a.letters.map(\.count) == [0, 5])
}

/// `languageTotals` gives what summing per language and sorting by letters, then words, then
/// first span would (the order the classifier always used), on random spans of every language,
/// with and without the embedded ones: its inline storage has room for every language.
@Test func languageTotalsAreSortedSums() {
  var state: UInt64 = 0x9E37_79B9_7F4A_7C15
  func next(_ bound: Int) -> Int {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return Int(state % UInt64(bound))
  }
  for _ in 0..<3000 {
    let spans = (0..<next(12)).map { _ in
      LanguageSpan(
        start: 0, end: 1, language: Language.allCases[next(Language.allCases.count)],
        script: .common, embedded: next(3) == 0, letters: next(6), words: next(4))
    }
    for excluding in [false, true] {
      var sums: [(language: Language, letters: Int, words: Int, first: Int)] = []
      for (k, s) in spans.enumerated()
      where s.language != .neutral && s.letters > 0 && !(excluding && s.embedded) {
        if let i = sums.firstIndex(where: { $0.language == s.language }) {
          sums[i].letters += s.letters
          sums[i].words += s.words
        } else {
          sums.append((s.language, s.letters, s.words, k))
        }
      }
      sums.sort { ($0.letters, $0.words, -$0.first) > ($1.letters, $1.words, -$1.first) }
      let totals = LineClassifier.languageTotals(spans[...], excludingEmbedded: excluding)
      #expect(totals.count == sums.count)
      #expect((0..<totals.count).map { totals[$0].language } == sums.map(\.language))
      #expect((0..<totals.count).map { totals[$0].letters } == sums.map(\.letters))
      #expect(totals.letters == sums.reduce(0) { $0 + $1.letters })
      #expect(totals.first?.language == sums.first?.language)
    }
  }
}

/// `LanguageSpan` keeps `code` and `alternatives` in one stored object: spans that differ in
/// any property are unequal, `code` and `alternatives` are set and read back independently,
/// and the count of stored properties says when a new one needs a look here.
@Test func spansDifferingInAnyPropertyAreUnequal() {
  let base = LanguageSpan(start: 1, end: 5, language: .en, script: .latin, letters: 3, words: 1)
  #expect(Mirror(reflecting: base).children.count == 12)
  let changes: [(inout LanguageSpan) -> Void] = [
    { $0.start = 0 }, { $0.end = 6 }, { $0.language = .bn }, { $0.script = .bengali },
    { $0.embedded = true }, { $0.letters = 4 }, { $0.words = 2 }, { $0.code = "fr" },
    { $0.confidence = 0.5 }, { $0.reliable = false }, { $0.codepoints = 9 },
    { $0.invalidBytes = 1 }, { $0.alternatives = [SpanAlternative(code: "de", behind: 1)] },
  ]
  for change in changes {
    var span = base
    change(&span)
    #expect(span != base)
  }
  var span = base
  span.code = "fr"
  span.alternatives = [SpanAlternative(code: "de", behind: 1)]
  #expect(span.code == "fr")
  #expect(span.alternatives.map(\.code) == ["de"])
  span.code = nil
  #expect(span.code == nil)
  #expect(span.alternatives.map(\.code) == ["de"])
  span.alternatives = []
  #expect(span == base)
}

/// Joined analyses count code points and invalid bytes as decoding the whole line does,
/// whether the parts' counts are summed (they tile the line at character starts) or the line
/// is decoded again (cuts inside a character, gaps between parts).
@Test func joinedAnalysesCountAsTheWholeLine() async {
  let alphabet: [[UInt8]] = [
    [0x61], [0x20], [0x2E], [0xE0, 0xA6, 0x95], [0xC2, 0xA0], [0xFF], [0xE0, 0xA6], [0x80],
    [0xF0, 0x9F, 0x98, 0x80],
  ]
  let text = Gen.int(in: 0...(alphabet.count - 1)).map { alphabet[$0] }.array(of: 0...10)
  let cuts = Gen.int(in: 0...30).array(of: 0...4)
  await propertyCheck(count: 1000, input: text, cuts, Gen.bool) { parts, cuts, gaps in
    let content = parts.flatMap { $0 }
    var bounds = Array(Set(cuts.map { min($0, content.count) })).sorted()
    if bounds.first != 0 { bounds.insert(0, at: 0) }
    var pieces: [(offset: Int, analysis: LineAnalysis)] = []
    for (k, lo) in bounds.enumerated() {
      var hi = k + 1 < bounds.count ? bounds[k + 1] : content.count
      if gaps && hi > lo { hi -= 1 }  // a byte left between parts
      pieces.append((lo, classifier.classify(Array(content[lo..<hi]))))
    }
    let joined = LineAnalysis.joining(pieces, length: content.count, content: content)
    let whole = LineAnalysis.decodedCounts(content)
    #expect(joined.codepoints == whole.codepoints, "\(content) \(bounds)")
    #expect(joined.invalidBytes == whole.invalidBytes, "\(content) \(bounds)")
    #expect(joined.firstInvalidOffset == whole.firstInvalid, "\(content) \(bounds)")
  }
}

/// An Assamese or Bengali sentence around an acronym or a one-word English term stays in its
/// own language (issue 22, item 4): the host comes from function words and verb forms, and an
/// acronym or a single Latin word is not an English clause. A real English clause still hosts.
@Test(arguments: [
  ("মই আজি IT অফিচলৈ যাম।", "as", LineLabel.as),
  ("মই May মাহত যাম।", "as", .as),
  ("WHO এই কথা জানিব দিছে।", "as", .as),
  ("আমি আজ IT অফিসে যাব।", "bn", .bn),
  ("আমি May মাসে যাব।", "bn", .bn),
  ("WHO এই কথা জানিয়েছে।", "bn", .bn),
  ("The meeting is at 5 pm আজকে।", "en", .en),
])
func bengaliScriptSentencesAreNotHostedByATerm(text: String, code: String, label: LineLabel) {
  let analysis = classifier.classify(Array(text.utf8))
  #expect(analysis.label == label, "\(text)")
  #expect(analysis.languageCode == code, "\(text)")
}

/// Chat noise is no language (issue 22, item 6): laughter of any length and spaced, a
/// trailing ellipsis, `kkkk`, `wow`, `muah`, `duh`, more emoticons, starred-out words and
/// counts with a Bengali classifier, in Latin letters or Bengali.
@Test(arguments: [
  "hmm…", "he he he", "ha ha", "HA HA HA!", "kkkk", ":-S", "B|", "f***", "sh*t", "6ta", "3te",
  "২টা", "৫টি", "wow", "Wow!!", "muah", "duh", String(repeating: "ha", count: 20),
  "hahaha :-S kkkk", "omg", "OMGGG!!", "ewwww", "woohoo!", "yikes", "whew", "heyyy", "shhh",
  "teehee", "grrrr", "yippee!", "wtf",
  // Identifiers (user names, codes) are no language either.
  "lol 10-19-20sUser115", "rafi1987", "lmao @ 10-19-30sUser2",
  // Emoji shown in the wrong encoding (😂 as Windows-1252, 👍 as Latin-1).
  "\u{F0}\u{178}\u{2DC}\u{201A}\u{F0}\u{178}\u{2DC}\u{201A}", "lol \u{F0}\u{9F}\u{91}\u{8D}",
])
func chatNoiseIsNeutral(text: String) {
  #expect(label(text) == .neutral, "\(text)")
}

/// ... while the words around it keep their language.
@Test(arguments: [
  ("He is here.", LineLabel.en), ("hi there, how are you?", .en),
  ("I have 6ta problems with this app", .en), ("ha ha, that was a great joke", .en),
  ("hey there, how are you?", .en), ("omg I missed the last bus again", .en),
  ("ami 2mi ke a6e bolbo", .bnLatn), ("COVID-19 cases rose again this week", .en),
])
func wordsNearChatNoiseKeepTheirLanguage(text: String, expected: LineLabel) {
  #expect(label(text) == expected, "\(text)")
}

/// Place names and brands of the region are evidence for no language (issue 22, item 7): a
/// line of furniture around one is English, and a Banglish sentence around one stays Banglish.
@Test(arguments: [
  ("Home > Bangladesh", "en"), ("Dhaka", "en"), ("I live in Dhaka, Bangladesh.", "en"),
  ("Ei weekend e Cox's Bazar jacchi, keu jabi?", "bn-Latn"), ("bKash e taka pathao", "bn-Latn"),
  ("Ami Dhaka te thaki", "bn-Latn"),
])
func regionalNamesAreNoLanguagesEvidence(text: String, code: String) {
  #expect(classifier.classify(Array(text.utf8)).languageCode == code, "\(text)")
}

/// Words learned from real romanized text (`RomanizedLexicon`, `Scripts/build-lexicon.py`)
/// are their language's own: a span holding one is English or that language, never another
/// Latin-script language, and the lexicon keeps out what English or the other romanized
/// language uses.
@Test func learnedRomanizedWordsAreTheirLanguagesOwn() {
  #expect(RomanizedLexicon.bengali.contains("korle") && RomanizedLexicon.hindi.contains("mujhe"))
  for word in ["the", "and", "ki", "na", "hai", "bangladesh", "dhaka"] {
    #expect(!RomanizedLexicon.bengali.contains(word), "\(word)")
  }
  for word in ["the", "and", "ki", "ami", "keu"] {
    #expect(!RomanizedLexicon.hindi.contains(word), "\(word)")
  }
  #expect(RomanizedLexicon.bengali.isDisjoint(with: RomanizedLexicon.hindi))
  #expect(Language.bnLatn.info.distinct.isSuperset(of: RomanizedLexicon.bengali))
  #expect(Language.hiLatn.info.distinct.isSuperset(of: RomanizedLexicon.hindi))
}

/// Spans across scripts (issue 22, item 5): a Latin `other` span does not swallow the Cyrillic
/// after it, and a Latin look-alike letter inside a Cyrillic word is Cyrillic.
@Test func spansOfTwoScriptsStayApart() {
  let text = "Lorem ipsum dolorem — Привет как дела у тебя LDAP привет."
  let spans = classifier.classify(Array(text.utf8)).spans
  let bytes = Array(text.utf8)
  func piece(_ s: LanguageSpan) -> String { String(decoding: bytes[s.range], as: UTF8.self) }
  #expect(spans.first.map(piece) == "Lorem ipsum dolorem — ", "\(spans.map(piece))")
  #expect(spans.dropFirst().first?.script.description == "Cyrl", "\(spans.map(piece))")
  for span in spans where span.script == .latin {
    #expect(!piece(span).unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) })
  }
  let ukrainian = classifier.classify(Array("Та хто ж тому повiрить!".utf8))
  #expect(ukrainian.label == .other)
  #expect(ukrainian.spans.allSatisfy { $0.language != .en })
}

/// Romanized Bengali and Hindi in scholarly transliteration, with diacritics (issue 22, item 5):
/// the romanized languages score the letters folded (`ā` as `a`), so they are not Latvian or
/// Lithuanian; Latvian keeps its own.
@Test(arguments: [
  ("Āmāra natuna bhāgnēkē ē'i", "bn-Latn"), ("āmi tōmākē bhālōbāsi", "bn-Latn"),
  ("Latvija ir valsts Baltijas jūras krastā, un tās galvaspilsēta ir Rīga.", "lv"),
])
func transliterationWithDiacriticsIsRomanized(text: String, code: String) {
  #expect(classifier.classify(Array(text.utf8)).languageCode == code, "\(text)")
}

/// Bengali dialects in Bengali script (Chittagonian, Sylheti, Noakhali spellings) are Bengali,
/// never Assamese (issue 22, item 9).
@Test(arguments: [
  "আঁই তোঁয়ারে ভালা পাই", "কিতা খবর? বালা আছো নি?", "তুমি কিতা কররায়?", "আঁই বাইত যাইয়ুম",
  "হেতে কিল্লাই আইছে?", "ওবা তুঁই কডে যর?", "আমরার বাড়িত আইয়ো", "কিতা অইছে তোমার",
])
func bengaliDialectsAreBengali(text: String) {
  #expect(label(text) == .bn, "\(text)")
}

/// Only the letters of scholarly transliteration fold, and a word keeping any other non-ASCII
/// letter is not folded at all.
@Test(arguments: [
  ("bhāgnēkē", "bhagneke"), ("kr\u{0325}ṣṇa", "krsna"), ("śānti", "santi"), ("ñāṇa", "nana"),
  ("amara", nil), ("café", nil), ("āé", nil), ("jūras", "juras"),
])
func transliterationLettersFoldToASCII(word: String, folded: String?) {
  let result = Array(word.utf8).withUnsafeBufferPointer(DiacriticFolding.folded)
  #expect(result.map { String(decoding: $0, as: UTF8.self) } == folded, "\(word)")
}

/// A romanized sentence around English nouns is hosted by its own words (issue 22, item 3):
/// the words the romanized lexicon learned as one language's own ("kortei", "thake", "hoina")
/// count as its grammar, so the line's language is the frame's, not English's by letters. An
/// English sentence with one romanized word stays English.
@Test(arguments: [
  ("Faltu app Loading kortei thake New update ekdom baje", "bn-Latn"),
  ("ager version e kaj korto but update er por app open hoina", "bn-Latn"),
  ("Codashop theke shathe shathe taratari problem solve korun", "bn-Latn"),
  ("I really love my bhai and his new phone", "en"),
  ("The update is good but the app is slow", "en"),
])
func romanizedFramesHostEnglishNouns(text: String, code: String) {
  #expect(classifier.classify(Array(text.utf8)).languageCode == code, "\(text)")
}

/// One or two romanized-looking words in English text are taken for names only when they are
/// capitalized ("Mirpur", "Dhanmondi Lake"); lower-case ones ("kortei thake") are words of
/// their language even in a mostly English line.
@Test func onlyCapitalizedRunsAreTakenForNames() {
  let named = classifier.classify(Array("We had dinner near Mirpur with the whole team".utf8))
  #expect(named.label == .en)
  #expect(named.spans.allSatisfy { $0.language != .bnLatn })
  let text = "the new update is good but kortei thake all the time"
  let spans = classifier.classify(Array(text.utf8)).spans
  #expect(spans.contains { $0.language == .bnLatn }, "\(spans)")
}
