@_spi(Stages) import BhashaKit
import BhashaTestSupport
import Foundation
import Testing

/// A document mixing Bengali and English sentences, lines and blank lines.
let translationSample = """
  ঢাকায় আজ ভারী বৃষ্টি হয়েছে। রাস্তায় পানি জমে গেছে।
  The city corporation said pumps were running all night.

    প্রধানমন্ত্রী বলেছেন, ক্ষতিগ্রস্তদের সাহায্য করা হবে।  Officials expect the water to recede by Friday.\r
  আবহাওয়া অফিস বলছে কাল থেকে রোদ উঠবে।
  21.9 C
  """

func split(_ text: String, in folder: URL, _ extra: [String]) throws -> RunResult {
  let input = folder.appendingPathComponent("news.txt")
  try Data(text.utf8).write(to: input)
  return try runBhasha(
    ["split", input.path, "-o", folder.appendingPathComponent("out").path] + extra)
}

/// `source` with each of `segments`, in order, replaced by `replacements` (greedy, left to right).
func replacing(_ source: [UInt8], _ segments: [[UInt8]], _ replacements: [[UInt8]]) -> [UInt8] {
  var out: [UInt8] = []
  var at = 0
  for (segment, replacement) in zip(segments, replacements) {
    guard
      let found = (at...(source.count - segment.count)).first(where: {
        Array(source[$0..<($0 + segment.count)]) == segment
      })
    else { return [] }
    out += source[at..<found] + replacement
    at = found + segment.count
  }
  return out + source[at...]
}

@Test func transliteratedBengaliStreamMergesIntoPlace() throws {
  for unit in ["line", "sentence"] {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(try split(translationSample, in: folder, ["--unit", unit]).status == 0)
    let out = folder.appendingPathComponent("out")
    let bn = try String(contentsOf: out.appendingPathComponent("news.bn.txt"), encoding: .utf8)
    let segments = bn.split(separator: "\n").map { String($0) }
    // The translation stand-in: ICU's Bengali-Latin transliteration, through the shim.
    let translit = try Transliterator("Bengali-Latin")
    let translated = try segments.map { try translit.transliterate($0) }
    #expect(
      translated.allSatisfy { !$0.unicodeScalars.contains { (0x0980...0x09FF).contains($0.value) } }
    )
    let translation = out.appendingPathComponent("news.bn.latn.txt")
    try Data(translated.joined(separator: "\n").utf8 + [0x0A]).write(to: translation)
    let merged = try runBhasha([
      "merge", out.appendingPathComponent("news.manifest.jsonl").path, "--bn", translation.path,
    ])
    #expect(merged.status == 0, "\(merged.stderr)")
    let expected = replacing(
      Array(translationSample.utf8), segments.map { Array($0.utf8) },
      translated.map { Array($0.utf8) })
    #expect(!expected.isEmpty)
    #expect(merged.stdout == expected, "\(unit)")
  }
}

@Test func shuffledJSONLStreamMergesByID() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  #expect(
    try split(translationSample, in: folder, ["--unit", "sentence", "--format", "jsonl"]).status
      == 0)
  let out = folder.appendingPathComponent("out")
  let lines = try String(contentsOf: out.appendingPathComponent("news.bn.jsonl"), encoding: .utf8)
    .split(separator: "\n")
  let translit = try Transliterator("Bengali-Latin")
  var originals: [[UInt8]] = []
  var translations: [[UInt8]] = []
  var records: [String] = []
  for line in lines {
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    let id = object?["id"] as? String ?? ""
    let text = object?["text"] as? String ?? ""
    let t = try translit.transliterate(text)
    originals.append(Array(text.utf8))
    translations.append(Array(t.utf8))
    records.append(#"{"id":"\#(id)","text":\#(JSONText.quote(t))}"#)
  }
  let translation = out.appendingPathComponent("translated.jsonl")
  try Data((records.reversed().joined(separator: "\n") + "\n").utf8).write(to: translation)
  let result = folder.appendingPathComponent("merged.txt")
  let merged = try runBhasha([
    "merge", out.appendingPathComponent("news.manifest.jsonl").path, "--bn", translation.path,
    "-o", result.path,
  ])
  #expect(merged.status == 0, "\(merged.stderr)")
  #expect(read(result) == replacing(Array(translationSample.utf8), originals, translations))
}

