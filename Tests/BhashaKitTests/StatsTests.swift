@_spi(Stages) import BhashaKit
import PropertyBased
import Testing

func stats(of bytes: [UInt8]) throws -> StatsBlock {
  let accumulator = try StatsAccumulator()
  for line in try lines(of: bytes) {
    accumulator.add(line, classifier.classify(line.content))
  }
  return accumulator.block
}

@Test func labelBytesAddUpToTheInputForAnyBytes() async {
  let pieces: [[UInt8]] = [
    Array("আমি ".utf8), Array("I eat ".utf8), [0x0A], [0x0D], [0x0D, 0x0A], [0xFF], [0xE0, 0xA6],
    [0x00], [0xEF, 0xBB, 0xBF], Array("21.9 C".utf8), Array("।".utf8), Array("मैं".utf8),
  ]
  let gen = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...40).map { $0.flatMap { pieces[$0] } }
  await propertyCheck(count: 200, input: gen) { bytes in
    let block = try stats(of: bytes)
    #expect(block.total.bytes == bytes.count)
    #expect(block.labels.values.reduce(0) { $0 + $1.bytes } == bytes.count)
    #expect(block.labels.values.reduce(0) { $0 + $1.lines } == block.total.lines)
  }
}

@Test func shardsAddUpToTheWhole() throws {
  let a = Array("আমি ভাত খাই।\nI eat rice.\n".utf8)
  let b = Array("21.9 C\nআজকে meeting আছে\n".utf8)
  var whole = StatsReport()
  whole.add(file: "ab", try stats(of: a + b))
  var left = StatsReport()
  left.add(file: "a", try stats(of: a))
  var right = StatsReport()
  right.add(file: "b", try stats(of: b))
  let merged = try StatsReport.merge([left, right])
  #expect(merged.all == whole.all)
}

@Test func jsonReportDecodesToItself() throws {
  var report = StatsReport()
  report.add(file: "x \"quoted\".txt", try stats(of: Array("আমি\nyou\n\n".utf8)))
  let json = report.json()
  let decoded = try StatsReport.decode(Array(json.utf8), file: "r.json")
  #expect(decoded == report)
  #expect(json.hasPrefix("{\"schema\":1,\"total\":{\"lines\":3,"))
}

@Test func badReportsAreRefused() {
  #expect(throws: BhashaError.self) { try StatsReport.decode(Array("{}".utf8), file: "a.json") }
  #expect(throws: BhashaError.self) {
    try StatsReport.decode(Array("{\"schema\":9,\"total\":{},\"labels\":{}}".utf8), file: "a.json")
  }
}

@Test func wordsAndGraphemesComeFromICU() throws {
  let measurer = try TextMeasurer()
  #expect(measurer.words(Array("আমি ভাত খাই।".utf8)) == 3)
  #expect(measurer.words(Array("Hello, world! 42".utf8)) == 3)
  #expect(measurer.graphemes(Array("খাই".utf8)) == 2)
  #expect(measurer.graphemes(Array("ab".utf8)) == 2)
}

@Test(arguments: [(0.976, "0.98"), (1.0, "1"), (0.5, "0.5"), (0.0, "0"), (0.049, "0.05")])
func numbersAreShort(value: Double, text: String) {
  #expect(JSONText.number(value) == text)
}

@Test func jsonStringsAreEscaped() {
  #expect(JSONText.quote("a\"b\\c\n\t\u{1}") == "\"a\\\"b\\\\c\\n\\t\\u0001\"")
  #expect(JSONText.quote("আমি") == "\"আমি\"")
}

/// JSON quoting scalar by scalar, as `JSONText.quote` did before it quoted bytes: the
/// reference the byte-level quoting is checked against.
private func referenceQuote(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029
        || scalar.value == 0xFEFF || scalar.value == 0x7F
      {
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}

/// Quoting UTF-8 bytes as the writer does gives the bytes of quoting the string: for every
/// character that is escaped (controls, DEL, quote, backslash, U+2028/9, U+FEFF), their
/// neighbours in UTF-8 (U+2027, U+202A, U+FEFE) and ordinary text.
@Test func quotingBytesIsQuotingTheString() async {
  let pieces: [String] = [
    "a", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}",
    "\u{2027}", "\u{202A}", "\u{FEFF}", "\u{FEFE}", "\u{FFFD}", "আমি", "é", "😀", " ",
  ]
  let text = Gen.int(in: 0...(pieces.count - 1)).map { pieces[$0] }.array(of: 0...16)
  await propertyCheck(count: 500, input: text) { parts in
    let string = parts.joined()
    var out: [UInt8] = []
    JSONText.appendQuoted(Array(string.utf8), to: &out)
    #expect(out == Array(referenceQuote(string).utf8))
    #expect(JSONText.quote(string) == referenceQuote(string))
    var fromString: [UInt8] = [0x41]
    JSONText.appendQuoted(string, to: &fromString)
    #expect(fromString == [0x41] + out)
  }
}

