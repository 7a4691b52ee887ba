@_spi(Stages) import BhashaKit
import Foundation
import PropertyBased
import Testing

/// Splits `bytes` in memory: the manifest's lines and each stream file's bytes.
func splitInMemory(_ bytes: [UInt8], _ options: DocumentSplitter.Options) throws -> (
  manifest: [[UInt8]], streams: [LineLabel: [UInt8]], splitter: DocumentSplitter
) {
  let splitter = try DocumentSplitter(name: "doc", source: "doc.txt", options: options)
  var records: [[UInt8]] = []
  var streams: [LineLabel: [UInt8]] = [:]
  for line in try lines(of: bytes) {
    for output in splitter.add(line, classifier.classify(line.content)) {
      switch output {
      case .manifest(let r): records.append(r)
      case .stream(let s, let b): streams[s, default: []] += b
      }
    }
  }
  let (header, trailer) = splitter.finish()
  return ([header] + records + [trailer], streams, splitter)
}

/// Merges in memory, with `replace` giving translated stream bytes by stream.
func mergeInMemory(
  _ manifest: [[UInt8]], _ streams: [LineLabel: [UInt8]],
  replace: [LineLabel: (bytes: [UInt8], format: StreamFormat)] = [:]
) throws -> [UInt8] {
  let strip = { (r: [UInt8]) in Array(r.dropLast()) }  // the record's "\n"
  let header = try DocumentMerger.header(strip(manifest[0]), file: "m")
  var segments: [String: StreamSegments] = [:]
  for (code, _) in header.streams {
    guard let stream = LanguageCodes.stream(code) else { continue }
    if let r = replace[stream] {
      segments[code] = try DocumentMerger.segments(
        of: lines(of: r.bytes), format: r.format, file: code)
    } else {
      segments[code] = try DocumentMerger.segments(
        of: lines(of: streams[stream] ?? []), format: header.format, file: code)
    }
  }
  let entries = manifest.dropFirst().enumerated().map { k, r in
    Result { () throws(BhashaError) -> ManifestEntry in
      try DocumentMerger.entry(strip(r), file: "m", number: k + 2)
    }
  }
  var out: [UInt8] = []
  try DocumentMerger.merge(header: header, entries: entries, streams: segments) { out += $0 }
  return out
}

let roundTripPieces: [[UInt8]] = [
  Array("আমি ভাত খাই। ".utf8), Array("I eat rice. ".utf8), Array("Dr. Rahman said so. ".utf8),
  Array("আজকে meeting টা ".utf8), Array("21.9 C".utf8), Array("https://a.example/x ".utf8),
  [0x0A], [0x0D], [0x0D, 0x0A], [0xFF], [0xE0, 0xA6], [0x00], [0xEF, 0xBB, 0xBF], [0x20],
  [0x09], Array("  ".utf8), Array("।".utf8), Array("মৈ".utf8), Array("\u{2028}\"\\".utf8),
]

@Test func splitThenMergeGivesTheInputBack() async {
  let options = Gen.int(in: 0...23).map { k -> DocumentSplitter.Options in
    var options = DocumentSplitter.Options(
      unit: k % 2 == 0 ? .line : .sentence, mixed: MixedMode.allCases[(k / 2) % 3],
      format: (k / 6) % 2 == 0 ? .text : .jsonl)
    // Half the cases with tiny gap records, so blank runs become `{"gap":…}` records.
    if k >= 12 { options.maxGapBytes = 3 }
    return options
  }
  // Mostly short inputs, sometimes long lines.
  let bytes = Gen.int(in: 0...(roundTripPieces.count - 1)).array(of: 0...40).map {
    $0.flatMap { roundTripPieces[$0] }
  }
  await propertyCheck(count: 10_000, input: bytes, options) { input, options in
    let (manifest, streams, _) = try splitInMemory(input, options)
    #expect(try mergeInMemory(manifest, streams) == input)
  }
}

@Test func edgeCasesRoundTrip() throws {
  let cases: [[UInt8]] = [
    [], [0x0A], [0x0D], Array("no final newline".utf8), [0xEF, 0xBB, 0xBF] + Array("bom\n".utf8),
    Array(repeating: 0x61, count: 100_000) + [0x0A], [0x00, 0x0A, 0x00],
    Array(String(repeating: "আমি ভাত খাই। I eat rice. ", count: 2000).utf8),
  ]
  for input in cases {
    for unit in SegmentUnit.allCases {
      for mixed in MixedMode.allCases {
        let options = DocumentSplitter.Options(unit: unit, mixed: mixed)
        let (manifest, streams, _) = try splitInMemory(input, options)
        #expect(try mergeInMemory(manifest, streams) == input, "\(unit) \(mixed)")
      }
    }
  }
}

@Test func segmentsNeverCarryWhiteSpaceAndBlankLinesStayInTheManifest() throws {
  let input = Array("  আমি ভাত খাই।  I eat rice.  \n\n   \n21.9 C\n".utf8)
  let (manifest, streams, _) = try splitInMemory(input, .init(unit: .sentence))
  #expect(streams[.bn] == Array("আমি ভাত খাই।\n".utf8))
  #expect(streams[.en] == Array("I eat rice.\n".utf8))
  #expect(streams[.neutral] == Array("21.9 C\n".utf8))
  let text = manifest.map { String(decoding: $0, as: UTF8.self) }
  #expect(text[1].contains("\"gap\":\"  \""))
  #expect(text.last == "{\"end\":true,\"gap\":\"\\n\"}\n")
}

