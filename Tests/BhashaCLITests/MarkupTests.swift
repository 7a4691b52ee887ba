@_spi(Stages) import BhashaKit
import BhashaTestSupport
import Foundation
import Testing

/// A page written for the project: Bengali and English paragraphs, a menu of links, inline
/// styles, a script with `a < b`, a comment over two lines, character references.
private let page = Fixtures.root.appendingPathComponent(
  "Tests/BhashaCLITests/Fixtures/markup-page.html")

@Test func markupIsNeutralAndTextBetweenTagsIsClassified() throws {
  let r = try runBhasha(["classify", "--format", "tsv", page.path])
  #expect(r.status == 0)
  let labels = r.stdoutLines.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    .map { (Int($0[1]) ?? 0, String($0[2])) }
  let byLine = Dictionary(labels, uniquingKeysWith: { a, _ in a })
  // Head, style and script bodies, the comment: no language.
  for line in [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 17, 18, 24, 25] {
    #expect(byLine[line] == "neutral", "line \(line)")
  }
  #expect(byLine[19] == "bn")  // <div><span style="font-weight:bold">আমি ভালো আছি</span></div>
  #expect(byLine[20] == "bn")
  #expect(byLine[21] == "en")
  #expect(byLine[22] == "bn")  // <p>&nbsp;&amp; ঢাকা</p>
  #expect(byLine[23] == "en")
  // Read as plain text, the tags count as English letters.
  let plain = try runBhasha(["classify", "--format", "tsv", "--markup", "none", page.path])
  #expect(plain.stdoutLines[18].split(separator: "\t")[2] != "bn")
}

@Test(arguments: ["line", "sentence"])
func markupStaysInTheManifestAndMergesBackByteForByte(unit: String) throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let out = folder.appendingPathComponent("out")
  let split = try runBhasha(["split", page.path, "-o", out.path, "--unit", unit])
  #expect(split.status == 0, "\(split.stderr)")
  let bn = try String(
    contentsOf: out.appendingPathComponent("markup-page.bn.txt"), encoding: .utf8)
  let en = try String(
    contentsOf: out.appendingPathComponent("markup-page.en.txt"), encoding: .utf8)
  #expect(!bn.contains("<") && !en.contains("<") && !en.contains("track("))
  #expect(bn.contains("আমি ভালো আছি\n") && bn.contains("খেলা\n"))  // a Bengali menu link
  #expect(en.contains("The city corporation said pumps were running all night.\n"))
  // A translation of the Bengali stream goes back in place, tags untouched.
  let translated = bn.split(separator: "\n").map { _ in "[en]" }.joined(separator: "\n") + "\n"
  let translation = folder.appendingPathComponent("bn.en.txt")
  try Data(translated.utf8).write(to: translation)
  let manifest = out.appendingPathComponent("markup-page.manifest.jsonl").path
  let merged = try runBhasha(["merge", manifest, "--bn", translation.path])
  #expect(merged.status == 0)
  #expect(merged.stdoutText.contains(#"<div><span style="font-weight:bold">[en]</span></div>"#))
  let back = folder.appendingPathComponent("back.html")
  #expect(try runBhasha(["merge", manifest, "-o", back.path]).status == 0)
  #expect(FileManager.default.contentsEqual(atPath: page.path, andPath: back.path))
}

@Test func markupScannerCarriesStateAcrossLines() {
  var scanner = MarkupScanner()
  let lines = ["a <b", "c=\"x>y\">d", "<!-- e", "f --> g <script>", "if (a<b) {}", "</script> h"]
  let ranges = lines.map { scanner.markup(in: Array($0.utf8)) }
  #expect(ranges[0] == [2..<4])
  #expect(ranges[1] == [0..<8])  // the quoted '>' does not end the tag
  #expect(ranges[2] == [0..<6])
  #expect(ranges[3] == [0..<5, 8..<16])
  #expect(ranges[4] == [0..<11])
  #expect(ranges[5] == [0..<9])
  #expect(
    MarkupScanner.characterReferences(in: Array("&nbsp;x&#2453;&amp &#x9A4;".utf8), outside: [])
      == [0..<6, 7..<14, 19..<26])
}

@Test func markupWithNonASCIITextNeverBreaksSpans() {
  // Markup ranges are bytes, neutral units scalar indices: mixing them up crashed on "<p>😀</p>".
  let pieces = [
    "<p>", "</b>", "😀", "আমি", " ভাত খাই", "&amp;", "<a href=\"x\">", "I eat", "<!--", "-->", " ",
  ]
  let classifier = LineClassifier()
  var lines: [String] = ["<p>😀</p>", "<b>আমি</b> ভাত খাই"]
  var seed: UInt64 = 42
  for _ in 0..<300 {
    var line = ""
    for _ in 0..<8 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      line += pieces[Int(seed >> 33) % pieces.count]
    }
    lines.append(line)
  }
  var scanner = MarkupScanner()
  for line in lines {
    let bytes = Array(line.utf8)
    let analysis = classifier.classify(bytes, markup: scanner.markup(in: bytes))
    var at = 0
    for span in analysis.spans {
      #expect(span.start == at && span.end > span.start, "\(line)")
      at = span.end
    }
    #expect(at == bytes.count, "\(line)")
  }
  let b = classifier.classify(Array("<b>আমি</b> ভাত খাই".utf8), markup: [0..<3, 12..<16])
  #expect(b.label == .bn)
  #expect(b.spans.allSatisfy { $0.language != .en })
}
