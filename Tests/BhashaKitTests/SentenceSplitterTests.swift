import BhashaTestSupport
import PropertyBased
import Testing

@_spi(Stages) @testable import BhashaKit

/// Pieces of text around sentence ends: terminators of both kinds (ATerm `.`, STerm `! ? ।
/// ॥ ‼`), closing quotes and brackets, spaces of several kinds (Sp), paragraph separators
/// (CR, LF, NEL, U+2028), marks and format characters (Extend, Format), digits, upper- and
/// lowercase words, Bengali, abbreviations, and invalid UTF-8.
private let sentencePieces: [[UInt8]] =
  [
    "Hello", "world", "rice", "The", "a", "আমি", "ভাত", "খাই", "3", "5", ".", ".", "!", "?", "।",
    "॥", "‼", "…", "\"", ")", "’", "”", " ", " ", " ", "\t", "\u{A0}", "\u{2003}", "\r", "\n",
    "\u{85}", "\u{2028}", "\u{301}", "\u{200D}", "Dr.", "U.S.", "etc.", "Mr.", "মো.", "😀",
  ].map { Array($0.utf8) } + [[0xFF], [0xE0, 0xA6], [0xC0, 0x80], [0xED, 0xA0, 0x80]]

@Test func theFastPathCutsAsICUDoes() async throws {
  let splitter = try SentenceSplitter()
  let text = Gen.int(in: 0...(sentencePieces.count - 1)).array(of: 0...14)
  await propertyCheck(count: 3000, input: text) { picks in
    let content = picks.flatMap { sentencePieces[$0] }
    #expect(
      splitter.sentences(in: content) == splitter.sentencesByICU(in: content),
      "\(String(decoding: content, as: UTF8.self).debugDescription)")
  }
}

/// The fast path takes the common one-sentence lines and leaves the rest to ICU.
@Test(arguments: [
  ("No terminator at all", true), ("One sentence.", true), ("Really?! ", true),
  ("আমি ভাত খাই।", true), ("Two. Sentences.", false), ("He said \"no.\"", false),
  ("Pi is 3.14", false), ("Line\u{2028}separator", false), ("Ends in CR.\r", false),
])
func oneSentenceLines(text: String, fast: Bool) {
  #expect(SentenceSplitter.isOneSentence(Array(text.utf8)) == fast)
}

/// ICU's exception list is read from its data: without it every multi-sentence line would go
/// to ICU.
@Test func icusExceptionListIsRead() throws {
  let exceptions = try #require(SentenceSplitter.exceptions)
  #expect(exceptions.contains(Array("Mr.".utf8)))
  let ends = try #require(SentenceSplitter.exceptionEnds)
  #expect(ends.contains(Array("Mr.".utf8)[...]))
  #expect(ends.longest >= 4)
  // A break after any of them is left to ICU, after one space too; after other words not.
  for (text, expected) in [("Mr.", true), ("Mr. ", true), ("Mr.  ", false), ("said.", false)] {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { bytes in
      #expect(
        SentenceSplitter.mayBeException(bytes, before: bytes.count, ends) == expected, "\(text)")
    }
  }
}

/// Where the rules answer without ICU's iterator, they give its breaks: on random texts of
/// sentence pieces and of ICU's own exceptions (whole, cut at a full stop, after a letter),
/// with terminators, closers, continuers (`, ; : -`), numbers and letters of every case.
@Test func theRulesBreakAsICUDoes() async throws {
  let icu = try BreakIterator(.sentence, locale: "en@ss=standard")
  let exceptions = try #require(SentenceSplitter.exceptions).sorted {
    $0.lexicographicallyPrecedes($1)
  }
  let cut: [[UInt8]] = exceptions.compactMap { e in e.firstIndex(of: 0x2E).map { Array(e[...$0]) } }
  let others: [[UInt8]] = [
    "x", "No", "Ph", "D", "ok", ",", ";", ":", "-", "3.5", "a.b", "\u{AD}", "\u{2060}", "(", "'",
    "«", "»",
  ].map { Array($0.utf8) }
  var pieces = sentencePieces + others
  pieces += exceptions.prefix(40) + exceptions.suffix(40) + cut.suffix(40)
  let text = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...16)
  var answered = 0
  await propertyCheck(count: 6000, input: text) { picks in
    let content = picks.flatMap { pieces[$0] }
    guard let fast = SentenceSplitter.ruleBreaks(content) else { return }
    answered += 1
    let slow = content.withUnsafeBufferPointer { try? icu.boundaries($0) } ?? []
    #expect(
      fast == slow.filter { $0 > 0 && $0 < content.count },
      "\(String(decoding: content, as: UTF8.self).debugDescription)")
  }
  #expect(answered > 1000, "texts the rules answered: \(answered)")
}

/// `followsAbbreviation` refuses a word without a final dot before looking it up.
@Test func everyAbbreviationEndsInItsDot() {
  #expect(SentenceSplitter.abbreviations.allSatisfy { $0.hasSuffix(".") })
}

/// The rules conform to Unicode's `SentenceBreakTest.txt` (Debian's unicode-data: Unicode 15.0,
/// the version of ICU 72), before ICU's exception filter; the test skips if the file is absent.
@Test(
  .enabled(
    if: Fixtures.exists("/usr/share/unicode/auxiliary/SentenceBreakTest.txt"),
    "/usr/share/unicode/auxiliary/SentenceBreakTest.txt absent (apt-get install unicode-data)"))
func theRulesConformToUnicodesTest() throws {
  let checked = try #require(
    conformance(
      "SentenceBreakTest.txt",
      { bytes in SentenceSplitter.uaxBreaks(bytes).map { [0] + $0 + [bytes.count] } }))
  #expect(checked > 400, "sentence cases checked: \(checked)")
}