@Test(
  .enabled(if: Fixtures.shared("corpus-seeds") != nil, "../shared/corpus-seeds is absent"))
func seedsRoundTripByteForByte() throws {
  let seeds = try #require(Fixtures.shared("corpus-seeds"))
  let files = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter {
    $0.hasSuffix(".txt")
  }
  #expect(!files.isEmpty)
  for file in files {
    for unit in ["line", "sentence"] {
      for mixed in ["matrix", "spans"] {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = seeds.appendingPathComponent(file)
        let r = try runBhasha([
          "split", source.path, "-o", folder.path, "--unit", unit, "--mixed", mixed,
        ])
        #expect(r.status == 0)
        let name = String(file.dropLast(4))
        let merged = try runBhasha([
          "merge", folder.appendingPathComponent("\(name).manifest.jsonl").path,
        ])
        #expect(merged.status == 0)
        #expect(merged.stdout == read(source), "\(file) \(unit) \(mixed)")
      }
    }
  }
}

// MARK: - Errors

func splitSample(_ folder: URL, _ extra: [String] = []) throws -> URL {
  #expect(try split(translationSample, in: folder, extra).status == 0)
  return folder.appendingPathComponent("out/news.manifest.jsonl")
}

@Test func countMismatchNamesTheStreamAndBothCounts() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let manifest = try splitSample(folder)
  let short = folder.appendingPathComponent("short.txt")
  try Data("one line\n".utf8).write(to: short)
  let output = folder.appendingPathComponent("merged.txt")
  let r = try runBhasha(["merge", manifest.path, "--bn", short.path, "-o", output.path])
  #expect(r.status == 65)
  #expect(
    r.stderr
      // Lines 1 and 5, and the Bengali sentence of line 4 (--mixed spans cuts it off).
      == "bhasha: bn: 1 segment, but the manifest has 3 for this stream (one segment per line; check that the translator kept every line)\n"
  )
  #expect(!FileManager.default.fileExists(atPath: output.path))
}

@Test func unknownAndMissingIDsAreListed() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let manifest = try splitSample(folder, ["--format", "jsonl"])
  let extra = folder.appendingPathComponent("extra.jsonl")
  let stream = try String(
    contentsOf: folder.appendingPathComponent("out/news.bn.jsonl"), encoding: .utf8)
  try Data((stream + #"{"id":"news:99","text":"x"}"# + "\n").utf8).write(to: extra)
  let unknown = try runBhasha(["merge", manifest.path, "--bn", extra.path])
  #expect(unknown.status == 65)
  #expect(unknown.stderr == "bhasha: bn: ids not in the manifest: news:99\n")
  let missingFile = folder.appendingPathComponent("missing.jsonl")
  let first = stream.split(separator: "\n").first.map(String.init) ?? ""
  try Data((first + "\n").utf8).write(to: missingFile)
  let missing = try runBhasha(["merge", manifest.path, "--bn", missingFile.path])
  #expect(missing.status == 65)
  #expect(missing.stderr.hasPrefix("bhasha: bn: missing ids: news:"))
  // --fallback source keeps the original text where a translation is missing.
  let fallback = try runBhasha([
    "merge", manifest.path, "--bn", missingFile.path, "--fallback", "source",
  ])
  #expect(fallback.status == 0)
  #expect(fallback.stdout == Array(translationSample.utf8))
}

@Test func badManifestLineNamesItsNumber() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let manifest = try splitSample(folder)
  var lines = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n").map(
    String.init)
  lines[2] = "{not json"
  try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: manifest)
  let r = try runBhasha(["merge", manifest.path])
  #expect(r.status == 65)
  #expect(r.stderr == "bhasha: \(manifest.path):3: not a bhasha manifest line: invalid JSON\n")
  try Data("hello\n".utf8).write(to: manifest)
  let notManifest = try runBhasha(["merge", manifest.path])
  #expect(notManifest.status == 65)
}

