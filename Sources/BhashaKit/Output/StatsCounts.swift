/// Counts for one label (or the total) in `bhasha stats`: counts only, never ratios, so that
/// shards add up exactly.
///
/// `lines` count each line once, to its line label (`mixed` included); everything else counts
/// per span, to the span's language, so English words inside Bengali lines count as English.
/// A line's terminator counts to its last span's language (`neutral` for an empty line).
public struct StatsCounts: Sendable, Equatable, Codable {
  /// Lines with this line label.
  public var lines = 0
  /// Spans (segments) with this language.
  public var segments = 0
  /// Word-like words by ICU's word break rules (letters and numbers; not spaces or punctuation).
  public var words = 0
  /// Of ``words``, those in embedded spans (English words inside Bengali sentences…).
  public var embeddedWords = 0
  /// User-perceived characters (extended grapheme clusters), terminators included (CRLF is one).
  public var graphemes = 0
  /// Unicode code points, terminators included; each invalid byte counts as one U+FFFD.
  public var codepoints = 0
  /// Bytes, terminators included: the labels' bytes add up to the input's size.
  public var bytes = 0
  /// Bytes of invalid UTF-8.
  public var invalidBytes = 0

  public init() {}

  enum CodingKeys: String, CodingKey {
    case lines, segments, words, graphemes, codepoints, bytes
    case embeddedWords = "embedded_words"
    case invalidBytes = "invalid_bytes"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    lines = try c.decode(Int.self, forKey: .lines)
    segments = try c.decodeIfPresent(Int.self, forKey: .segments) ?? 0
    words = try c.decode(Int.self, forKey: .words)
    embeddedWords = try c.decodeIfPresent(Int.self, forKey: .embeddedWords) ?? 0
    graphemes = try c.decode(Int.self, forKey: .graphemes)
    codepoints = try c.decode(Int.self, forKey: .codepoints)
    bytes = try c.decode(Int.self, forKey: .bytes)
    invalidBytes = try c.decodeIfPresent(Int.self, forKey: .invalidBytes) ?? 0
  }

  /// Adds `other` field by field.
  public static func += (a: inout StatsCounts, b: StatsCounts) {
    a.lines += b.lines
    a.segments += b.segments
    a.words += b.words
    a.embeddedWords += b.embeddedWords
    a.graphemes += b.graphemes
    a.codepoints += b.codepoints
    a.bytes += b.bytes
    a.invalidBytes += b.invalidBytes
  }

  /// The sum of `self` and `other` field by field, or nil if a field would pass `Int.max`
  /// (reports read from files can hold any number).
  public func adding(_ other: StatsCounts) -> StatsCounts? {
    var out = StatsCounts()
    func add(_ a: Int, _ b: Int) -> Int? {
      let (sum, overflow) = a.addingReportingOverflow(b)
      return overflow ? nil : sum
    }
    guard let lines = add(lines, other.lines), let segments = add(segments, other.segments),
      let words = add(words, other.words),
      let embeddedWords = add(embeddedWords, other.embeddedWords),
      let graphemes = add(graphemes, other.graphemes),
      let codepoints = add(codepoints, other.codepoints), let bytes = add(bytes, other.bytes),
      let invalidBytes = add(invalidBytes, other.invalidBytes)
    else { return nil }
    out.lines = lines
    out.segments = segments
    out.words = words
    out.embeddedWords = embeddedWords
    out.graphemes = graphemes
    out.codepoints = codepoints
    out.bytes = bytes
    out.invalidBytes = invalidBytes
    return out
  }

  /// Why these counts cannot come from a real run, or nil: a negative count, or a part larger
  /// than its whole (embedded words than words, invalid bytes than bytes, graphemes than code
  /// points, code points than bytes).
  public var inconsistency: String? {
    if let negative = fields.first(where: { $0.value < 0 }) { return "negative \(negative.name)" }
    if embeddedWords > words { return "more embedded_words than words" }
    if invalidBytes > bytes { return "more invalid_bytes than bytes" }
    if graphemes > codepoints { return "more graphemes than codepoints" }
    if codepoints > bytes { return "more codepoints than bytes" }
    return nil
  }

  /// The fields in output order, with their JSON names.
  public var fields: [(name: String, value: Int)] {
    [
      ("lines", lines), ("segments", segments), ("words", words),
      ("embedded_words", embeddedWords), ("graphemes", graphemes), ("codepoints", codepoints),
      ("bytes", bytes), ("invalid_bytes", invalidBytes),
    ]
  }

  var json: String {
    "{" + fields.map { "\"\($0.name)\":\($0.value)" }.joined(separator: ",") + "}"
  }
}