@Test func spansCountToTheirOwnLanguage() throws {
  let block = try stats(of: Array("আমি Facebook এ পোস্ট দিয়েছি\n".utf8))
  let bn = block.counts("bn")
  let en = block.counts("en")
  #expect(bn.lines == 1)
  #expect(en.lines == 0)
  #expect(en.words == 1)
  #expect(en.embeddedWords == 1)
  #expect(en.bytes == "Facebook".utf8.count)
  #expect(bn.words == 4)
  #expect(bn.segments == 2)
  #expect(bn.bytes + en.bytes == "আমি Facebook এ পোস্ট দিয়েছি\n".utf8.count)
}

/// Words and graphemes per span, counted as ICU's iterators cut: each to the span holding its
/// first byte.
private func icuPerSpan(_ bytes: [UInt8], _ spans: [LanguageSpan]) throws -> [[Int]] {
  let words = try BreakIterator(.word)
  let graphemes = try BreakIterator(.character)
  var counts = [[Int]](repeating: [0, 0], count: spans.count)
  // The span of each byte.
  var owner = [Int](repeating: -1, count: bytes.count)
  for (k, span) in spans.enumerated() {
    owner[span.range] = .init(repeating: k, count: span.end - span.start)
  }
  try bytes.withUnsafeBufferPointer { buffer in
    for start in words.wordStarts(buffer) where owner[Int(start)] >= 0 {
      counts[owner[Int(start)]][0] += 1
    }
    for b in try graphemes.boundaries(buffer).dropLast() where owner[b] >= 0 {
      counts[owner[b]][1] += 1
    }
  }
  return counts
}

/// `TextMeasurer.perSpan` counts as ICU does, for text the fast tables read (decoded once
/// into the measurer's storage) and text they leave to ICU, with spans cut anywhere between
/// code points; one measurer serves every line, a line longer than its kept storage among
/// them.
@Test func perSpanCountsAreICUsCounts() async throws {
  let pieces = [
    "ami", " ", "bhat", "khai", "আমি", "ভাত", "খাই", "।", "ক্ষ", "\u{9CD}", "\u{200D}", ". ", ",", "3.5",
    "১২", "don't", "_", "e\u{301}", "\u{2019}", "日本", "😀", "\u{1F1E7}\u{1F1E9}", "\u{FF}",
  ]
  let measurer = try TextMeasurer()
  let text = Gen.int(in: 0...(pieces.count - 1)).map { pieces[$0] }.array(of: 0...14)
  await propertyCheck(count: 600, input: text, Gen.int(in: 0...Int.max)) { parts, seed in
    var bytes = Array(parts.joined().utf8)
    if seed % 50 == 0 {
      // A line longer than the measurer keeps storage for.
      while bytes.count <= 70_000 { bytes += Array(parts.joined(separator: " ").utf8) + [0x20] }
    }
    // Spans cut at code point starts picked by the seed.
    var cuts = [0]
    var s = UInt64(truncatingIfNeeded: seed)
    for (i, b) in bytes.enumerated() where i > 0 && b & 0xC0 != 0x80 {
      s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      if s >> 61 == 0 { cuts.append(i) }
    }
    cuts.append(bytes.count)
    let spans = zip(cuts, cuts.dropFirst()).filter { $0 < $1 }.map {
      LanguageSpan(start: $0, end: $1, language: .neutral, script: .common)
    }
    let (words, graphemes) = measurer.perSpan(bytes, spans)
    let expected = try? icuPerSpan(bytes, spans)
    #expect(expected.map { $0.map { $0[0] } } == words)
    #expect(expected.map { $0.map { $0[1] } } == graphemes)
  }
}

@Test func decimalsAreWhatStringWrites() {
  var state: UInt64 = 3
  var values = [0, 1, 9, 10, 99, 100, -1, -10, Int.max, Int.min, Int.min + 1]
  for _ in 0..<200 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    values.append(Int(bitPattern: UInt(state)) >> Int(state % 64))
  }
  for value in values {
    var out: [UInt8] = [0x78]
    JSONText.appendDecimal(value, to: &out)
    #expect(String(decoding: out, as: UTF8.self) == "x\(value)")
  }
}
