import PropertyBased
import Testing

@_spi(Stages) @testable import BhashaKit

/// The text of each neutral unit found in `line`.
func units(_ line: String) -> [String] {
  let bytes = Array(line.utf8)
  let profile = ScriptProfile(bytes)
  return NeutralUnits.find(in: profile, bytes: bytes).map { range in
    let start = profile.scalars[range.lowerBound].start
    let end = profile.scalars[range.upperBound - 1].range.upperBound
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}

@Test(arguments: [
  ("21.9 C", ["21.9 C"]),
  ("দাম ৳৫০০ মাত্র", ["৳৫০০"]),
  ("বৃদ্ধি ৩০%।", ["৩০%"]),
  ("only $5 today", ["$5"]),
  ("Tk 500 only", ["Tk 500"]),
  ("at 10:30 am sharp", ["10:30 am"]),
  ("see https://example.com/a?b=1.", ["https://example.com/a?b=1"]),
  ("visit www.prothomalo.com now", ["www.prothomalo.com"]),
  ("(bdnews24.com)", ["bdnews24.com"]),
  ("mail info@example.org today", ["info@example.org"]),
  ("@rafi_ahmed ভাই", ["@rafi_ahmed"]),
  ("#শুভ_নববর্ষ everyone", ["#শুভ_নববর্ষ"]),
  ("it ran 10 km", ["10 km"]),
  ("the 2nd match", ["2nd"]),
  ("thanks rafi1987!", ["rafi1987"]),
  ("lol 10-19-20sUser115", ["lol", "10-19-20sUser115"]),
  ("H1N1 and x264", ["H1N1", "x264"]),
])
func neutralUnitsAreFound(line: String, expected: [String]) {
  #expect(units(line) == expected)
}

@Test(arguments: [
  "Vitamin C is good", "e.g. this", "I am here", "Mr. Khan", "A.B. de Villiers",
  // One or two digits in one run are sounds in Banglish (a6e, 2mi), or part of a name.
  "ami 2mi ke a6e", "COVID-19 cases", "gr8 work", "_abc123",
  // Interjections are matched with held letters let go: none may be a word then ("shesh").
  "semester shesh hole", "hey there", "ew", "gr",
])
func wordsAreNotUnits(line: String) {
  #expect(units(line).isEmpty)
}

/// A listed unit or currency word that ends in a dot keeps it: "Rs." and "a.m." are units,
/// not the English words "Rs" and "a.m" embedded in Bengali.
@Test(arguments: [
  ("দাম Rs. 300 মাত্র", ["Rs. 300"]),
  ("Tk. 500 দিলাম", ["Tk. 500"]),
  ("আমি 10 a.m. এ আসব", ["10 a.m."]),
  ("মিটিং 5 p.m. এ", ["5 p.m."]),
  ("The meeting is at 10 a.m. today.", ["10 a.m."]),
])
func unitsWithAFinalDot(line: String, expected: [String]) {
  #expect(units(line) == expected)
  let analysis = LineClassifier().classify(Array(line.utf8))
  #expect(!analysis.spans.contains { $0.embedded }, "\(analysis.spans)")
}

@Test(arguments: [
  (":P :D", [":P", ":D"]),
  ("XD", ["XD"]),
  (":'( sad", [":'("]),
  ("^_^ -_- <3 :-)", ["^_^", "-_-", "<3", ":-)"]),
  (":))) =)) :DDD <3<3", [":)))", "=))", ":DDD", "<3<3"]),
  ("hahaha!!!", ["hahaha"]),
  ("HAHAHAHA", ["HAHAHAHA"]),
  ("ahahaha hah heh hehehe hihi", ["ahahaha", "hah", "heh", "hehehe", "hihi"]),
  ("lol lolz LMAO!!! lmaooo lolll rofl", ["lol", "lolz", "LMAO", "lmaooo", "lolll", "rofl"]),
  (
    "uffff hmmm... Hmm ahhh ohhh oops oopsss",
    [
      "uffff", "hmmm", "Hmm", "ahhh", "ohhh", "oops", "oopsss",
    ]
  ),
  ("aaaaa eeee ooo aaah", ["aaaaa", "eeee", "ooo", "aaah"]),
  // Words stay words: plain ah, oh, a, he, hi, ha; AA batteries; special ops; look, hello.
  ("oh no, ah well, a hi he ha", []),
  ("AA batteries for special ops", []),
  ("look hello loop hoop hoho", ["hoho"]),
  ("vai order dilam :) kobe pabo?", [":)"]),
  ("price 500 tk :D", ["500 tk", ":D"]),
  (";p =p o.o O.O :] =]", [";p", "=p", "o.o", "O.O", ":]", "=]"]),
])
func socialUnits(line: String, expected: [String]) {
  #expect(units(line) == expected, "\(line)")
}

@Test(arguments: [":P :D", "hahaha", "lol", "uffff", "hmmm ...", "hahaha XD 😂😂", "oops :P"])
func chatNoiseLinesAreNeutral(line: String) {
  #expect(classifier.classify(Array(line.utf8)).label == .neutral, "\(line)")
}

@Test func chatNoiseInsideASentenceIsNotEvidence() {
  // "lol" and ":P" do not make a Bengali line mixed, nor an English one another language.
  #expect(classifier.classify(Array("আমি কাল আসব lol :P".utf8)).label == .bn)
  #expect(classifier.classify(Array("I will come tomorrow hahaha :D".utf8)).label == .en)
}

/// Emoji shown in the wrong encoding: the UTF-8 bytes of 😂, ❤️, 👍🏽 and 🙏 read as
/// Windows-1252 (`ðŸ˜‚`) or as Latin-1 (C1 controls in place of `Ÿ`, `˜`, `‚`).
let mojibakeEmoji = [
  "\u{F0}\u{178}\u{2DC}\u{201A}", "\u{F0}\u{9F}\u{98}\u{82}",
  "\u{E2}\u{9D}\u{A4}\u{EF}\u{B8}\u{8F}",
  "\u{F0}\u{178}\u{2018}\u{8D}\u{F0}\u{178}\u{8F}\u{BD}",
  "\u{F0}\u{9F}\u{91}\u{8D}\u{F0}\u{9F}\u{8F}\u{BD}", "\u{F0}\u{178}\u{2122}\u{8F}",
]

@Test(arguments: mojibakeEmoji)
func misdecodedEmojiAreOneNeutralUnit(emoji: String) {
  #expect(units(emoji) == [emoji])
  #expect(units("great" + emoji + " news") == [emoji], "attached to a word")
  #expect(units("\(emoji)\(emoji) ok") == [emoji + emoji], "a run of them")
  #expect(classifier.classify(Array(emoji.utf8)).label == .neutral)
  #expect(classifier.classify(Array("\(emoji) thanks bhai, onek valo laglo".utf8)).label == .bnLatn)
}

@Test(arguments: [
  "don\u{E2}\u{20AC}\u{2122}t",  // ’ shown as Windows-1252: punctuation, not an emoji
  "Þór og ðað", "\u{F0}\u{178}\u{2DC}",  // one continuation short
  "\u{E2}\u{9D}", "ïla", "â\u{178}\u{2DC}",  // â takes two, and 9F 98 is no symbol
])
func textThatIsNoMisdecodedEmoji(text: String) {
  let bytes = Array(text.utf8)
  #expect(NeutralUnits.mojibake(in: ScriptProfile(bytes), bytes: bytes).isEmpty)
}

/// The token rules read from an ASCII token's bytes give the String rules' answers. Tokens are
/// built from pieces the rules look for (schemes, `www.`, TLDs, currency codes, units, `@`,
/// digits and separators) and single ASCII characters of either case.
@Test func asciiTokenRulesAreTheStringRules() async {
  let pieces = [
    "http://", "HTTPS://", "ftp://", "www.", "WWW.", "com", "COM", "bd", "org", ".", ".", "/", "-",
    "@", "@", "_", "%", "+", "$", "US$", "Tk", "Tk.", "Rs.", "Rs", "BDT", "km", "am", "a.m.", "st",
    "th", "C", "x", "1", "2", "0", "9", "12345678", ",", ":", "a", "Z", "q", "#", "'", "(", ")",
    "\u{01}", "\u{7F}",
  ]
  let token = Gen.int(in: 0...(pieces.count - 1)).map { pieces[$0] }.array(of: 1...6)
  await propertyCheck(count: 2000, input: token) { parts in
    let text = parts.joined()
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { t in
      #expect(NeutralUnits.ASCIIToken.isPlain(t))
      #expect(NeutralUnits.ASCIIToken.isURL(t) == NeutralUnits.isURL(text), "\(text)")
      #expect(NeutralUnits.ASCIIToken.isEmail(t) == NeutralUnits.isEmail(text), "\(text)")
      #expect(NeutralUnits.ASCIIToken.isMention(t) == NeutralUnits.isMention(text), "\(text)")
      #expect(
        NeutralUnits.ASCIIToken.numberWithUnit(t) == NeutralUnits.numberWithUnit(text), "\(text)")
      #expect(
        NeutralUnits.ASCIIToken.hasCurrencyOrSign(t) == NeutralUnits.hasCurrencyOrSign(text),
        "\(text)")
      #expect(
        NeutralUnits.ASCIIToken.isPhoneNumber(t) == NeutralUnits.isPhoneNumber(text), "\(text)")
    }
  }
}

