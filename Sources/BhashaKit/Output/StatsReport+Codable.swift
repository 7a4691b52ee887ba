import Foundation

extension StatsReport {
  private struct Wire: Decodable {
    struct Block: Decodable {
      var name: String?
      var total: StatsCounts
      var labels: [String: StatsCounts]
    }
    var schema: Int
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
    report.all.total = wire.total
    report.all.labels = wire.labels
    for (k, block) in (wire.files ?? []).enumerated() {
      var b = StatsBlock()
      b.total = block.total
      b.labels = block.labels
      report.files.append((block.name ?? "file\(k + 1)", b))
    }
    return report
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
