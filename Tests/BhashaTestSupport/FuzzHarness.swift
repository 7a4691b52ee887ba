@_spi(Stages) import BhashaKit
import Foundation

/// The invariant checks behind the fuzz harnesses (`Fuzz/`, `Scripts/fuzz.sh`) and the replay
/// of their reproducers (`FuzzRegressionTests`).
///
/// Each check takes any bytes and calls `fail` for every broken invariant; it never traps on
/// its own. The fuzzer passes a `fail` that traps, so libFuzzer saves the input; the tests
/// pass one that records an issue. A trap inside BhashaKit is a bug in BhashaKit.
///
///     FuzzHarness.run(.roundtrip, Array("\u{00}আমি ভাত খাই। I eat rice.\n".utf8)) { print($0) }
public enum FuzzHarness {
  /// The harnesses, by the name `BHASHA_FUZZ_TARGET` and the regression folders use.
  public enum Target: String, CaseIterable, Sendable {
    /// Line splitting under any chunking, and classification invariants per line.
    case classify
    /// `split` then `merge` gives the input back, for options taken from the first byte.
    case roundtrip
    /// Label bytes add up to the input; shards add up to the whole; reports render.
    case stats
    /// Any bytes as a manifest: parsing and merging throw or succeed.
    case manifest
    /// Any bytes as a stats report: decoding, merging and rendering throw or succeed.
    case report
  }

  /// Runs the harness `target` on `data`.
  public static func run(_ target: Target, _ data: [UInt8], fail: (String) -> Void) {
    switch target {
    case .classify: classify(data, fail: fail)
    case .roundtrip: roundtrip(data, fail: fail)
    case .stats: stats(data, fail: fail)
    case .manifest: manifest(data, fail: fail)
    case .report: report(data, fail: fail)
    }
  }

  // MARK: - classify

  /// Lines re-concatenate to the input for any chunking; spans tile each line's content; labels
  /// agree with the matrix language; results are deterministic and do not depend on the cache.
  public static func classify(_ data: [UInt8], fail: (String) -> Void) {
    guard let model = LanguageModel.bundled else {
      fail("the bundled language model did not load")
      return
    }
    guard let lines = checkedLines(data, fail: fail) else { return }
    let classifier = LineClassifier()
    let scriptOnly = LineClassifier(identifier: LanguageIdentifier(model: nil))
    let cache = ScoreCache(capacity: 64)
    var scanner = MarkupScanner()
    for line in lines {
      // As HTML too (--markup html): markup is bytes, units are scalar indices.
      let markup = scanner.markup(in: line.content)
      checkAnalysis(classifier.classify(line.content, markup: markup), line, fail: fail)
      let analysis = classifier.classify(line.content)
      checkAnalysis(analysis, line, fail: fail)
      checkAnalysis(scriptOnly.classify(line.content), line, fail: fail)
      if classifier.classify(line.content) != analysis {
        fail("line \(line.number): two classifications of the same bytes differ")
      }
      if classifier.classify(line.content, cache: cache) != analysis {
        fail("line \(line.number): the score cache changed the result")
      }
    }
    // The model scores any word (even invalid UTF-8) in every language, never NaN.
    for word in (lines.first?.content ?? []).split(separator: 0x20).prefix(8) {
      let scores = model.score(word: Array(word))
      if scores.count != model.codes.count || scores.contains(where: \.isNaN) {
        fail("model scores of \(Array(word)): \(scores.count) scores, NaN or wrong count")
      }
    }
  }

