import Foundation

/// Cuts a document into segments for translation and writes the manifest that puts them back.
///
/// For each line (or sentence, with ``SegmentUnit/sentence``) it emits the bytes to append to
/// each stream file and one manifest record per segment. A segment never starts or ends with
/// white space: leading and trailing white space, line terminators, blank and white-space-only
/// lines are *gaps*, kept in the manifest. Segments with invalid UTF-8, and segments of streams
/// left out with `--streams`, are kept inline in the manifest, never sent to a stream. So the
/// manifest and the streams rebuild the document byte for byte (``DocumentMerger``).
///
/// Manifest (JSON Lines): a header, then records in document order:
///
///     {"bhasha_manifest":1,"source":"news.txt","name":"news","bytes":5727,"sha256":"…",
///      "unit":"line","mixed":"spans","codes":"bcp47","format":"text","split":"3f2a…",
///      "streams":{"bn":{"file":"news.bn.txt","segments":19,"sha256":"…"},…}}
///     {"id":"news:1","stream":"neutral","index":0,"gap":""}
///     {"id":"news:2","stream":"en","index":0,"gap":"\n"}
///     {"id":"news:9","raw_b64":"/w==","gap":"\n"}
///     {"end":true,"gap":"\n"}
///
/// `gap` is the bytes before the segment; `index` its position in its stream. A run of white
/// space longer than ``maxGapBytes`` (thousands of blank lines) is cut into records of just
/// `{"gap":…}` at line ends. Not thread-safe.
public final class DocumentSplitter {
  public struct Options: Sendable {
    public var unit: SegmentUnit
    public var mixed: MixedMode
    /// Streams per language that differ from the table's (``Router/routes``).
    public var routes: [Language: LineLabel]
    public var codes: LanguageCodes
    public var format: StreamFormat
    /// Streams written to files; segments of the others stay inline in the manifest.
    public var streams: Set<LineLabel>
    /// The model the split was made with (``BhashaKit/modelID(scriptOnly:)``), for the header's
    /// `"model"`; nil leaves it out.
    public var model: String?
    /// The most white space one manifest record holds (``DocumentSplitter/maxGapBytes``;
    /// smaller in tests and fuzzing, to reach gap records with small inputs).
    public var maxGapBytes: Int = DocumentSplitter.maxGapBytes
    /// HTML input (`--markup html`): markup (``LineAnalysis/markup``) stays in the manifest,
    /// so streams hold only the text between tags.
    public var markup = false

    public init(
      unit: SegmentUnit = .line, mixed: MixedMode = .spans, romanized: RomanizedMode? = nil,
      assamese: AssameseMode? = nil, routes: [Language: LineLabel] = [:],
      codes: LanguageCodes = .bcp47, format: StreamFormat = .text,
      streams: Set<LineLabel> = Set(LineLabel.allCases)
    ) {
      self.unit = unit
      self.mixed = mixed
      self.routes =
        Router(mixed: mixed, romanized: romanized, assamese: assamese, routes: routes).routes
      self.codes = codes
      self.format = format
      self.streams = streams
    }
  }

  /// What to write.
  public enum Output: Equatable {
    /// Bytes to append to a stream's file.
    case stream(LineLabel, [UInt8])
    /// One manifest record (a JSON line, newline included).
    case manifest([UInt8])
  }

  public let name: String
  public let source: String
  public let options: Options
  private let planner: SegmentPlanner
  // The stored properties opt out of run-time exclusivity checks, which cost seven per piece
  // (about 1.5 % of `split --unit sentence`). A splitter is not thread-safe, and none of its
  // methods calls back into it, so no two accesses can overlap.
  @exclusivity(unchecked) private var gap: [UInt8] = []
  @exclusivity(unchecked) private var ordinal = 0
  /// `"NAME:` as a JSON string so far (ids are NAME:ORDINAL; neither `:` nor digits are
  /// escaped), and the current id as a JSON string, reused from piece to piece.
  private let idPrefix: [UInt8]
  @exclusivity(unchecked) private var quotedID: [UInt8] = []
  @exclusivity(unchecked) private var counts: [LineLabel: Int] = [:]
  @exclusivity(unchecked) private var streamHashes: [LineLabel: SHA256] = [:]
  @exclusivity(unchecked) private var sourceHash = SHA256()
  @exclusivity(unchecked) private var sourceBytes = 0