/// Tokens with a byte above 0x7F or a CR are not plain: they take the String rules.
@Test(arguments: ["café.com", "৳500", "a\r", "\u{212A}m.com"])
func tokensThatAreNotPlainASCII(text: String) {
  Array(text.utf8).withUnsafeBufferPointer { #expect(!NeutralUnits.ASCIIToken.isPlain($0)) }
}

/// The String rules compare a prefix's bytes before `hasPrefix`: the answers are
/// `hasPrefix`'s, for canonically equivalent spellings, held marks and look-alikes too.
@Test func bytePrefixTestsAgreeWithHasPrefix() async {
  let prefixes = [
    "http://", "https://", "ftp://", "www.", "US$", "Tk.", "Tk", "Rs.", "Rs", "BDT", "%", "৳", "+",
  ]
  let pieces =
    prefixes + [
      "\u{301}", "\u{9BC}", "\u{212A}", "K", "k", "\u{FF34}", "T", "t", "R", "s", "\u{17F}", "৫",
      "5",
      "\u{2126}", "\u{3A9}", "e\u{301}", "\u{E9}", "\u{200D}", "\u{FE0F}", ".", ":", "/",
    ]
  let text = Gen.int(in: 0...(pieces.count - 1)).map { pieces[$0] }.array(of: 0...4)
  await propertyCheck(count: 3000, input: text) { parts in
    let text = parts.joined()
    for prefix in prefixes {
      #expect(
        NeutralUnits.starts(text, with: prefix) == text.hasPrefix(prefix),
        "\(text.debugDescription) \(prefix)")
    }
  }
}

