import BhashaTestSupport
import Foundation
import Testing

@_spi(Stages) @testable import BhashaKit

/// Code points of every class the fast tables hold: letters, digits, the punctuation that
/// joins or splits words (`. , : ; ' " _`, ’), spaces, line breaks, Bengali letters, vowel
/// signs, virama, nukta, dandas and digits, joiners, soft hyphen, combining marks, ©, ‼.
private let alphabet: [UInt32] = [
  0x61, 0x5A, 0xE9, 0x31, 0x39, 0x2E, 0x2C, 0x3A, 0x3B, 0x27, 0x22, 0x5F, 0x2D, 0x20, 0x40, 0x09,
  0x0D, 0x0A, 0x0B, 0x85, 0x0995, 0x09B7, 0x09B0, 0x09F0, 0x09CD, 0x09CD, 0x09BE, 0x09BF, 0x09CD,
  0x09BC, 0x0981, 0x09CE, 0x0964,
  0x09E7, 0x09F3, 0x200C, 0x200D, 0x2019, 0x2018, 0x2024, 0x2026, 0xAD, 0x0965, 0xA9, 0x203C,
  0x2060, 0x2003, 0x0301, 0x2028,
  // Emoji: a thumb with a skin tone, a heart with VS16, a family joined by ZWJ, a smiley; a
  // squared letter (ALetter), Vietnamese ệ, a dingbat, a white smiling face.
  0x1F44D, 0x1F3FD, 0x2764, 0xFE0F, 0x1F468, 0x1F469, 0x1F467, 0x1F600, 0x1F130, 0x1EC7, 0x2705,
  0x263A,
]

private func randomText(_ state: inout UInt64) -> [UInt8] {
  func next(_ n: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(state >> 33) % n
  }
  var text = ""
  for _ in 0..<next(12) {
    if let scalar = Unicode.Scalar(alphabet[next(alphabet.count)]) {
      text.unicodeScalars.append(scalar)
    }
  }
  return Array(text.utf8)
}

@Test func fastWordStartsEqualICUs() throws {
  let icu = try BreakIterator(.word)
  var state: UInt64 = 42
  var checked = 0
  for _ in 0..<20_000 {
    let bytes = randomText(&state)
    try bytes.withUnsafeBufferPointer { buffer in
      let fast = try #require(FastBreaks.wordStarts(buffer), "\(bytes)")
      #expect(
        fast == icu.wordStarts(buffer), "\(String(decoding: bytes, as: UTF8.self).debugDescription)"
      )
      checked += 1
    }
  }
  #expect(checked == 20_000)
}

@Test func fastGraphemeBoundariesEqualICUs() throws {
  let icu = try BreakIterator(.character)
  var state: UInt64 = 7
  for _ in 0..<20_000 {
    let bytes = randomText(&state)
    try bytes.withUnsafeBufferPointer { buffer in
      let fast = try #require(FastBreaks.graphemeBoundaries(buffer))
      let slow = try icu.boundaries(buffer)
      #expect(fast == slow, "\(bytes.map { String($0, radix: 16) }) fast \(fast) icu \(slow)")
    }
  }
}

/// GB11 joins a pictograph only after ExtPict Extend* ZWJ: two joiners, or a mark after the
/// joiner, end the run (a property test of per-span counts found `😀` ZWJ ZWJ `😀` counted as
/// one cluster).
@Test(arguments: [
  "😀\u{200D}\u{200D}😀", "😀\u{200D}\u{301}😀", "😀\u{301}\u{200D}😀", "😀\u{200D}😀\u{200D}😀",
  "a\u{200D}😀", "😀\u{200D}\u{200D}", "\u{200D}\u{200D}😀", "👍\u{1F3FD}\u{200D}😀",
])
func pictographRunsEndAtASecondJoiner(text: String) throws {
  let icu = try BreakIterator(.character)
  let bytes = Array(text.utf8)
  try bytes.withUnsafeBufferPointer { buffer in
    let fast = try #require(FastBreaks.graphemeBoundaries(buffer))
    #expect(fast == (try icu.boundaries(buffer)), "\(text.unicodeScalars.map(\.value))")
  }
}