/// Counts per label and in total, for one file or for all.
public struct StatsBlock: Sendable, Equatable {
  public var total = StatsCounts()
  /// Counts per label, keyed by label name (`en`, `bn`, `other`, `neutral`, `mixed`; merged
  /// files may bring labels of newer versions).
  public var labels: [String: StatsCounts] = [:]

  public init() {}

  /// Label names in output order: the known labels first, then any others alphabetically.
  public var labelOrder: [String] {
    let known = LineLabel.allCases.map(\.rawValue)
    return known + labels.keys.filter { !known.contains($0) }.sorted()
  }

  /// The counts of `label`, zero if none.
  public func counts(_ label: String) -> StatsCounts { labels[label] ?? StatsCounts() }

  /// Equal when every label has equal counts (an absent label counts as zero).
  public static func == (a: StatsBlock, b: StatsBlock) -> Bool {
    a.total == b.total
      && Set(a.labels.keys).union(b.labels.keys).allSatisfy { a.counts($0) == b.counts($0) }
  }

  public static func += (a: inout StatsBlock, b: StatsBlock) {
    a.total += b.total
    for (label, counts) in b.labels { a.labels[label, default: StatsCounts()] += counts }
  }

  /// The sum of two blocks, or nil if a count would pass `Int.max`.
  public func adding(_ other: StatsBlock) -> StatsBlock? {
    var out = StatsBlock()
    guard let total = total.adding(other.total) else { return nil }
    out.total = total
    for label in Set(labels.keys).union(other.labels.keys) {
      guard let sum = counts(label).adding(other.counts(label)) else { return nil }
      out.labels[label] = sum
    }
    return out
  }

  var json: String {
    "{\"total\":\(total.json),\"labels\":{"
      + labelOrder.map { "\(JSONText.quote($0)):\(counts($0).json)" }.joined(separator: ",")
      + "}}"
  }
}

/// The result of `bhasha stats`: totals, per-label counts and one block per file.
///
/// JSON shape (schema 1): `{"schema":1,"total":{…},"labels":{"en":{…},…},"files":[{"name":…,
/// "total":{…},"labels":{…}}]}`. ``merge(_:)`` sums reports exactly.
public struct StatsReport: Sendable, Equatable {
  public static let schema = 1

  public var all = StatsBlock()
  public var files: [(name: String, block: StatsBlock)] = []
  /// The version of Bhasha that counted (`"bhasha"` in JSON), if known.
  public var tool: String?
  /// The model the counts were made with (`"model"` in JSON): ``BhashaKit/modelID(scriptOnly:)``.
  /// Reports of different models count differently and are not summed without `--force`.
  public var model: String?

  public init() {}

  public static func == (a: StatsReport, b: StatsReport) -> Bool {
    a.all == b.all
      && a.files.elementsEqual(b.files, by: { $0.name == $1.name && $0.block == $1.block })
  }

  /// Adds a file's block to the report.
  public mutating func add(file name: String, _ block: StatsBlock) {
    all += block
    files.append((name, block))
  }

  /// Sums reports: totals and labels add up, file blocks are listed in order.
  ///
  /// - Throws: ``BhashaError/countsTooLarge(file:)`` if a sum would pass `Int.max` (reports
  ///   come from files and can hold any number); `file` names the report that overflowed.
  public static func merge(
    _ reports: [StatsReport], names: [String] = [], force: Bool = false
  ) throws(BhashaError) -> StatsReport {
    var out = StatsReport()
    out.tool = BhashaKit.version
    out.model = reports.first?.model
    func name(_ k: Int) -> String { k < names.count ? names[k] : "report \(k + 1)" }
    if !force, let k = reports.firstIndex(where: { $0.model != reports.first?.model }) {
      throw .mismatchedReports(
        file: name(k),
        reason:
          "model \(reports[k].model ?? "unknown"), but \(name(0)) has \(reports[0].model ?? "unknown")"
      )
    }
    if force && reports.contains(where: { $0.model != reports.first?.model }) {
      out.model = "mixed"
    }
    for (k, r) in reports.enumerated() {
      guard let all = out.all.adding(r.all) else {
        throw .countsTooLarge(file: name(k))
      }
      out.all = all
      out.files += r.files
    }
    return out
  }

  /// The report as one line of JSON, keys in schema order.
  public func json(includeFiles: Bool = true) -> String {
    var out = "{\"schema\":\(Self.schema),"
    if let tool { out += "\"bhasha\":\(JSONText.quote(tool))," }
    if let model { out += "\"model\":\(JSONText.quote(model))," }
    let all = self.all.json
    out += all.dropFirst().dropLast()  // "total":…,"labels":…
    out += ",\"files\":["
    if includeFiles {
      out += files.map { "{\"name\":\(JSONText.quote($0.name)),\($0.block.json.dropFirst())" }
        .joined(separator: ",")
    }
    return out + "]}\n"
  }
}
