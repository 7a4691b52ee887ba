@_spi(Stages) import BhashaKit
import PropertyBased
import Testing

/// The spans of `text` after the segmenter alone (no embedded decisions), as (label, text).
func baseSpans(_ text: String) -> [(Language, String)] {
  let bytes = Array(text.utf8)
  let profile = ScriptProfile(bytes)
  let units = NeutralUnits.find(in: profile, bytes: bytes)
  return SpanSegmenter().spans(in: profile, units: units, byteCount: bytes.count).map {
    ($0.language, String(decoding: bytes[$0.range], as: UTF8.self))
  }
}

/// The final spans of `text` (after embedded decisions), as (label, text, embedded).
func finalSpans(_ text: String) -> [(Language, String, Bool)] {
  let bytes = Array(text.utf8)
  return classifier.classify(bytes).spans.map {
    ($0.language, String(decoding: bytes[$0.range], as: UTF8.self), $0.embedded)
  }
}

func same(_ a: [(Language, String)], _ b: [(Language, String)]) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
}

// MARK: - One test per attach rule

@Test(arguments: [
  // Rule 1: Inherited characters (virama, ZWJ, ZWNJ) stay with the run before them.
  ("র\u{200D}্যাব এসেছে", [(Language.bn, "র\u{200D}্যাব এসেছে")]),
  ("বাক\u{09CD}\u{200C}স্বাধীনতা", [(.bn, "বাক\u{09CD}\u{200C}স্বাধীনতা")]),
  // Rule 2: inside a word, Common characters belong to the word.
  ("don't stop", [(.en, "don't stop")]),
  ("Pantsir-S1 ভারত-বাংলাদেশ", [(.en, "Pantsir-S1 "), (.bn, "ভারত-বাংলাদেশ")]),
  // Rule 4: spaces and numbers between two runs of one language stay inside it.
  ("আমি ৩ টা আম খাই", [(.bn, "আমি ৩ টা আম খাই")]),
  ("it costs $5 only", [(.en, "it costs $5 only")]),
  // Rule 5: trailing punctuation to the run before, opening brackets to the run after.
  ("বলেছেন। The end.", [(.bn, "বলেছেন। "), (.en, "The end.")]),
  ("আমি (Reuters)", [(.bn, "আমি "), (.en, "(Reuters)")]),
  ("He said “আমি”", [(.en, "He said "), (.bn, "“আমি”")]),
  // A matched pair of brackets keeps its content's run.
  ("নিহত (Reuters) আজ", [(.bn, "নিহত "), (.en, "(Reuters) "), (.bn, "আজ")]),
  // The danda goes to the Bengali run.
  ("Hello। আমি", [(.en, "Hello"), (.bn, "। আমি")]),
  // Rule 6: neutral units between different languages or at an edge are neutral spans.
  (
    "দেখুন https://x.example/a and more",
    [(.bn, "দেখুন "), (.neutral, "https://x.example/a "), (.en, "and more")]
  ),
  ("@rafi ভাই", [(.neutral, "@rafi "), (.bn, "ভাই")]),
  ("দাম ছিল ৳৬৮।", [(.bn, "দাম ছিল "), (.neutral, "৳৬৮।")]),
  // A unit that ends a sentence goes with it.
  ("It went up by 20%. দাম বাড়ল।", [(.en, "It went up by 20%. "), (.bn, "দাম বাড়ল।")]),
  // Rule 7: edges.
  ("  (Hello)", [(.en, "  (Hello)")]),
  ("21.9 C", [(.neutral, "21.9 C")]),
  ("😀 আমি 😀", [(.bn, "😀 আমি 😀")]),
])
func attachRules(text: String, expected: [(Language, String)]) {
  let got = baseSpans(text)
  #expect(same(got, expected), "\(got)")
}

@Test func embeddedSpansAreBareAndKeepTheSentence() {
  let spans = finalSpans("আমি Facebook এ পোস্ট দিয়েছি")
  #expect(spans.map(\.0) == [.bn, .en, .bn])
  #expect(spans.map(\.1) == ["আমি ", "Facebook", " এ পোস্ট দিয়েছি"])
  #expect(spans.map(\.2) == [false, true, false])
  let end = finalSpans("ভাই, শুধু cash।")
  #expect(end.map(\.1) == ["ভাই, শুধু ", "cash", "।"])
  #expect(end.map(\.0) == [.bn, .en, .bn])
}

