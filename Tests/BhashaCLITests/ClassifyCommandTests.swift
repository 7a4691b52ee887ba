import BhashaTestSupport
import Foundation
import PropertyBased
import Testing

@Test func classifyCodeMixedCorpusMatchesGolden() throws {
  let r = try runBhasha(["classify", "code-mixed-social.txt"], currentDirectory: Fixtures.corpora)
  #expect(r.status == 0)
  #expect(r.stderr.isEmpty)
  try assertGolden(r.stdoutText, named: "classify-code-mixed-social.expected.jsonl")
}

@Test func classifyTSVKeepsCRLFAndBOMFileReadable() throws {
  let r = try runBhasha(
    ["classify", "--format", "tsv", "crlf-bom.txt"], currentDirectory: Fixtures.corpora)
  #expect(r.status == 0)
  try assertGolden(r.stdoutText, named: "classify-crlf-bom.expected.tsv")
}

@Test func classifyReadsStandardInput() throws {
  let r = try runBhasha(["classify"], stdin: Array("আমি ভাত খাই।\nI eat rice.\n\n21.9 C".utf8))
  #expect(r.status == 0)
  #expect(
    r.stdoutLines == [
      #"{"file":"stdin","line":1,"offset":0,"length":33,"label":"bn","matrix":"bn","lang":"bn","confidence":0.68,"reliable":true,"letters":{"Beng":9,"Latn":0},"spans":[{"start":0,"end":32,"label":"bn","lang":"bn","script":"Beng","confidence":0.75,"reliable":true,"embedded":false}]}"#,
      #"{"file":"stdin","line":2,"offset":33,"length":12,"label":"en","matrix":"en","lang":"en","confidence":0.89,"reliable":true,"letters":{"Beng":0,"Latn":8},"spans":[{"start":0,"end":11,"label":"en","lang":"en","script":"Latn","confidence":1,"reliable":true,"embedded":false}]}"#,
      #"{"file":"stdin","line":3,"offset":45,"length":1,"label":"neutral","matrix":null,"lang":null,"confidence":1,"reliable":true,"letters":{"Beng":0,"Latn":0},"spans":[]}"#,
      #"{"file":"stdin","line":4,"offset":46,"length":6,"label":"neutral","matrix":null,"lang":null,"confidence":1,"reliable":true,"letters":{"Beng":0,"Latn":0},"spans":[{"start":0,"end":6,"label":"neutral","lang":"neutral","script":"Zyyy","confidence":1,"reliable":true,"embedded":false}]}"#,
    ])
}

/// Splits `bytes` the way the tool does: LF, CRLF and lone CR end lines.
func expectedLineCount(_ bytes: [UInt8]) -> Int {
  var count = 0
  var i = 0
  var pending = false
  while i < bytes.count {
    let b = bytes[i]
    if b == 0x0A {
      count += 1
      pending = false
    } else if b == 0x0D {
      count += 1
      pending = false
      if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
    } else {
      pending = true
    }
    i += 1
  }
  return count + (pending ? 1 : 0)
}

@Test func classifyEmitsExactlyOneRecordPerLine() async {
  let pieces: [[UInt8]] = [
    Array("আমি".utf8), Array("the".utf8), [0x0A], [0x0D], [0x0D, 0x0A], [0xFF], [0x00], [0x20],
    Array("।".utf8), [0xE0, 0xA6],
  ]
  let gen = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...30).map { $0.flatMap { pieces[$0] } }
  await propertyCheck(count: 40, input: gen) { bytes in
    let r = try runBhasha(["classify", "--binary", "text"], stdin: bytes)
    #expect(r.status == 0)
    let records = r.stdoutLines
    #expect(records.count == expectedLineCount(bytes))
    let lengths = records.compactMap { record -> Int? in
      guard let data = record.data(using: .utf8),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
      else { return nil }
      return object["length"] as? Int
    }
    #expect(lengths.count == records.count)
    #expect(lengths.reduce(0, +) == bytes.count)
  }
}

