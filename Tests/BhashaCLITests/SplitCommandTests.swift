import BhashaTestSupport
import Foundation
import Testing

func read(_ url: URL) -> [UInt8] {
  (try? Data(contentsOf: url)).map(Array.init) ?? []
}

@Test func splitWritesOneStreamPerLabelWithOriginalBytes() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = Array("\u{FEFF}আমি ভাত খাই।\r\nI eat rice.\r\n\r\n21.9 C\rমৈ".utf8) + [0xFF]
  let inputURL = folder.appendingPathComponent("sample.txt")
  try Data(input).write(to: inputURL)
  let out = folder.appendingPathComponent("out/deeper")
  let r = try runBhasha(["split", inputURL.path, "-o", out.path])
  #expect(r.status == 0)
  #expect(r.stderr.contains("sample.txt: 5 lines → 3 segments (en 1, bn 1, neutral 1)"))
  // Segments keep their bytes and their line's terminator; blank lines stay in the manifest.
  // The byte-order mark stays in the manifest, never sent to translation.
  #expect(read(out.appendingPathComponent("sample.bn.txt")) == Array("আমি ভাত খাই।\r\n".utf8))
  #expect(
    String(decoding: read(out.appendingPathComponent("sample.manifest.jsonl")), as: UTF8.self)
      .contains(#"{"id":"sample:1","stream":"bn","index":0,"gap":"\ufeff"}"#))
  #expect(read(out.appendingPathComponent("sample.en.txt")) == Array("I eat rice.\r\n".utf8))
  #expect(read(out.appendingPathComponent("sample.neutral.txt")) == Array("21.9 C\r".utf8))
  #expect(
    !FileManager.default.fileExists(atPath: out.appendingPathComponent("sample.other.txt").path))
  // The line with invalid UTF-8 stays inline in the manifest.
  let manifest = String(
    decoding: read(out.appendingPathComponent("sample.manifest.jsonl")), as: UTF8.self)
  #expect(manifest.contains("\"raw_b64\":\"4KeI4KeI/w==\"") || manifest.contains("raw_b64"))
  let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
  #expect(!names.contains { $0.hasPrefix(".") })
  // And merge gives the input back.
  let merged = try runBhasha(["merge", out.appendingPathComponent("sample.manifest.jsonl").path])
  #expect(merged.status == 0)
  #expect(merged.stdout == input)
  #expect(merged.stderr.contains("byte for byte"))
}

@Test func splitSeparateMixedAndStreamSelection() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let text = "প্রধানমন্ত্রী বলেছেন। The economy grew 6% this year.\nI eat rice.\n"
  let r = try runBhasha(
    ["split", "-o", folder.path, "--mixed", "separate", "--streams", "mixed"],
    stdin: Array(text.utf8))
  #expect(r.status == 0)
  #expect(
    read(folder.appendingPathComponent("stdin.mixed.txt"))
      == Array("প্রধানমন্ত্রী বলেছেন। The economy grew 6% this year.\n".utf8))
  #expect(
    !FileManager.default.fileExists(atPath: folder.appendingPathComponent("stdin.en.txt").path))
  #expect(
    !FileManager.default.fileExists(atPath: folder.appendingPathComponent("stdin.en.txt").path))
}

@Test func splitRefusesToOverwriteWithoutForce() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let existing = folder.appendingPathComponent("stdin.manifest.jsonl")
  try Data("keep me\n".utf8).write(to: existing)
  let r = try runBhasha(["split", "-o", folder.path], stdin: Array("hello\n".utf8))
  #expect(r.status == 73)
  #expect(r.stderr.hasPrefix("bhasha: "))
  #expect(r.stderr.contains("exists already"))
  #expect(read(existing) == Array("keep me\n".utf8))
  let forced = try runBhasha(["split", "-o", folder.path, "--force"], stdin: Array("hello\n".utf8))
  #expect(forced.status == 0)
  #expect(read(existing) != Array("keep me\n".utf8))
  #expect(read(folder.appendingPathComponent("stdin.en.txt")) == Array("hello\n".utf8))
}

