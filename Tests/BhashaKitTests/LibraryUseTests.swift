// Only the public surface: no `@_spi(Stages)`, no `@testable`. What this file compiles against
// is what a library user sees.
import BhashaKit
import BhashaTestSupport
import Foundation
import Testing

// The README's "Library use" example, word for word (`readmeShowsThisExample` compares them).
// README example start
func readmeExample(path: String) throws -> [String] {
  let analyzer = try Analyzer()
  let analysis = analyzer.analyze("আমি আজ Dhaka যাব।")
  // analysis.label == .bn; the spans: bn, en (embedded: a name), bn
  var labels: [String] = []
  let stats = try StatsAccumulator()
  try analyzer.forEachLine(of: LineCursor(path: path)) { line, analysis in
    labels.append("\(line.number) \(analysis.label)")
    stats.add(line, analysis)
  }
  let bengaliBytes = stats.block.labels["bn"]?.bytes ?? 0
  return ["\(analysis.label)", "\(analysis.spans.map(\.language))"] + labels + ["\(bengaliBytes)"]
}
// README example end

@Test func readmeExampleRuns() throws {
  let path = try temporaryFile("I sing in English.\nআমি বাংলায় গান গাই।\n\n")
  defer { unlink(path) }
  #expect(
    try readmeExample(path: path) == [
      "bn", "[BhashaKit.Language.bn, BhashaKit.Language.en, BhashaKit.Language.bn]",
      "1 en", "2 bn", "3 neutral", "55",
    ])
}

@Test func readmeShowsThisExample() throws {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
  let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
  func between(_ text: String, _ start: String, _ end: String) -> String? {
    guard let a = text.range(of: start),
      let b = text.range(of: end, range: a.upperBound..<text.endIndex)
    else { return nil }
    return String(text[a.upperBound..<b.lowerBound])
  }
  let example = try #require(between(source, "// README example start\n", "// README example end"))
  let shown = try #require(
    between(
      readme, "<!-- example: Tests/BhashaKitTests/LibraryUseTests.swift -->\n```swift\n", "```"))
  #expect(shown == example)
}

/// A document split through the public surface alone: the streams and manifest of two lines.
@Test func splittingWithThePublicSurface() throws {
  let analyzer = try Analyzer()
  let splitter = try DocumentSplitter(
    name: "page", source: "page.txt", options: DocumentSplitter.Options(), analyzer: analyzer)
  var streams: [LineLabel: [UInt8]] = [:]
  for (k, text) in ["I sing in English.", "আমি বাংলায় গান গাই।"].enumerated() {
    let line = Line(number: k + 1, offset: 0, content: Array(text.utf8), terminator: .lf)
    for case .stream(let stream, let bytes) in splitter.add(line, analyzer.analyze(text)) {
      streams[stream, default: []] += bytes
    }
  }
  #expect(String(decoding: streams[.en] ?? [], as: UTF8.self) == "I sing in English.\n")
  #expect(String(decoding: streams[.bn] ?? [], as: UTF8.self) == "আমি বাংলায় গান গাই।\n")
  #expect(splitter.segmentCount(.en) == 1 && splitter.segmentCount(.bn) == 1)
}
