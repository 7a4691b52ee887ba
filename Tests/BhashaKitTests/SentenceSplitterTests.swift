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
