import Foundation

extension StatsReport {
  private struct Wire: Decodable {
    struct Block: Decodable {
      var name: String?
      var total: StatsCounts
      var labels: [String: StatsCounts]
    }
    var schema: Int
    var bhasha: String?
    var model: String?
    var total: StatsCounts
    var labels: [String: StatsCounts]
    var files: [Block]?
  }

  /// Reads a report written by `bhasha stats --format json`.
  ///
  /// - Throws: ``BhashaError/badStatsFile(file:reason:)`` if the JSON has another shape or schema.
  public static func decode(_ data: [UInt8], file: String) throws(BhashaError) -> StatsReport {
    let wire: Wire
    do {
      wire = try JSONDecoder().decode(Wire.self, from: Data(data))
    } catch {
      throw .badStatsFile(file: file, reason: Self.reason(error))
    }
    guard wire.schema == schema else {
      throw .badStatsFile(file: file, reason: "schema \(wire.schema), expected \(schema)")
    }
    var report = StatsReport()
    report.tool = wire.bhasha
    report.model = wire.model
    report.all.total = wire.total
    report.all.labels = wire.labels
    try check(report.all, at: "", file: file)
    var sum = StatsBlock()
    for (k, block) in (wire.files ?? []).enumerated() {
      var b = StatsBlock()
      b.total = block.total
      b.labels = block.labels
      try check(b, at: "files.\(k).", file: file)
      guard let next = sum.adding(b) else { throw .countsTooLarge(file: file) }
      sum = next
      report.files.append((block.name ?? "file\(k + 1)", b))
    }
    if !report.files.isEmpty && sum != report.all {
      throw .badStatsFile(file: file, reason: "the files' counts do not add up to the total")
    }
    return report
  }

  /// Checks a decoded block: label names, counts that a real run can give, and a total that
  /// is the sum of its labels. Reports are input: a crafted one must be refused, not trusted.
  private static func check(_ block: StatsBlock, at path: String, file: String)
    throws(BhashaError)
  {
    if let reason = block.total.inconsistency {
      throw .badStatsFile(file: file, reason: "\(reason) in \"\(path)total\"")
    }
    var sum = StatsCounts()
    for (label, counts) in block.labels.sorted(by: { $0.key < $1.key }) {
      guard isLabelName(label) else {
        throw .badStatsFile(file: file, reason: "bad label name in \"\(path)labels\"")
      }
      if let reason = counts.inconsistency {
        throw .badStatsFile(file: file, reason: "\(reason) in \"\(path)labels.\(label)\"")
      }
      guard let next = sum.adding(counts) else { throw .countsTooLarge(file: file) }
      sum = next
    }
    if sum != block.total {
      throw .badStatsFile(
        file: file, reason: "\"\(path)total\" is not the sum of its labels")
    }
  }

  /// Label names are short codes: letters, digits, `-` and `_` (`en`, `bn-Latn`).
  static func isLabelName(_ name: String) -> Bool {
    !name.isEmpty && name.utf8.count <= 32
      && name.utf8.allSatisfy {
        (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
          || $0 == 0x2D || $0 == 0x5F
      }
  }

  private static func reason(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
      return "missing \"\(path)\""
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return "wrong type at \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\""
    case DecodingError.dataCorrupted:
      return "invalid JSON"
    default:
      return "invalid JSON"
    }
  }
}