  /// Splits `data` whole, in data-derived chunks and byte by byte (short inputs), checks that
  /// all agree and tile the input, and returns the lines.
  static func checkedLines(_ data: [UInt8], fail: (String) -> Void) -> [Line]? {
    let whole: [Line]
    do {
      whole = try Self.lines(of: data)
    } catch {
      fail("LineSplitter threw \(error) with the default limit")
      return nil
    }
    var offset = 0
    for (k, line) in whole.enumerated() {
      if line.number != k + 1 || line.offset != offset {
        fail("line \(k + 1): number \(line.number), offset \(line.offset), expected \(offset)")
      }
      if line.terminator == .none && k + 1 != whole.count {
        fail("line \(k + 1): no terminator, but it is not the last line")
      }
      offset += line.byteCount
    }
    if whole.flatMap(\.bytes) != data { fail("lines do not re-concatenate to the input") }
    var cutSets = [cutPoints(data)]
    if data.count <= 512 { cutSets.append(Array(0...data.count)) }
    for cuts in cutSets {
      guard let chunked = try? lines(of: data, cuts: cuts) else {
        fail("LineSplitter threw when fed in chunks cut at \(cuts.prefix(8))")
        continue
      }
      if chunked != whole { fail("chunks cut at \(cuts.prefix(8)) give other lines") }
    }
    // A limit throws exactly when a line's content is longer.
    let limit = 1 + Int(data.last ?? 0) % 64
    let longest = whole.map(\.content.count).max() ?? 0
    do {
      _ = try lines(of: data, cuts: cutPoints(data), maxLineBytes: limit)
      if longest > limit { fail("a \(longest)-byte line passed a limit of \(limit)") }
    } catch {
      if longest <= limit { fail("limit \(limit) refused lines of at most \(longest) bytes") }
    }
    return whole
  }

  static func checkAnalysis(_ a: LineAnalysis, _ line: Line, fail: (String) -> Void) {
    let n = line.content.count
    let at = "line \(line.number)"
    if n == 0 && !a.spans.isEmpty { fail("\(at): spans for an empty line") }
    var end = 0
    for (k, span) in a.spans.enumerated() {
      if span.start != end || span.end <= span.start || span.end > n {
        fail("\(at): span \(k) is \(span.start)..<\(span.end) after \(end) (content \(n))")
        return
      }
      end = span.end
      if !(0...1).contains(span.confidence) {
        fail("\(at): span \(k) confidence \(span.confidence)")
      }
      if span.letters < 0 || span.words < 0 || span.codepoints < 0 || span.invalidBytes < 0 {
        fail("\(at): span \(k) has a negative count")
      }
      if span.language == .neutral && span.embedded { fail("\(at): embedded neutral span \(k)") }
    }
    if n > 0 && end != n { fail("\(at): spans end at \(end), content has \(n) bytes") }
    if a.spans.reduce(0, { $0 + $1.codepoints }) != a.codepoints {
      fail("\(at): span code points do not add up to \(a.codepoints)")
    }
    if a.spans.reduce(0, { $0 + $1.invalidBytes }) != a.invalidBytes {
      fail("\(at): span invalid bytes do not add up to \(a.invalidBytes)")
    }
    let firstInvalid = a.firstInvalidOffset
    if (a.invalidBytes > 0) != (firstInvalid != nil)
      || (firstInvalid.map { !(0..<n).contains($0) } ?? false)
    {
      fail("\(at): \(a.invalidBytes) invalid bytes, first at \(String(describing: firstInvalid))")
    }
    if a.codepoints > n || a.invalidBytes > n { fail("\(at): more code points than bytes") }
    switch (a.label, a.matrix) {
    case (.neutral, nil), (.mixed, _?): break
    case (let label, let matrix?) where label == LineLabel(matrix): break
    default: fail("\(at): label \(a.label) with matrix \(String(describing: a.matrix))")
    }
    if !(0...1).contains(a.confidence) { fail("\(at): confidence \(a.confidence)") }
    if a.letters.count < 2 || a.letters[0].script != .bengali || a.letters[1].script != .latin
      || a.letters.contains(where: { $0.count < 0 })
    {
      fail("\(at): letters \(a.letters) do not start with Beng and Latn")
    }
  }

  // MARK: - roundtrip

  /// Options from one byte: unit, mixed mode (and codes), format, romanized and Assamese
  /// routing (and left-out streams).
  public static func options(_ byte: UInt8) -> DocumentSplitter.Options {
    let k = Int(byte)
    let mixed = (k >> 1) & 3
    let romanized = (k >> 4) & 3
    let assamese = (k >> 6) & 3
    var streams = Set(LineLabel.allCases)
    if romanized == 3 { streams.remove(.neutral) }
    if assamese == 3 { streams.remove(.bn) }
    return DocumentSplitter.Options(
      unit: k & 1 == 0 ? .line : .sentence, mixed: MixedMode.allCases[mixed % 3],
      romanized: RomanizedMode.allCases[romanized % 3],
      assamese: AssameseMode.allCases[assamese % 3], codes: mixed == 3 ? .flores : .bcp47,
      format: (k >> 3) & 1 == 0 ? .text : .jsonl, streams: streams)
  }