@Test func sentencesBreakAtTheDandaButNotAfterTitles() throws {
  let splitter = try SentenceSplitter()
  func cut(_ s: String) -> [String] {
    let b = Array(s.utf8)
    return splitter.sentences(in: b).map { String(decoding: b[$0], as: UTF8.self) }
  }
  #expect(cut("আমি ভাত খাই। তুমি কী খাও?") == ["আমি ভাত খাই। ", "তুমি কী খাও?"])
  #expect(cut("Dr. Rahman arrived. He spoke.") == ["Dr. Rahman arrived. ", "He spoke."])
  #expect(cut("লে. কর্নেল রহমান এলেন। তারপর সভা শুরু হলো।").count == 2)
  #expect(cut("মো. নাজিম উদ্দীন বলেন, ভালো।") == ["মো. নাজিম উদ্দীন বলেন, ভালো।"])
}

@Test func floresCodesNameFilesAndRecords() throws {
  let input = Array("আমি ভাত খাই।\nI eat rice.\n".utf8)
  let (manifest, streams, splitter) = try splitInMemory(
    input, .init(codes: .flores, format: .jsonl))
  #expect(splitter.fileName(.bn) == "doc.ben_Beng.jsonl")
  #expect(
    String(decoding: streams[.bn] ?? [], as: UTF8.self)
      == "{\"id\":\"doc:1\",\"lang\":\"ben_Beng\",\"text\":\"আমি ভাত খাই।\",\"split\":\"\(splitter.splitID)\"}\n"
  )
  #expect(try mergeInMemory(manifest, streams) == input)
}

@Test func sha256MatchesKnownDigests() {
  var empty = SHA256()
  empty.update([UInt8]())
  #expect(empty.hexDigest() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  var abc = SHA256()
  abc.update(Array("abc".utf8))
  #expect(abc.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  var long = SHA256()
  for _ in 0..<1000 { long.update(Array("a".utf8)) }
  #expect(long.hexDigest() == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
}

@Test func longWhiteSpaceRunsBecomeGapRecords() throws {
  var options = DocumentSplitter.Options()
  options.maxGapBytes = 4
  let input = Array("আমি ভাত খাই।\n\n\n\n\n\n\n\n\nI eat rice.\n".utf8)
  let (manifest, streams, _) = try splitInMemory(input, options)
  let records = manifest.map { String(decoding: $0, as: UTF8.self) }
  #expect(records.contains("{\"gap\":\"\\n\\n\\n\\n\"}\n"))
  #expect(try mergeInMemory(manifest, streams) == input)
}

@Test func sentenceUnitsKeepTheirOwnLabelInTheManifest() throws {
  // A romanized Bengali sentence goes to the bn stream; its record says bn-Latn, whether its
  // line is one sentence or several (the several-sentence path lost the label).
  for line in ["ami tomake onek miss kori", "ami tomake onek miss kori. kemon acho tumi?"] {
    let (manifest, streams, _) = try splitInMemory(Array("\(line)\n".utf8), .init(unit: .sentence))
    let records = manifest.dropFirst().dropLast().map { String(decoding: $0, as: UTF8.self) }
    #expect(!records.isEmpty)
    for record in records where record.contains("\"stream\":\"bn\"") {
      #expect(record.contains("\"lang\":\"bn-Latn\""), "\(line): \(record)")
    }
    #expect(streams[.bn] != nil, "\(line)")
  }
}

@Test func sentencePlansMatchClassifyingTheLineFirst() throws {
  // `SegmentPlanner.plan` (the workers' step for sentence units) does not classify a line of
  // several sentences whole: its pieces must be those of classifying it and then planning.
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpora")
  var lines = [
    "আমি বাংলায় গান গাই। I sing in English too.", "Hello there. This is \u{FFFD} odd. And more.",
    "  ami kal jabo. lekin tum kab aaoge?  ", "Dr. Rahman left. He said: ঠিক আছে।", "",
  ]
  for name in try FileManager.default.contentsOfDirectory(atPath: root.path)
  where name.hasSuffix(".txt") {
    let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
    lines += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }
  var contents = lines.map { Array($0.utf8) }
  contents.append(Array("One. Two \u{FF}".utf8.dropLast()) + [0xFF, 0x2E, 0x20, 0x54, 0x68, 0x72])
  for mixed in MixedMode.allCases {
    let options = DocumentSplitter.Options(unit: .sentence, mixed: mixed)
    let planner = try SegmentPlanner(options: options, classifier: classifier)
    let cache = ScoreCache()
    for (k, content) in contents.enumerated() {
      let line = Line(number: k + 1, offset: 0, content: content, terminator: .lf)
      let whole = classifier.classify(content)
      let (analysis, pieces) = planner.plan(line, markup: nil, cache: cache)
      #expect(
        pieces == planner.pieces(of: line, whole), "\(String(decoding: content, as: UTF8.self))")
      #expect(analysis.invalidBytes == whole.invalidBytes)
      #expect(analysis.firstInvalidOffset == whole.firstInvalidOffset)
      #expect(analysis.codepoints == whole.codepoints)
      // The spans tile the line.
      var at = 0
      for span in analysis.spans {
        #expect(span.start == at && span.end > span.start)
        at = span.end
      }
      #expect(at == content.count)
    }
  }
}