  /// A splitter whose sentence units are classified as `analyzer` classifies lines.
  ///
  /// - Parameters:
  ///   - name: NAME in file names and ids (`news` for `news.txt`).
  ///   - source: the input's name for the header.
  /// - Throws: ``ICUError`` if ICU has no sentence iterator (sentence unit only).
  public convenience init(
    name: String, source: String, options: Options, analyzer: Analyzer
  ) throws(ICUError) {
    try self.init(name: name, source: source, options: options, classifier: analyzer.classifier)
  }

  /// - Parameters:
  ///   - name: NAME in file names and ids (`news` for `news.txt`).
  ///   - source: the input's name for the header.
  /// - Throws: ``ICUError`` if ICU has no sentence iterator (sentence unit only).
  @_spi(Stages) public init(
    name: String, source: String, options: Options, classifier: LineClassifier = LineClassifier()
  ) throws(ICUError) {
    self.name = name
    self.source = source
    self.options = options
    self.splitID = Self.splitID(name: name, options: options)
    self.planner = try SegmentPlanner(options: options, classifier: classifier)
    var prefix: [UInt8] = []
    JSONText.appendQuoted(name + ":", to: &prefix)
    prefix.removeLast()  // the closing quote
    idPrefix = prefix
  }

  /// The stream file name for `stream`: `NAME.bn.txt`, `NAME.ben_Beng.jsonl`.
  public func fileName(_ stream: LineLabel) -> String {
    "\(name).\(options.codes.code(stream)).\(options.format.fileExtension)"
  }

  /// The manifest's file name: `NAME.manifest.jsonl`.
  public var manifestName: String { "\(name).manifest.jsonl" }

  /// Adds a line (with its analysis) and returns what to write, in order.
  public func add(_ line: Line, _ analysis: LineAnalysis) -> [Output] {
    add(line, pieces: planner.pieces(of: line, analysis))
  }

  /// Adds a line whose pieces were planned already (by a ``SegmentPlanner`` on a worker
  /// thread: sentence units are cut and classified there, not here) and returns what to
  /// write, in order.
  @_spi(Stages) public func add(_ line: Line, pieces: [RoutedPiece]) -> [Output] {
    sourceHash.update(line.content)
    sourceHash.update(line.terminator.bytes)
    sourceBytes += line.byteCount
    var out: [Output] = []
    // Trim white space into gaps; find the last real segment of the line.
    let trimmed = pieces.map { ($0.stream, Self.trim(line.content, $0.range), $0.label) }
    let lastSegment = trimmed.lastIndex { !$0.1.isEmpty }
    var at = 0
    for (k, (stream, range, label)) in trimmed.enumerated() where !range.isEmpty {
      gap += line.content[at..<range.lowerBound]
      at = range.upperBound
      let bytes = Array(line.content[range])
      ordinal += 1
      quotedID.removeAll(keepingCapacity: true)
      quotedID += idPrefix
      JSONText.appendDecimal(ordinal, to: &quotedID)
      quotedID.append(0x22)
      let id = quotedID
      if !options.streams.contains(stream) || !Self.isValidUTF8(bytes) {
        out.append(.manifest(Self.inlineRecord(id: id, stream: stream, bytes: bytes, gap: gap)))
      } else {
        let index = counts[stream, default: 0]
        counts[stream] = index + 1
        out.append(
          .manifest(
            Self.segmentRecord(
              id: id, stream: options.codes.code(stream), index: index, gap: gap,
              label: label == stream || label == .mixed ? nil : options.codes.code(label))))
        let endsLine = k == lastSegment
        let record = streamRecord(id: id, stream: stream, bytes: bytes, endsLine: endsLine, line)
        streamHashes[stream, default: SHA256()].update(record)
        out.append(.stream(stream, record))
      }
      gap.removeAll(keepingCapacity: true)
    }
    gap += line.content[at...]
    gap += line.terminator.bytes
    // A long run of blank lines becomes several gap records, never one giant string.
    if gap.count >= max(1, options.maxGapBytes) {
      var record: [UInt8] = [0x7B]
      Self.appendGapField(gap, to: &record)
      record += "}\n".utf8
      out.append(.manifest(record))
      gap.removeAll(keepingCapacity: true)
    }
    return out
  }