@Test func splitNeverWritesOverAnInput() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let input = folder.appendingPathComponent("a.en.txt")
  try Data("hello\n".utf8).write(to: input)
  // "a.en.txt" splits to "a.en.en.txt"; an input called "a.en" would write "a.en.txt".
  let trap = folder.appendingPathComponent("a.en")
  try Data("hello\n".utf8).write(to: trap)
  _ = input
  let r = try runBhasha(["split", trap.path, "-o", folder.path, "--force", "--streams", "en"])
  #expect(r.status == 0 || r.status == 73)
  let r2 = try runBhasha([
    "split", trap.path, input.path, "-o", folder.path, "--force",
  ])
  #expect(r2.status == 73)
  #expect(r2.stderr.contains("would overwrite an input"))
  #expect(read(input) == Array("hello\n".utf8))
}

@Test(
  .enabled(
    if: Fixtures.shared("corpus-seeds/news-page-moscow-airdefense.txt") != nil,
    "../shared/corpus-seeds/news-page-moscow-airdefense.txt is absent"))
func splitMoscowPageSendsEachPartToItsStream() throws {
  let page = try #require(Fixtures.shared("corpus-seeds/news-page-moscow-airdefense.txt"))
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let r = try runBhasha(["split", page.path, "-o", folder.path])
  #expect(r.status == 0)
  let source = try String(contentsOf: page, encoding: .utf8)
  func stream(_ label: String) -> [String] {
    let url = folder.appendingPathComponent("news-page-moscow-airdefense.\(label).txt")
    return (try? String(contentsOf: url, encoding: .utf8))?
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init) ?? []
  }
  let en = Set(stream("en"))
  let bn = Set(stream("bn"))
  let neutral = Set(stream("neutral"))
  for line in source.split(separator: "\n").map(String.init) {
    let latin = line.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
      .count
    let bengali = line.unicodeScalars.filter { (0x0980...0x09FF).contains($0.value) }.count
    if line == "21.9 C" {
      #expect(neutral.contains(line))
    } else if latin > 20 && bengali == 0 {
      #expect(en.contains(line), "English paragraph not in en: \(line.prefix(40))")
    } else if bengali > 0 && latin == 0 {
      #expect(bn.contains(line), "Bengali line not in bn: \(line.prefix(40))")
    }
  }
  let stats = try runBhasha(["stats", "--format", "json", page.path])
  let object = try JSONSerialization.jsonObject(with: Data(stats.stdout)) as? [String: Any]
  let labels = object?["labels"] as? [String: [String: Int]] ?? [:]
  #expect(labels.values.map { $0["bytes"] ?? 0 }.reduce(0, +) == 5727)
}

@Test func splitSpansCutsMixedLinesAtSwitches() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let text =
    "প্রধানমন্ত্রী Sheikh Hasina বলেছেন। The economy grew 6% this year.\r\n"
    + "আমি Facebook এ পোস্ট দিয়েছি\n21.9 C"
  let r = try runBhasha(["split", "-o", folder.path, "--mixed", "spans"], stdin: Array(text.utf8))
  #expect(r.status == 0)
  // The embedded name stays in its Bengali sentence; the English sentence is its own piece.
  #expect(
    read(folder.appendingPathComponent("stdin.bn.txt"))
      == Array("প্রধানমন্ত্রী Sheikh Hasina বলেছেন।\nআমি Facebook এ পোস্ট দিয়েছি\n".utf8))
  #expect(
    read(folder.appendingPathComponent("stdin.en.txt"))
      == Array("The economy grew 6% this year.\r\n".utf8))
  #expect(read(folder.appendingPathComponent("stdin.neutral.txt")) == Array("21.9 C".utf8))
}

@Test func defaultStreamsHoldOneLanguageEach() throws {
  // --mixed spans is the default: the Bengali sentence of a mixed line goes to Bengali
  // translation, the English one to English; an embedded name stays in its sentence.
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let text = "আমি বাংলায় গান গাই। I sing in English too.\nআমি Dhaka যাব।\n"
  let r = try runBhasha(["split", "-o", folder.path], stdin: Array(text.utf8))
  #expect(r.status == 0)
  #expect(
    read(folder.appendingPathComponent("stdin.bn.txt"))
      == Array("আমি বাংলায় গান গাই।\nআমি Dhaka যাব।\n".utf8))
  #expect(
    read(folder.appendingPathComponent("stdin.en.txt")) == Array("I sing in English too.\n".utf8))
  let merged = try runBhasha(["merge", folder.appendingPathComponent("stdin.manifest.jsonl").path])
  #expect(merged.stdout == Array(text.utf8))
}