// MARK: - Properties

let spanPieces: [String] = [
  "আমি", "ভাত", "ক্ষ", "র\u{200D}্যা", "ক\u{200C}", "ো", "্", "hello", "The", "x", "১২৩", "42",
  "।", "(", ")", "“", "”", "\"", "'", " ", "  ", ",", ".", "!", "https://a.example/b", "a@b.com",
  "@user", "#tag", "৳৫০০", "30%", "😀", "❤️", "\t", "-", "मैं",
]

@Test func spansTileEveryLineForAnyBytes() async {
  let pieceBytes = spanPieces.map { Array($0.utf8) } + [[0xFF], [0xE0, 0xA6], [0x00], [0xC3]]
  let gen = Gen.int(in: 0...(pieceBytes.count - 1)).array(of: 0...30).map {
    $0.flatMap { pieceBytes[$0] }
  }
  await propertyCheck(count: 500, input: gen) { bytes in
    let a = classifier.classify(bytes)
    var at = 0
    for span in a.spans {
      #expect(span.start == at)
      #expect(span.end > span.start)
      at = span.end
    }
    #expect(at == bytes.count)
    #expect(a.spans.isEmpty == bytes.isEmpty)
    // Determinism.
    #expect(classifier.classify(bytes) == a)
  }
}

@Test func oneLanguageLinesGiveOneSpan() async {
  let bengali = ["আমি", "ভাত", "খাই", "ক্ষমা", "র\u{200D}্যাব", "বাক্\u{200C}স্বাধীনতা", "দেশ", "১২"]
  let english = ["I", "eat", "rice", "don't", "the", "people", "water", "today", "42", "city"]
  let punctuation = [" ", " ", ", ", ". ", "! ", "? ", " (", ") ", " — "]
  for (words, language) in [(bengali, Language.bn), (english, .en)] {
    let gen = Gen.int(in: 0...(words.count - 1)).array(of: 1...12).map { indices in
      indices.enumerated().map { k, i in
        (k == 0 ? "" : punctuation[(i + k) % punctuation.count]) + words[i]
      }.joined()
    }
    await propertyCheck(count: 200, input: gen) { line in
      guard line.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return }
      let spans = finalSpans(line)
      #expect(spans.count == 1, "\(line)")
      // One word said over and over is not evidence of a language: "I I, I. I! I" is as much
      // Serbo-Croatian "i" (and) as English "I", and the model says `sh`.
      let distinct = Set(words.filter { line.contains($0) && $0.contains(where: \.isLetter) })
      guard distinct.count >= 2 else { return }
      #expect(spans.first?.0 == language, "\(line)")
    }
  }
}

// MARK: - Model-based: a slow, obvious reference segmenter