  /// The most white space one manifest record holds (more goes to `{"gap":…}` records of its
  /// own), so memory and manifest lines stay small whatever the input.
  public static let maxGapBytes = 64 << 10

  /// The trailer record (bytes after the last segment) and the header, once the input ended.
  ///
  /// - Parameter fileNames: the file the header names for a stream, where it is not
  ///   ``fileName(_:)`` (a commit names the streams' second names first).
  public func finish(fileNames: [LineLabel: String] = [:]) -> (header: [UInt8], trailer: [UInt8]) {
    var trailer = Array("{\"end\":true,".utf8)
    Self.appendGapField(gap, to: &trailer)
    trailer += "}\n".utf8
    let sha = sourceHash.hexDigest()
    var header =
      "{\"bhasha_manifest\":1,\"bhasha\":\(JSONText.quote(BhashaKit.version)),"
    if let model = options.model { header += "\"model\":\(JSONText.quote(model))," }
    header +=
      "\"source\":\(JSONText.quote(source)),\"name\":\(JSONText.quote(name)),"
    header +=
      "\"bytes\":\(sourceBytes),\"sha256\":\"\(sha)\",\"unit\":\"\(options.unit.rawValue)\","
    header += "\"mixed\":\"\(options.mixed.rawValue)\",\"codes\":\"\(options.codes.rawValue)\","
    header += "\"format\":\"\(options.format.rawValue)\",\"split\":\"\(splitID)\",\"streams\":{"
    header += LineLabel.allCases.compactMap { stream -> String? in
      guard let n = counts[stream] else { return nil }
      let hash = streamHashes[stream]?.hexDigest() ?? SHA256().hexDigest()
      return
        "\(JSONText.quote(options.codes.code(stream))):{\"file\":\(JSONText.quote(fileNames[stream] ?? fileName(stream))),"
        + "\"segments\":\(n),\"sha256\":\"\(hash)\"}"
    }.joined(separator: ",")
    header += "}}\n"
    return (Array(header.utf8), trailer)
  }

  /// Streams that got segments, in label order.
  public var streamsWritten: [LineLabel] { LineLabel.allCases.filter { counts[$0] != nil } }

  /// Segments per stream.
  public func segmentCount(_ stream: LineLabel) -> Int { counts[stream] ?? 0 }

  /// An identifier of this split (NAME and the options that shape segments), carried by JSONL
  /// records so that `merge` can refuse streams of another split. It is known before the input
  /// is read (records are written as they come), so it does not include the source checksum:
  /// the checksum of each unchanged stream does that job.
  public let splitID: String

  static func splitID(name: String, options: Options) -> String {
    var h = SHA256()
    h.update(
      Array(
        "\(name)|\(options.unit)|\(options.mixed)|\(options.codes)|\(routesID(options))".utf8))
    return String(h.hexDigest().prefix(16))
  }

  /// The routing part of ``splitID``: bn-Latn's and Assamese's streams by their old
  /// `--romanized`/`--assamese` names (so that IDs of earlier versions' splits stay the
  /// same), then any other language whose stream is not its table row's.
  static func routesID(_ options: Options) -> String {
    let router = Router(routes: options.routes)
    let romanized = RomanizedMode.allCases.first { $0.stream == router.stream(for: .bnLatn) }
    let assamese = AssameseMode.allCases.first { $0.stream == router.stream(for: .as) }
    var id =
      "\(romanized?.rawValue ?? router.stream(for: .bnLatn).rawValue)|"
      + (assamese?.rawValue ?? router.stream(for: .as).rawValue)
    for language in Language.allCases where language != .bnLatn && language != .as {
      let stream = router.stream(for: LineLabel(language))
      if stream != language.info.stream { id += "|\(language.rawValue)=\(stream.rawValue)" }
    }
    return id
  }

