@_spi(Stages) import BhashaKit
import BhashaTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Test func statsOfCorporaMatchesGolden() throws {
  let files = [
    "english-article-bengali-page.txt", "bengali-article-english-chrome.txt",
    "code-mixed-social.txt", "crlf-bom.txt", "neutral-lines.txt",
  ]
  let json = try runBhasha(
    ["stats", "--format", "json"] + files, currentDirectory: Fixtures.corpora)
  #expect(json.status == 0)
  try assertGolden(json.stdoutText, named: "stats-corpora.expected.json")
  let table = try runBhasha(["stats", "--per-file"] + files, currentDirectory: Fixtures.corpora)
  try assertGolden(table.stdoutText, named: "stats-corpora.expected.txt")
  let csv = try runBhasha(["stats", "--format", "csv"] + files, currentDirectory: Fixtures.corpora)
  try assertGolden(csv.stdoutText, named: "stats-corpora.expected.csv")
  let md = try runBhasha(
    ["stats", "--format", "markdown"] + files, currentDirectory: Fixtures.corpora)
  try assertGolden(md.stdoutText, named: "stats-corpora.expected.md")
}

@Test func statsMergeSumsShardsExactly() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let a = "আমি ভাত খাই।\nI eat rice.\n"
  let b = "21.9 C\nআজকে meeting আছে\r\n"
  try Data(a.utf8).write(to: folder.appendingPathComponent("a.txt"))
  try Data(b.utf8).write(to: folder.appendingPathComponent("b.txt"))
  try Data((a + b).utf8).write(to: folder.appendingPathComponent("ab.txt"))
  let ra = try runBhasha(["stats", "--format", "json", "a.txt"], currentDirectory: folder)
  let rb = try runBhasha(["stats", "--format", "json", "b.txt"], currentDirectory: folder)
  try Data(ra.stdout).write(to: folder.appendingPathComponent("a.json"))
  try Data(rb.stdout).write(to: folder.appendingPathComponent("b.json"))
  let merged = try runBhasha(
    ["stats", "--merge", "--format", "json", "a.json", "b.json"], currentDirectory: folder)
  let whole = try runBhasha(["stats", "--format", "json", "ab.txt"], currentDirectory: folder)
  #expect(merged.status == 0)
  func part(_ r: RunResult) -> Substring {
    let text = r.stdoutText
    return text[..<(text.range(of: ",\"files\"")?.lowerBound ?? text.endIndex)]
  }
  #expect(part(merged) == part(whole))
  #expect(merged.stdoutText.contains("\"name\":\"a.txt\""))
  let bad = try runBhasha(["stats", "--merge", "a.txt"], currentDirectory: folder)
  #expect(bad.status == 65)
  #expect(bad.stderr.hasPrefix("bhasha: a.txt: not a bhasha stats JSON file"))
}

@Test func statsMergeRefusesReportsOfAnotherModelUnlessForced() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = folder.appendingPathComponent("a.txt")
  try Data("ami tomake onek miss kori\nআমি ভাত খাই।\n".utf8).write(to: input)
  let withModel = try runBhasha(["stats", "--format", "json", input.path])
  let scriptOnly = try runBhasha(["stats", "--format", "json", "--script-only", input.path])
  #expect(withModel.stdoutText.contains("\"bhasha\":\"\(BhashaKit.version)\",\"model\":\""))
  #expect(scriptOnly.stdoutText.contains("\"model\":\"script-only\""))
  let a = folder.appendingPathComponent("a.json")
  let b = folder.appendingPathComponent("b.json")
  try Data(withModel.stdout).write(to: a)
  try Data(scriptOnly.stdout).write(to: b)
  let refused = try runBhasha(["stats", "--merge", a.path, b.path])
  #expect(refused.status == 65)
  #expect(refused.stderr.contains("b.json: made with another model or settings"))
  #expect(refused.stderr.contains("--force"))
  let forced = try runBhasha(["stats", "--merge", "--force", "--format", "json", a.path, b.path])
  #expect(forced.status == 0)
  #expect(forced.stdoutText.contains("\"model\":\"mixed\""))
  let same = try runBhasha(["stats", "--merge", a.path, a.path])
  #expect(same.status == 0)
}

@Test func statsChartIsWellFormedSVGWithOneBarPerFile() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  // A name that needs escaping in XML.
  let odd = folder.appendingPathComponent("a&b<c>'.txt")
  try Data("আমি ভাত খাই। I eat rice.\nami bhat khai\n".utf8).write(to: odd)
  let plain = folder.appendingPathComponent("plain.txt")
  try Data("The city said pumps ran all night.\n".utf8).write(to: plain)
  let chart = folder.appendingPathComponent("chart.svg")
  for measure in ChartMeasure.allCases {
    // The second measure replaces the first one's chart.
    let r = try runBhasha([
      "stats", "--chart", chart.path, "--chart-by", measure.rawValue, odd.path, plain.path,
      "--force",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let svg = try String(contentsOf: chart, encoding: .utf8)
    let parser = XMLParser(data: Data(svg.utf8))
    #expect(parser.parse(), "\(measure): \(parser.parserError.map { "\($0)" } ?? "")")
    #expect(svg.contains("a&amp;b&lt;c&gt;&apos;.txt"))
    #expect(svg.contains("plain.txt</text>") && svg.contains(">all</text>"))
    #expect(svg.contains("Language composition by \(measure.rawValue)"))
    // A legend entry per label with content, with its count.
    for label in ["en", "bn", "bn-Latn"] { #expect(svg.contains(">\(label): "), "\(label)") }
  }
}