/// The first-character filter in `social(in:)` changes no answer: each token gives what the
/// closer look alone gives. Tokens are every ASCII character and some others, before emoticon,
/// laughter and interjection endings.
@Test func socialUnitsPassTheFirstCharacterFilter() {
  let endings =
    Array(NeutralUnits.emoticons).flatMap { [$0, String($0.dropFirst())] } + [
      "", "ol", "olll", "aha", "ahaha", "ehe", "m", "mmm", "f", "ffff", "gh", "w", "hem", "h", "hh",
      "ps", "ops", "ho", "a", "aa", "e", "u", "mao", "ofl", "oflmao", "lol)", "haha!", "))", "DDD",
    ]
  let firsts =
    (0..<128).compactMap(Unicode.Scalar.init).map(String.init) + [
      "\u{201C}", "\u{2018}", "(", "[", "\"", "'", "\u{E9}", "\u{995}",
    ]
  var units = 0
  for first in firsts {
    for ending in endings {
      let profile = ScriptProfile(Array((first + ending).utf8))
      let scalars = profile.scalars
      // What `social(in:)` gave before the filter: each token of up to 24 ASCII scalars, looked
      // at closely.
      var expected: [Range<Int>] = []
      NeutralUnits.forEachToken(in: scalars) { token in
        if token.count <= 24, scalars[token].allSatisfy({ $0.value < 0x80 }),
          let unit = NeutralUnits.socialUnit(token, scalars)
        {
          expected.append(unit)
        }
      }
      units += expected.count
      #expect(NeutralUnits.social(in: profile) == expected, "\((first + ending).debugDescription)")
    }
  }
  #expect(units > 200, "social units checked: \(units)")
}