  // MARK: - Records

  /// A stream record; `id` is the segment's id as a JSON string (quotes included), as in the
  /// other records.
  private func streamRecord(
    id: [UInt8], stream: LineLabel, bytes: [UInt8], endsLine: Bool, _ line: Line
  ) -> [UInt8] {
    switch options.format {
    case .text:
      // A segment that ends its line keeps the line's terminator; others end in "\n".
      return bytes + (endsLine ? line.terminator.bytes : [0x0A])
    case .jsonl:
      // `bytes` is valid UTF-8 (``add(_:pieces:)`` sends anything else inline).
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + 128)
      out += "{\"id\":".utf8
      out += id
      out += ",\"lang\":\"".utf8
      out += options.codes.code(stream).utf8
      out += "\",\"text\":".utf8
      JSONText.appendQuoted(bytes, to: &out)
      out += ",\"split\":\"".utf8
      out += splitID.utf8
      out += "\"}\n".utf8
      return out
    }
  }

  /// A segment record; `label` (`bn-Latn` in the `bn` stream…) only when it differs from the
  /// stream.
  static func segmentRecord(
    id: [UInt8], stream: String, index: Int, gap: [UInt8], label: String? = nil
  ) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(gap.count + 96)
    out += "{\"id\":".utf8
    out += id
    out += ",\"stream\":\"".utf8
    out += stream.utf8
    out += "\",\"index\":".utf8
    JSONText.appendDecimal(index, to: &out)
    if let label {
      out += ",\"lang\":\"".utf8
      out += label.utf8
      out.append(0x22)
    }
    out.append(0x2C)
    appendGapField(gap, to: &out)
    out += "}\n".utf8
    return out
  }

  static func inlineRecord(id: [UInt8], stream: LineLabel, bytes: [UInt8], gap: [UInt8])
    -> [UInt8]
  {
    var out = Array("{\"id\":".utf8)
    out += id
    out += ",\"label\":\"\(stream.rawValue)\",".utf8
    appendBytesField("raw", bytes, to: &out)
    out.append(0x2C)
    appendGapField(gap, to: &out)
    out += "}\n".utf8
    return out
  }

  /// Appends `"gap":"…"`, or `"gap_b64":"…"` for bytes that are not UTF-8 (white space never
  /// is).
  static func appendGapField(_ gap: [UInt8], to out: inout [UInt8]) {
    appendBytesField("gap", gap, to: &out)
  }

  /// Appends `"NAME":"…"` for UTF-8 `bytes`, else `"NAME_b64":"…"` (base64).
  static func appendBytesField(_ name: String, _ bytes: [UInt8], to out: inout [UInt8]) {
    out.append(0x22)
    out += name.utf8
    if isValidUTF8(bytes) {
      out += "\":".utf8
      JSONText.appendQuoted(bytes, to: &out)
    } else {
      out += "_b64\":\"".utf8
      out += Data(bytes).base64EncodedString().utf8
      out.append(0x22)
    }
  }

  /// The parts of `range` outside `holes` (sorted, disjoint).
  static func subtracting(_ holes: [Range<Int>], from range: Range<Int>) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var at = range.lowerBound
    for hole in holes where hole.upperBound > at && hole.lowerBound < range.upperBound {
      if hole.lowerBound > at { out.append(at..<hole.lowerBound) }
      at = max(at, hole.upperBound)
    }
    if at < range.upperBound { out.append(at..<range.upperBound) }
    return out
  }

  /// `range` without the white space (``ScalarKind/space``, and byte-order marks) at its
  /// ends, as the profile of the piece alone reads it (``trimmedByProfile(_:_:)``, which a
  /// property test compares): all of it white space gives an empty range at its start. A
  /// byte-order mark counts as white space here, so it stays in the manifest and is never sent
  /// to translation.
  ///
  /// Only the characters trimmed and the two kept at the ends are decoded (this runs on the
  /// writing thread, and a sentence piece usually ends in a space). Decoding from either end
  /// agrees with the profile: a decoder restarts at every byte that is not a continuation
  /// byte, so a character is found the same way from its first byte whatever precedes it,
  /// and bytes of no well-formed character are no white space.
  static func trim(_ content: [UInt8], _ range: Range<Int>) -> Range<Int> {
    content.withUnsafeBufferPointer { all -> Range<Int> in
      let piece = UnsafeBufferPointer(rebasing: all[range])
      var lo = 0
      while lo < piece.count {
        let (value, length) = UTF8Decoding.decode(piece, at: lo)
        guard length > 0, isGap(value) else { break }
        lo += length
      }
      if lo == piece.count { return range.lowerBound..<range.lowerBound }
      var hi = piece.count
      while hi > lo {
        var start = hi - 1
        while start > lo, piece[start] & 0xC0 == 0x80, hi - start < 4 { start -= 1 }
        let (value, length) = UTF8Decoding.decode(piece, at: start)
        guard length > 0, start + length == hi, isGap(value) else { break }
        hi = start
      }
      return (range.lowerBound + lo)..<(range.lowerBound + hi)
    }
  }

  /// ``trim(_:_:)`` from a profile of the whole piece (the reference for its test).
  static func trimmedByProfile(_ content: [UInt8], _ range: Range<Int>) -> Range<Int> {
    let profile = ScriptProfile(content[range])
    let isGap = { (s: ProfiledScalar) in s.kind == .space || s.value == 0xFEFF }
    guard let first = profile.scalars.firstIndex(where: { !isGap($0) }),
      let last = profile.scalars.lastIndex(where: { !isGap($0) })
    else { return range.lowerBound..<range.lowerBound }
    return
      (range.lowerBound + profile.scalars[first].start)..<(range.lowerBound
      + profile.scalars[last].range.upperBound)
  }

  /// Whether `bytes` are well-formed UTF-8 (as `String(validating:)` reads them), without
  /// making a String.
  static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      var i = 0
      while i < buffer.count {
        if buffer[i] < 0x80 {
          i += 1
          continue
        }
        let (_, length) = UTF8Decoding.decode(buffer, at: i)
        if length == 0 { return false }
        i += length
      }
      return true
    }
  }

  /// Whether the scalar `value` is white space as ``trim(_:_:)`` reads it (a BOM included).
  @inline(__always)
  private static func isGap(_ value: UInt32) -> Bool {
    if value < 0x80 { return asciiGaps & (1 << UInt128(value)) != 0 }
    return value == 0xFEFF || ScalarClass.of(value).kind == .space
  }

  /// Bit b: ASCII byte b is of kind ``ScalarKind/space`` (from the same table as the profile).
  private static let asciiGaps: UInt128 = (0..<128).reduce(0) { bits, b in
    ScalarClass.of(UInt32(b)).kind == .space ? bits | 1 << UInt128(b) : bits
  }
}