@Test func streamsFromAnotherSplitAreRefused() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let manifest = try splitSample(folder, ["--format", "jsonl"])
  // Another document, split the same way: its JSONL stream carries other ids.
  let other = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: other) }
  let otherInput = other.appendingPathComponent("report.txt")
  try Data("আমি ভাত খাই।\nতুমি কী খাও?\nসে ঘুমায়।\n".utf8).write(to: otherInput)
  #expect(
    try runBhasha(["split", otherInput.path, "-o", other.path, "--format", "jsonl"]).status == 0)
  let r = try runBhasha([
    "merge", manifest.path, "--bn", other.appendingPathComponent("report.bn.jsonl").path,
  ])
  #expect(r.status == 65)
  #expect(r.stderr.contains("belongs to another split"))
  // A stream beside the manifest that was changed (or comes from another split) is refused too.
  let beside = folder.appendingPathComponent("out/news.en.jsonl")
  try Data(#"{"id":"news:2","lang":"en","text":"changed"}"#.utf8 + [0x0A]).write(to: beside)
  let changed = try runBhasha(["merge", manifest.path])
  #expect(changed.status == 65)
  #expect(changed.stderr.contains("checksum differs"))
}

@Test func routeSendsALanguageToItsOwnStreamAndStreamMergesIt() throws {
  let folder = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let text = "The match starts at six.\nmujhe nahi pata tha ki tum aaj aaoge\nami kal jabo\n"
  #expect(try split(text, in: folder, ["--route", "hi-Latn=hi-Latn"]).status == 0)
  let out = folder.appendingPathComponent("out")
  let hindi = try String(
    contentsOf: out.appendingPathComponent("news.hi-Latn.txt"), encoding: .utf8)
  #expect(hindi == "mujhe nahi pata tha ki tum aaj aaoge\n")
  // By default romanized Hindi goes to `other`; romanized Bengali to `bn`.
  let other = try Fixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: other) }
  #expect(try split(text, in: other, []).status == 0)
  let otherStream = other.appendingPathComponent("out/news.other.txt")
  #expect(try String(contentsOf: otherStream, encoding: .utf8).hasPrefix("mujhe nahi"))
  // `merge --stream CODE=FILE` puts a translation of that stream in place.
  let translation = folder.appendingPathComponent("hi.mt.txt")
  try Data("I did not know you would come today\n".utf8).write(to: translation)
  let manifest = out.appendingPathComponent("news.manifest.jsonl").path
  let merged = try runBhasha(["merge", manifest, "--stream", "hi-Latn=\(translation.path)"])
  #expect(merged.status == 0, "\(merged.stderr)")
  #expect(
    String(decoding: merged.stdout, as: UTF8.self)
      == "The match starts at six.\nI did not know you would come today\nami kal jabo\n")
  // Bad entries are usage errors naming the problem.
  let bad = try runBhasha(["merge", manifest, "--stream", "xx=\(translation.path)"])
  #expect(bad.status == 64)
  #expect(bad.stderr.contains("unknown stream 'xx'"))
  let badRoute = try split(text, in: folder, ["--route", "hi-Latn", "--force"])
  #expect(badRoute.status == 64)
  #expect(badRoute.stderr.contains("CODE=STREAM"))
  let missing = try runBhasha(["merge", manifest, "--stream", "as=\(translation.path)"])
  #expect(missing.status != 0)
  #expect(missing.stderr.contains("no as stream"))
}