  /// The first byte chooses the options; the rest is split, merged back, and must come back
  /// byte for byte. The header's size, checksums and counts must match what was written.
  public static func roundtrip(_ data: [UInt8], fail: (String) -> Void) {
    guard let first = data.first else { return }
    let input = Array(data.dropFirst())
    var options = Self.options(first)
    // Small gap records, so runs of white space reach the `{"gap":…}` records.
    options.maxGapBytes = 2 + input.count % 61
    let describe =
      "\(options.unit) \(options.mixed) \(options.format) \(options.codes) gap \(options.maxGapBytes)"
    do {
      let (manifest, streams) = try splitInMemory(input, options)
      let output = try mergeInMemory(manifest, streams)
      if output != input {
        fail("\(describe): merge gave \(output.count) bytes, not the \(input.count) split")
      }
      let header = try DocumentMerger.header(Array(manifest[0].dropLast()), file: "doc")
      if header.bytes != input.count { fail("\(describe): header bytes \(header.bytes)") }
      if header.sha256 != sha256(input) { fail("\(describe): header sha256 differs") }
      for (label, bytes) in streams {
        let code = options.codes.code(label)
        guard let info = header.streams[code] else {
          fail("\(describe): stream \(code) was written but is not in the header")
          continue
        }
        if info.sha256 != sha256(bytes) { fail("\(describe): \(code) sha256 differs") }
        let segments = try lines(of: bytes)
        if segments.count != info.segments {
          fail("\(describe): \(code) has \(segments.count) lines, header \(info.segments)")
        }
        for segment in segments where options.format == .text {
          let c = segment.content
          if c.isEmpty || [0x20, 0x09].contains(c.first) || [0x20, 0x09].contains(c.last) {
            fail("\(describe): \(code) segment \(segment.number) is empty or padded: \(c)")
          }
        }
      }
    } catch {
      fail("\(describe): split or merge threw \(error)")
    }
  }

  /// Splits `input` in memory: the manifest's records (header first, newline included) and
  /// each stream's bytes. The glue to `DocumentSplitter`.
  static func splitInMemory(_ input: [UInt8], _ options: DocumentSplitter.Options) throws -> (
    manifest: [[UInt8]], streams: [LineLabel: [UInt8]]
  ) {
    let splitter = try DocumentSplitter(name: "doc", source: "doc.txt", options: options)
    let classifier = LineClassifier()
    var records: [[UInt8]] = []
    var streams: [LineLabel: [UInt8]] = [:]
    for line in try lines(of: input) {
      for output in splitter.add(line, classifier.classify(line.content)) {
        switch output {
        case .manifest(let record): records.append(record)
        case .stream(let stream, let bytes): streams[stream, default: []] += bytes
        }
      }
    }
    let (header, trailer) = splitter.finish()
    return ([header] + records + [trailer], streams)
  }

  /// Merges a manifest and its streams in memory. The glue to `DocumentMerger`.
  static func mergeInMemory(_ manifest: [[UInt8]], _ streams: [LineLabel: [UInt8]]) throws
    -> [UInt8]
  {
    let strip = { (record: [UInt8]) in Array(record.dropLast()) }  // the record's "\n"
    let header = try DocumentMerger.header(strip(manifest[0]), file: "doc")
    var segments: [String: StreamSegments] = [:]
    for code in header.streams.keys {
      guard let stream = LanguageCodes.stream(code) else { continue }
      segments[code] = try DocumentMerger.segments(
        of: lines(of: streams[stream] ?? []), format: header.format, file: code)
    }
    let entries = manifest.dropFirst().enumerated().map { k, record in
      Result { () throws(BhashaError) -> ManifestEntry in
        try DocumentMerger.entry(strip(record), file: "doc", number: k + 2)
      }
    }
    var out: [UInt8] = []
    try DocumentMerger.merge(header: header, entries: entries, streams: segments) { out += $0 }
    return out
  }