/// Plans the pieces of a line for ``DocumentSplitter``: which byte ranges go to which stream.
///
/// Pure and per-thread (it holds an ICU sentence iterator for sentence units), so `split` runs
/// one on each worker: sentences are cut and classified in parallel, and the splitter only
/// writes.
@_spi(Stages) public final class SegmentPlanner {
  public let options: DocumentSplitter.Options
  private let classifier: LineClassifier
  private let router: Router
  private let sentences: SentenceSplitter?
  /// Word scores for classifying sentences (this planner's thread only).
  private let cache = ScoreCache()

  /// - Throws: ``ICUError`` if ICU has no sentence iterator (sentence unit only).
  public init(options: DocumentSplitter.Options, classifier: LineClassifier) throws(ICUError) {
    self.options = options
    self.classifier = classifier
    self.router = Router(mixed: options.mixed, routes: options.routes)
    self.sentences = options.unit == .sentence ? try SentenceSplitter() : nil
  }

  /// The pieces of `line`, whose analysis is `analysis`, in order.
  public func pieces(of line: Line, _ analysis: LineAnalysis) -> [RoutedPiece] {
    let markup = analysis.markup
    if options.markup && !markup.isEmpty {
      // HTML: markup goes to the gaps, and each run of text between tags is classified and
      // routed on its own (a Bengali link in an English menu goes to the Bengali stream).
      return DocumentSplitter.subtracting(markup, from: 0..<line.content.count).flatMap {
        routed(line.content, $0)
      }
    }
    if sentences != nil {
      return routed(line.content, 0..<line.content.count, whole: analysis)
    }
    return router.pieces(for: analysis, contentLength: line.content.count)
  }