@Test func textOutsideTheTablesGoesToICU() {
  for text in ["日本語", "\u{1F1E7}\u{1F1E9}", "мир", "\u{FF1A}"] {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { #expect(FastBreaks.wordStarts($0) == nil) }
  }
  // Invalid UTF-8 too.
  [UInt8]([0x61, 0xFF, 0x62]).withUnsafeBufferPointer { #expect(FastBreaks.wordStarts($0) == nil) }
}

/// The cases of a Unicode break test file (`÷ 0061 × 0308 ÷ …`): code points and the indices
/// (in code points) where a break is allowed.
func cases(_ path: String) -> [(scalars: [UInt32], breaks: [Int])]? {
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
  var out: [(scalars: [UInt32], breaks: [Int])] = []
  for line in text.split(separator: "\n") {
    let body = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
    guard body.contains("÷") else { continue }
    var scalars: [UInt32] = []
    var breaks: [Int] = []
    for token in body.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
      if token == "÷" {
        breaks.append(scalars.count)
      } else if token != "×", let v = UInt32(token, radix: 16) {
        scalars.append(v)
      }
    }
    out.append((scalars, breaks))
  }
  return out
}

/// Checks `boundaries` against every case of `file` whose code points are all in the fast
/// tables; returns how many cases were checked, or nil if the file is absent.
func conformance(
  _ file: String, skipping skipped: Set<UInt32> = [],
  _ boundaries: (UnsafeBufferPointer<UInt8>) -> [Int]?
) -> Int? {
  let path = "/usr/share/unicode/auxiliary/\(file)"
  guard let all = cases(path) else { return nil }
  var checked = 0
  for (scalars, breaks) in all where !scalars.contains(where: skipped.contains) {
    var text = ""
    var offsets: [Int] = []
    for v in scalars {
      offsets.append(text.utf8.count)
      guard let scalar = Unicode.Scalar(v) else { continue }
      text.unicodeScalars.append(scalar)
    }
    offsets.append(text.utf8.count)
    let bytes = Array(text.utf8)
    guard let got = bytes.withUnsafeBufferPointer(boundaries) else { continue }
    #expect(got == breaks.map { offsets[$0] }, "\(file): \(scalars.map { String($0, radix: 16) })")
    checked += 1
  }
  return checked
}

@Test(
  .enabled(
    if: Fixtures.exists("/usr/share/unicode/auxiliary/WordBreakTest.txt")
      && Fixtures.exists("/usr/share/unicode/auxiliary/GraphemeBreakTest.txt"),
    "/usr/share/unicode/auxiliary/*BreakTest.txt absent (apt-get install unicode-data)"))
func fastBreaksConformToUnicodesTests() throws {
  // Debian's unicode-data (Unicode 15.0, the version of ICU 72). Cases with ':' (U+003A,
  // U+FE55, U+FF1A) or '@' are left out: ICU's root rules (CLDR) take ':' out of MidLetter
  // and count '@' as a letter.
  let words = try #require(
    conformance(
      "WordBreakTest.txt", skipping: [0x3A, 0xFE55, 0xFF1A, 0x40], FastBreaks.wordBoundaries))
  let graphemes = try #require(
    conformance("GraphemeBreakTest.txt", FastBreaks.graphemeBoundaries))
  #expect(words > 100, "word cases checked: \(words)")
  // Most grapheme cases are Hangul, emoji and other scripts, which ICU answers.
  #expect(graphemes > 20, "grapheme cases checked: \(graphemes)")
  print(
    "Unicode conformance: \(words) word and \(graphemes) grapheme cases in the fast tables' range")
}