/// Tokens longer than `longestUnit` code points skip the unit and currency look-ups. That is
/// exact only while every listed word is its own canonical decomposition (then no string of
/// more code points equals it), so a listed word with, say, a precomposed letter fails here.
@Test func unitsAreTheirOwnDecompositions() {
  for word in NeutralUnits.units.union(NeutralUnits.currencyWords) {
    #expect(
      Array(word.decomposedStringWithCanonicalMapping.unicodeScalars) == Array(word.unicodeScalars),
      "\(word)")
    #expect(word.unicodeScalars.count <= NeutralUnits.longestUnit)
  }
  #expect(NeutralUnits.longestUnit == 4)
  // The Kelvin sign is K: a unit of the same length, found.
  #expect(NeutralUnits.units.contains("\u{212A}B"))
}

/// The second-letter filter in `socialUnit` refuses no word the closer look accepts: every
/// word of up to four letters (and each listed word with a letter held) that
/// `matchesSocialWord` accepts passes `mayBeSocialWord`.
@Test func socialWordsPassTheSecondLetterFilter() {
  let letters = Array("aehilmoprufgwsHkdy".utf8)
  var words: [[UInt8]] = []
  func extend(_ word: [UInt8]) {
    if !word.isEmpty { words.append(word) }
    guard word.count < 4 else { return }
    for b in letters { extend(word + [b]) }
  }
  extend([])
  for word in NeutralUnits.socialWords + NeutralUnits.heldWords + [Array("ahaha".utf8)] {
    for k in word.indices {
      words.append(Array(word[...k]) + [word[k], word[k]] + Array(word[(k + 1)...]))
    }
  }
  var matched = 0
  for word in words {
    let scalars = ScriptProfile(word).scalars
    guard NeutralUnits.matchesSocialWord(0..<scalars.count, scalars) else { continue }
    matched += 1
    #expect(
      NeutralUnits.mayBeSocialWord(word[0] | 0x20, (word.count > 1 ? word[1] : word[0]) | 0x20),
      "\(String(decoding: word, as: UTF8.self))")
  }
  #expect(matched > 100, "words matched: \(matched)")
}

/// `isInteresting(at:_:)` decides letters, marks and spaces by kind before it looks at values.
/// That is exact only while none of the characters it looks for is one: every code point,
/// before a letter and before a space, gives what the value-first test gives.
@Test func interestingScalarsAreFoundByKindFirst() {
  func scalar(_ value: UInt32) -> ProfiledScalar {
    let c = ScalarClass.of(value)
    return ProfiledScalar(
      value: value, start: 0, length: 1, kind: c.kind, script: c.script,
      letterWeight: Int(c.letterWeight), isInvalid: false)
  }
  // The test as it read before: by value, then by kind.
  func valueFirst(_ s: [ProfiledScalar]) -> Bool {
    switch s[0].value {
    case 0x40, 0x23, 0x24, 0x09F3, 0x20AC, 0xA3, 0x20B9, 0xA5: return true
    case 0x2E, 0x2F: return s[1].kind == .letter || s[1].kind == .digit
    default: return s[0].kind == .digit
    }
  }
  var mismatches: [UInt32] = []
  for value in UInt32(0)..<0x11_0000 where !(0xD800..<0xE000).contains(value) {
    for next in [scalar(0x61), scalar(0x20)] {
      let s = [scalar(value), next]
      if NeutralUnits.isInteresting(at: 0, s) != valueFirst(s) { mismatches.append(value) }
    }
  }
  #expect(mismatches.isEmpty, "\(mismatches.prefix(10).map { String($0, radix: 16) })")
}