  /// The analysis and pieces of `line` in one go, on a worker, with the worker's `cache`; the
  /// pieces are those of classifying the line and calling ``pieces(of:_:)``.
  ///
  /// With ``SegmentUnit/sentence``, a line of several sentences is not classified whole: each
  /// sentence is, and the line's analysis is theirs put together (``LineAnalysis/joining(_:length:content:)``).
  /// So sentence units cost about what line units do. A stage entry for the CLI, not part of
  /// the library's public surface (`@_spi(Stages) import BhashaKit`).
  @_spi(Stages) public func plan(_ line: Line, markup: [Range<Int>]?, cache: ScoreCache) -> (
    LineAnalysis, [RoutedPiece]
  ) {
    let content = line.content
    var parts: [Range<Int>] = []
    if let sentences, !(options.markup && markup?.isEmpty == false) {
      parts = sentences.sentences(in: content)
    }
    guard parts.count > 1 else {
      let analysis = classifier.classify(content, cache: cache, markup: markup)
      if parts.count == 1 && !(options.markup && !analysis.markup.isEmpty) {
        // One sentence: what pieces(of:_:) gives, without cutting the line again.
        return (analysis, router.pieces(for: analysis, contentLength: content.count))
      }
      return (analysis, pieces(of: line, analysis))
    }
    var analyses: [(offset: Int, analysis: LineAnalysis)] = []
    var pieces: [RoutedPiece] = []
    for part in parts {
      let (analysis, partPieces) = classified(content, part, cache: cache)
      analyses.append((part.lowerBound, analysis))
      pieces += partPieces
    }
    var analysis = LineAnalysis.joining(analyses, length: content.count, content: content)
    analysis.markup = markup ?? []
    return (analysis, pieces)
  }

  /// The pieces of `content[range]`, classified anew: sentence by sentence with
  /// ``SegmentUnit/sentence``, else as one piece of text; offsets into `content`. `whole` is
  /// the analysis of all of `content` without markup, if known: a line that is one sentence
  /// is not classified again.
  private func routed(
    _ content: [UInt8], _ range: Range<Int>, whole: LineAnalysis? = nil
  ) -> [RoutedPiece] {
    let text = Array(content[range])
    let parts = sentences?.sentences(in: text) ?? [0..<text.count]
    return parts.flatMap { part -> [RoutedPiece] in
      if let whole, part.count == content.count {
        return router.pieces(for: whole, contentLength: content.count)  // shift is 0
      }
      let shifted = (range.lowerBound + part.lowerBound)..<(range.lowerBound + part.upperBound)
      return classified(content, shifted, cache: cache).pieces
    }
  }

  /// `content[part]` classified on its own (as text between tags with `--markup html`: its
  /// character references are neutral) and routed; piece offsets into `content`.
  private func classified(_ content: [UInt8], _ part: Range<Int>, cache: ScoreCache) -> (
    analysis: LineAnalysis, pieces: [RoutedPiece]
  ) {
    let text = Array(content[part])
    let analysis = classifier.classify(text, cache: cache, markup: options.markup ? [] : nil)
    let pieces = router.pieces(for: analysis, contentLength: text.count).map {
      RoutedPiece(
        stream: $0.stream,
        range: ($0.range.lowerBound + part.lowerBound)..<($0.range.upperBound + part.lowerBound),
        label: $0.label)
    }
    return (analysis, pieces)
  }
}