@Test func everyTableCodePointBetweenWordsMatchesICU() throws {
  // Each code point of the tables between letters, digits, connectors, spaces and Bengali
  // letters: where ICU tailors a class ('@' in e-mail addresses, ':'), the answers differ.
  let words = try BreakIterator(.word)
  let graphemes = try BreakIterator(.character)
  let sides: [String] = ["a", "1", "_", " ", "ক", "ক্", ".", "’"]
  var mismatches: [String] = []
  let ranges = [0..<0x370, 0x964..<0x966, 0x980..<0xA00] + FastBreaks.ranges.dropFirst(2)
  for range in ranges {
    for v in range {
      guard let scalar = Unicode.Scalar(v) else { continue }
      for left in sides {
        for right in sides {
          var text = left
          text.unicodeScalars.append(scalar)
          text += right
          let bytes = Array(text.utf8)
          bytes.withUnsafeBufferPointer { buffer in
            guard let fast = FastBreaks.wordStarts(buffer) else { return }
            if fast != words.wordStarts(buffer) {
              mismatches.append("word U+\(String(v, radix: 16)) \(text.debugDescription)")
            }
            if FastBreaks.graphemeBoundaries(buffer) != (try? graphemes.boundaries(buffer)) {
              mismatches.append("grapheme U+\(String(v, radix: 16)) \(text.debugDescription)")
            }
          }
        }
      }
    }
  }
  #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(30))")
}

/// `FastBreaks.entry` finds each range's code points where the table put them.
@Test func tableOffsetsFollowTheRanges() {
  FastBreaks.table.withUnsafeBufferPointer { table in
    var base = 0
    for range in FastBreaks.ranges {
      for cp in [range.lowerBound, range.upperBound - 1] {
        let expected = table[base + Int(cp - range.lowerBound)]
        let found = FastBreaks.entry(cp, in: table)
        #expect(
          found?.word == expected.word && found?.grapheme == expected.grapheme,
          "U+\(String(cp, radix: 16))")
      }
      #expect(
        FastBreaks.entry(range.upperBound, in: table) == nil
          || FastBreaks.ranges.contains { $0.contains(range.upperBound) })
      base += range.count
    }
    #expect(base == table.count)
  }
}

/// The pair table decides every transition as the full rules do: each class after each other,
/// directly and with one or two marks (Extend, Format, ZWJ) between, at the start of the text
/// and after a line break.
@Test func wordPairTableAgreesWithTheFullRules() {
  // One entry of the tables per word class, with its grapheme data (all that breaks read).
  var representatives: [FastBreaks.Word: FastBreaks.Entry] = [:]
  for entry in FastBreaks.table where entry.word != .unsupported {
    if representatives[entry.word] == nil { representatives[entry.word] = entry }
  }
  #expect(representatives.count >= 16, "classes found: \(representatives.keys)")
  let all = Array(representatives.values)
  let marks = all.filter { [.extend, .format, .zwj].contains($0.word) }
  var sequences: [[FastBreaks.Entry]] = []
  for x in all {
    for y in all {
      sequences.append([x, y])
      for m in marks {
        sequences.append([x, m, y])
        sequences.append([m, y, x])
        for m2 in marks { sequences.append([x, m, m2, y]) }
      }
    }
  }
  var mismatches: [String] = []
  for entries in sequences {
    let scalars = entries.enumerated().map {
      FastBreaks.Scalar(offset: Int32($0.offset), entry: $0.element)
    }
    scalars.withUnsafeBufferPointer { s in
      FastBreaks.forEachWordBreak(s) { k, word, breaks in
        #expect(word == s[k].entry.word)
        if k > 0 && breaks != FastBreaks.breaksBefore(k, s) {
          mismatches.append("\(entries.map(\.word)) before \(k)")
        }
      }
    }
  }
  #expect(sequences.count >= 4_000)
  #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(20))")
}

/// Every ASCII code point is in the tables, so decoding skips the check for it.
@Test func everyASCIICodePointIsSupported() {
  #expect(FastBreaks.asciiSupported)
}