  // MARK: - stats

  /// Label bytes add up to the input and the totals to the labels; two shards cut at a line
  /// boundary add up to the whole; the JSON report decodes to itself; every format renders.
  public static func stats(_ data: [UInt8], fail: (String) -> Void) {
    do {
      let lines = try Self.lines(of: data)
      let classifier = LineClassifier()
      let measurer = try TextMeasurer()
      let analyses = lines.map { classifier.classify($0.content) }
      func block(_ range: Range<Int>) throws -> StatsBlock {
        let accumulator = try StatsAccumulator(measurer: measurer)
        for k in range { accumulator.add(lines[k], analyses[k]) }
        return accumulator.block
      }
      let whole = try block(0..<lines.count)
      let total = whole.total
      if total.bytes != data.count { fail("total bytes \(total.bytes), input \(data.count)") }
      if total.lines != lines.count { fail("total lines \(total.lines), input \(lines.count)") }
      if total.invalidBytes != analyses.reduce(0, { $0 + $1.invalidBytes }) {
        fail("total invalid bytes \(total.invalidBytes) differ from the lines'")
      }
      var sum = StatsCounts()
      for counts in whole.labels.values { sum += counts }
      if sum != total { fail("labels add up to \(sum), total is \(total)") }
      if let bad = whole.labels.first(where: { $0.value.inconsistency != nil }) {
        fail("label \(bad.key): \(bad.value.inconsistency ?? "")")
      }
      let cut = lines.isEmpty ? 0 : Int(data[0]) % (lines.count + 1)
      var left = StatsReport()
      left.add(file: "left", try block(0..<cut))
      var right = StatsReport()
      right.add(file: "right", try block(cut..<lines.count))
      let merged = try StatsReport.merge([left, right])
      if merged.all != whole { fail("shards cut at line \(cut) add up to another block") }
      try checkReport(merged, fail: fail)
    } catch {
      fail("stats threw \(error)")
    }
  }

  /// The report's JSON decodes to the report, and every format renders.
  static func checkReport(_ report: StatsReport, fail: (String) -> Void) throws {
    let decoded = try StatsReport.decode(Array(report.json().utf8), file: "report.json")
    if decoded != report { fail("the JSON report does not decode to itself") }
    for format in StatsFormat.allCases {
      for perFile in [false, true] where report.rendered(format, perFile: perFile).isEmpty {
        fail("\(format) rendering is empty")
      }
    }
  }

  // MARK: - manifest

  /// Any bytes as a manifest (first line the header, if it parses, else a fixed header for
  /// the lines as records): parsing, reading streams and merging throw or succeed.
  public static func manifest(_ data: [UInt8], fail: (String) -> Void) {
    guard let lines = try? Self.lines(of: data) else { return }
    // Manifests all start with "{": the length varies with every mutation instead.
    let selector = UInt8(truncatingIfNeeded: data.count)
    let parsed = lines.first.flatMap { try? DocumentMerger.header($0.content, file: "m") }
    let fallback = selector & 1 == 0 ? textHeader : jsonlHeader
    guard let header = parsed ?? (try? DocumentMerger.header(Array(fallback.utf8), file: "m"))
    else {
      fail("the fixed manifest header does not parse")
      return
    }
    let records = parsed == nil ? lines[...] : lines.dropFirst()
    let entries = records.enumerated().map { k, line in
      Result { () throws(BhashaError) -> ManifestEntry in
        try DocumentMerger.entry(line.content, file: "m", number: k + 2)
      }
    }
    // The same lines as a stream file, in both formats.
    for format in StreamFormat.allCases {
      _ = try? DocumentMerger.segments(of: lines, format: format, file: "s")
    }
    mergeForManifest(header, entries, selector: selector)
  }

