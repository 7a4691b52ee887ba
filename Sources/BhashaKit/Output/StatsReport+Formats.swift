/// Output formats of `bhasha stats`.
public enum StatsFormat: String, Sendable, CaseIterable {
  case table, json, csv, markdown
}

extension StatsReport {
  /// The report in `format`; `perFile` adds a block per file (JSON always lists files). File
  /// names have their control characters escaped in the table, CSV and Markdown
  /// (``Swift/String/forTerminal``).
  public func rendered(_ format: StatsFormat, perFile: Bool) -> String {
    switch format {
    case .json: return json(includeFiles: true)
    case .csv: return csv(perFile: perFile)
    case .table: return table(perFile: perFile, markdown: false)
    case .markdown: return table(perFile: perFile, markdown: true)
    }
  }

  static let columns = [
    "label", "lines", "segments", "words", "embedded_words", "graphemes", "codepoints", "bytes",
    "invalid_bytes", "bytes%", "words%",
  ]

  /// Rows of a block: one per label, then the total. Shares are percentages of the total.
  static func rows(_ block: StatsBlock) -> [[String]] {
    func percent(_ part: Int, _ whole: Int) -> String {
      whole == 0 ? "0.0" : formatPercent(100 * Double(part) / Double(whole))
    }
    var rows: [[String]] = []
    for label in block.labelOrder {
      let c = block.counts(label)
      rows.append(
        [label] + c.fields.map { String($0.value) }
          + [percent(c.bytes, block.total.bytes), percent(c.words, block.total.words)])
    }
    let t = block.total
    rows.append(
      ["total"] + t.fields.map { String($0.value) }
        + [t.bytes == 0 ? "0.0" : "100.0", t.words == 0 ? "0.0" : "100.0"])
    return rows
  }

  /// A percentage with one decimal; never traps, whatever the value.
  static func formatPercent(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e15 else { return value.isNaN ? "0.0" : "-" }
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// The blocks to print: each file's (with `perFile`), then all files together (title nil).
  func blocks(perFile: Bool) -> [(title: String?, block: StatsBlock)] {
    (perFile ? files.map { (Optional($0.name), $0.block) } : []) + [(nil, all)]
  }

  func table(perFile: Bool, markdown: Bool) -> String {
    var out = ""
    let blocks = self.blocks(perFile: perFile)
    for (k, item) in blocks.enumerated() {
      if blocks.count > 1 {
        let title = item.title?.forTerminal ?? "all files"
        out += markdown ? "### \(title.replacingPipes())\n\n" : "== \(title) ==\n"
      }
      let rows = [Self.columns] + Self.rows(item.block)
      if markdown {
        for (r, row) in rows.enumerated() {
          out += "| " + row.map { $0.replacingPipes() }.joined(separator: " | ") + " |\n"
          if r == 0 {
            out +=
              "|" + row.enumerated().map { $0.offset == 0 ? " --- |" : " ---: |" }.joined() + "\n"
          }
        }
      } else {
        let widths = (0..<Self.columns.count).map { col in rows.map { $0[col].count }.max() ?? 0 }
        for row in rows {
          let cells = row.enumerated().map { col, cell in
            let pad = String(repeating: " ", count: widths[col] - cell.count)
            return col == 0 ? cell + pad : pad + cell
          }
          out += cells.joined(separator: "  ") + "\n"
        }
      }
      if k + 1 < blocks.count { out += "\n" }
    }
    return out
  }

  func csv(perFile: Bool) -> String {
    var out = "scope," + Self.columns.map { $0.replacingPercent() }.joined(separator: ",") + "\n"
    for item in blocks(perFile: perFile) {
      let scope = item.title?.forTerminal ?? "all"
      for row in Self.rows(item.block) {
        out += ([Self.csvField(scope)] + row).joined(separator: ",") + "\n"
      }
    }
    return out
  }

  static func csvField(_ text: String) -> String {
    if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + text.replacingQuotes() + "\""
    }
    return text
  }
}

extension String {
  fileprivate func replacingPipes() -> String {
    var out = ""
    for ch in self { out += ch == "|" ? "\\|" : String(ch) }
    return out
  }
  fileprivate func replacingQuotes() -> String {
    var out = ""
    for ch in self { out += ch == "\"" ? "\"\"" : String(ch) }
    return out
  }
  fileprivate func replacingPercent() -> String {
    hasSuffix("%") ? String(dropLast()) + "_share" : self
  }
}