/// Labels each code point by looking left and right for the nearest word characters; written
/// for clarity, not speed, from the rules in ``SpanSegmenter``'s documentation.
func referenceSpans(_ text: String) -> [(Language, String)] {
  let bytes = Array(text.utf8)
  let profile = ScriptProfile(bytes)
  let scalars = profile.scalars
  let units = NeutralUnits.find(in: profile, bytes: bytes)
  let n = scalars.count
  func lang(_ s: ProfiledScalar) -> Language {
    s.script == .latin ? .en : s.script == .bengali ? .bn : .other
  }
  // 1. Word characters: letters, then marks/digits/in-word punctuation after them.
  var word = [Language?](repeating: nil, count: n)
  var unitOf = [Int?](repeating: nil, count: n)
  for (k, u) in units.enumerated() { for i in u { unitOf[i] = k } }
  var i = 0
  while i < n {
    defer { i += 1 }
    guard unitOf[i] == nil else { continue }
    let s = scalars[i]
    if s.kind == .letter {
      word[i] = lang(s)
      continue
    }
    guard i > 0, let previous = word[i - 1], unitOf[i - 1] == nil else { continue }
    if s.kind == .mark || s.kind == .digit {
      word[i] = previous
    } else if (s.kind == .punctuation && s.value != 0x2C) || s.kind == .quote {
      // Up to two joiners, then a letter of the same language, no unit in between.
      var k = i
      while k < n, k - i < 3, unitOf[k] == nil,
        scalars[k].kind == .punctuation || scalars[k].kind == .quote
      {
        k += 1
      }
      if k - i <= 2, k < n, unitOf[k] == nil, scalars[k].kind == .letter,
        lang(scalars[k]) == previous,
        !scalars[i..<k].contains(where: { $0.value == 0x2C })
      {
        for j in i..<k { word[j] = previous }
      }
    }
  }
  // A letter of another language directly after a word starts its own word: nothing to do.
  // 2. Everything else by its nearest word characters.
  var label = [Language](repeating: .neutral, count: n)
  for i in 0..<n {
    if let w = word[i] {
      label[i] = w
      continue
    }
    var l = i - 1
    while l >= 0, word[l] == nil { l -= 1 }
    var r = i + 1
    while r < n, word[r] == nil { r += 1 }
    let left = l >= 0 ? word[l] : nil
    let right = r < n ? word[r] : nil
    let gap = (l + 1)..<r
    if let left, let right, left == right {
      label[i] = left
      continue
    }
    let gapUnits = gap.filter { unitOf[$0] != nil }
    func isOpener(_ j: Int) -> Bool {
      unitOf[j] == nil && (scalars[j].kind == .open || scalars[j].kind == .quote)
    }
    func isEnd(_ j: Int) -> Bool {
      guard unitOf[j] == nil else { return false }
      if scalars[j].kind == .danda { return true }
      guard [0x2E, 0x21, 0x3F, 0x2026].contains(scalars[j].value) else { return false }
      return j + 1 >= gap.upperBound || (unitOf[j + 1] == nil && scalars[j + 1].kind == .space)
    }
    // Openers at the end of the gap (counting a whole unit as one step).
    var openerStart = gap.upperBound
    while openerStart > gap.lowerBound, isOpener(openerStart - 1) { openerStart -= 1 }
    if gapUnits.isEmpty {
      if left == nil {
        label[i] = right ?? .neutral
      } else if right == nil {
        label[i] = left ?? .neutral
      } else if right == .bn, left != .bn,
        let d = gap.first(where: { unitOf[$0] == nil && scalars[$0].kind == .danda }), i >= d
      {
        label[i] = .bn
      } else {
        label[i] = i < openerStart ? left! : right!
      }
      continue
    }
    let firstUnit = gapUnits.first!
    let lastUnit = gapUnits.last!
    let afterLast = (units[unitOf[lastUnit]!].upperBound)..<gap.upperBound
    let beforeFirst = gap.lowerBound..<firstUnit
    if let left, let right, afterLast.contains(where: isEnd),
      !beforeFirst.contains(where: isEnd)
    {
      label[i] = i < openerStart ? left : right
      continue
    }
    if i < firstUnit {
      var start = firstUnit
      while start > gap.lowerBound, isOpener(start - 1) { start -= 1 }
      label[i] = left == nil ? .neutral : (i < start ? left! : .neutral)
    } else {
      label[i] = right == nil ? .neutral : (i < openerStart ? .neutral : right!)
    }
  }
  // 3. Spans: neighbours with one label merge; no letters at all is one neutral span.
  var out: [(Language, String)] = []
  for (k, s) in scalars.enumerated() {
    let piece = String(decoding: bytes[s.range], as: UTF8.self)
    if let last = out.last, last.0 == label[k] {
      out[out.count - 1].1 += piece
    } else {
      out.append((label[k], piece))
    }
  }
  return out
}

@Test func segmenterAgreesWithTheReference() async {
  let gen = Gen.int(in: 0...(spanPieces.count - 1)).array(of: 0...14).map {
    $0.map { spanPieces[$0] }.joined()
  }
  await propertyCheck(count: 1000, input: gen) { text in
    let fast = baseSpans(text)
    let slow = referenceSpans(text)
    #expect(same(fast, slow), "\(text): \(fast) vs \(slow)")
  }
}