  /// Merges with small in-memory streams shaped by the header, as `selector` says: empty
  /// translations, text-like streams for a JSONL manifest, originals for the fallback, and
  /// (a quarter of the time each, as they end the merge early) a stream left out or a segment
  /// too many. The glue to `DocumentMerger.merge`; errors are expected.
  static func mergeForManifest(
    _ header: ManifestHeader, _ entries: [Result<ManifestEntry, BhashaError>], selector: UInt8
  ) {
    var streams: [String: StreamSegments] = [:]
    var originals: [String: StreamSegments] = [:]
    for (code, info) in header.streams.sorted(by: { $0.key < $1.key }) {
      let n = min(max(info.segments, 0), 64) + (selector & 0xC0 == 0xC0 ? 1 : 0)
      let texts = (0..<n).map { Array("s\($0)".utf8) }
      let segments: StreamSegments
      if header.format == .text || selector & 4 != 0 {
        segments = .positional(selector & 2 != 0 ? texts.map { _ in [] } : texts)
      } else {
        let ids = (0..<n).map { "\(header.name):\($0 + 1)" }
        segments = .keyed(Dictionary(zip(ids, texts), uniquingKeysWith: { a, _ in a }), split: nil)
      }
      streams[code] = segments
      if selector & 8 != 0 { originals[code] = segments }
    }
    if selector & 0x30 == 0x30, let code = streams.keys.sorted().first { streams[code] = nil }
    _ = try? DocumentMerger.merge(
      header: header, entries: entries, streams: streams, originals: originals
    ) { _ in }
  }

  static let textHeader = """
    {"bhasha_manifest":1,"source":"doc.txt","name":"doc","bytes":0,"sha256":"","unit":"line",\
    "mixed":"matrix","codes":"bcp47","format":"text","split":"0123456789abcdef","streams":{\
    "en":{"file":"doc.en.txt","segments":2,"sha256":""},\
    "bn":{"file":"doc.bn.txt","segments":1,"sha256":""}}}
    """
  static let jsonlHeader = """
    {"bhasha_manifest":1,"source":"doc.txt","name":"doc","bytes":0,"sha256":"","unit":"sentence",\
    "mixed":"spans","codes":"flores","format":"jsonl","split":"0123456789abcdef","streams":{\
    "eng_Latn":{"file":"doc.eng_Latn.jsonl","segments":2,"sha256":""},\
    "ben_Beng":{"file":"doc.ben_Beng.jsonl","segments":1,"sha256":""}}}
    """

  // MARK: - report

  /// Any bytes as a stats report: decoding, merging and rendering throw or succeed; a decoded
  /// report merged alone is itself, and its JSON decodes to it.
  public static func report(_ data: [UInt8], fail: (String) -> Void) {
    guard let report = try? StatsReport.decode(data, file: "r.json") else { return }
    do {
      if try StatsReport.merge([report]) != report { fail("a report merged alone changed") }
      try checkReport(report, fail: fail)
    } catch {
      fail("a decoded report failed to merge alone or to decode its own JSON: \(error)")
    }
    if let doubled = try? StatsReport.merge([report, report]) {
      for format in StatsFormat.allCases {
        _ = doubled.rendered(format, perFile: true)
      }
    }
  }

  // MARK: - Helpers

  /// Lines of `bytes`, fed to a ``LineSplitter`` in chunks ending at `cuts`.
  public static func lines(
    of bytes: [UInt8], cuts: [Int] = [], maxLineBytes: Int = LineSplitter.defaultMaxLineBytes
  ) throws(BhashaError) -> [Line] {
    var splitter = LineSplitter(maxLineBytes: maxLineBytes)
    var result: [Line] = []
    var start = 0
    for cut in cuts.sorted() where cut >= start && cut <= bytes.count {
      result += try splitter.push(bytes[start..<cut])
      start = cut
    }
    result += try splitter.push(bytes[start...])
    if let last = splitter.finish() { result.append(last) }
    return result
  }

  /// A few cut points taken from the data, so the fuzzer steers them (inside a CRLF, inside a
  /// UTF-8 sequence…).
  static func cutPoints(_ data: [UInt8]) -> [Int] {
    guard !data.isEmpty else { return [] }
    let n = data.count
    return [
      Int(data[0]) % (n + 1), Int(data[n / 2]) * 7 % (n + 1), n - Int(data[n - 1]) % (n + 1),
    ]
  }

  static func sha256(_ bytes: [UInt8]) -> String {
    var hash = SHA256()
    hash.update(bytes)
    return hash.hexDigest()
  }
}