@Test func classifyToClosedPipeExitsQuietly() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let big = folder.appendingPathComponent("big.txt")
  let line = "আমি Facebook এ পোস্ট দিয়েছি, The economy grew 6%.\n"
  try String(repeating: line, count: 60_000).write(to: big, atomically: true, encoding: .utf8)
  // Read a little of stdout, then close the pipe: the next write gets EPIPE.
  let bhasha = Process()
  bhasha.executableURL = bhashaExecutable
  bhasha.arguments = ["classify", big.path]
  let out = Pipe()
  let err = Pipe()
  bhasha.standardOutput = out
  bhasha.standardError = err
  try bhasha.run()
  _ = out.fileHandleForReading.readData(ofLength: 100)
  try out.fileHandleForReading.close()
  let stderr = err.fileHandleForReading.readDataToEndOfFile()
  bhasha.waitUntilExit()
  #expect(bhasha.terminationStatus == 0)
  #expect(stderr.isEmpty)
}

@Test func languagesRestrictTheAnswers() throws {
  let text = """
    Le gouvernement a annoncé de nouvelles mesures.
    ami tomake onek miss kori
    I will call you tomorrow after the meeting.
    মই আজি বজাৰলৈ যাম।
    আমি আজ Dhaka যাব।

    """
  func labels(_ extra: [String]) throws -> [String] {
    let r = try runBhasha(["classify", "--format", "tsv"] + extra, stdin: Array(text.utf8))
    #expect(r.status == 0, "\(extra): \(r.stderr)")
    return r.stdoutText.split(separator: "\n").map { String($0.split(separator: "\t")[2]) }
  }
  #expect(try labels([]) == ["other", "bn-Latn", "en", "as", "bn"])
  #expect(try labels(["--languages", "en,bn"]) == ["en", "en", "en", "bn", "bn"])
  // French and English do not fit romanized Bengali as its own text does: `other` (`und`).
  #expect(try labels(["--languages", "bn,bn-Latn"]) == ["other", "bn-Latn", "other", "bn", "bn"])
  // Nothing allowed fits: other.
  #expect(try labels(["--languages", "fr"]) == ["other", "other", "other", "other", "other"])
  // Unknown codes and the script-only rule are usage errors.
  let unknown = try runBhasha(["classify", "--languages", "en,xx"], stdin: Array(text.utf8))
  #expect(unknown.status == 64)
  #expect(unknown.stderr.contains("unknown language 'xx' in --languages"))
  let scriptOnly = try runBhasha(
    ["classify", "--script-only", "--languages", "en"], stdin: Array(text.utf8))
  #expect(scriptOnly.status == 64)
}

@Test func alternativesListTheNextLanguagesBehindTheSpans() throws {
  let text =
    "Le gouvernement a annoncé de nouvelles mesures.\nআমি ভাত খাই।\nami tomake onek miss kori\n"
  let r = try runBhasha(["classify", "--alternatives", "2"], stdin: Array(text.utf8))
  #expect(r.status == 0, "\(r.stderr)")
  let records = try r.stdoutLines.map {
    try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
  }
  #expect(records.count == 3)
  func alternatives(_ record: [String: Any]) -> [[String: Any]] {
    let spans = record["spans"] as? [[String: Any]] ?? []
    return spans.first { $0["label"] as? String != "neutral" }?["alternatives"] as? [[String: Any]]
      ?? []
  }
  // French: two other Latin-script languages, nearest first, never the span's own.
  let french = alternatives(records[0])
  #expect(french.count == 2)
  let behind = french.compactMap { $0["behind"] as? Double }
  #expect(behind.count == 2 && behind[0] <= behind[1] && behind[0] > 0)
  #expect(!french.contains { $0["lang"] as? String == "fr" })
  // Bengali: Assamese is the one alternative.
  #expect(alternatives(records[1]).map { $0["lang"] as? String } == ["as"])
  // Romanized Bengali: English first.
  #expect(alternatives(records[2]).first?["lang"] as? String == "en")
  // Without the option no record has the key.
  let plain = try runBhasha(["classify"], stdin: Array(text.utf8))
  #expect(!plain.stdoutText.contains("alternatives"))
  // Usage errors.
  for bad in [
    ["--alternatives", "9"], ["--alternatives", "1", "--format", "tsv"],
    ["--alternatives", "1", "--script-only"],
  ] {
    let e = try runBhasha(["classify"] + bad, stdin: Array(text.utf8))
    #expect(e.status == 64, "\(bad)")
    #expect(e.stderr.contains("--alternatives"), "\(bad)")
  }
}
