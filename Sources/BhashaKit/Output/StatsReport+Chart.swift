/// What a composition chart measures.
public enum ChartMeasure: String, Sendable, CaseIterable {
  case bytes, words
}

extension StatsReport {
  /// Colours of the known labels (others get one from a fixed palette, by name).
  static let labelColors: [String: String] = [
    "en": "#3b6fb6", "bn": "#2e9e5b", "bn-Latn": "#8fd19e", "as": "#e08a2c",
    "other": "#9b59b6", "neutral": "#c8c8c8",
  ]
  static let palette = ["#d35454", "#5bc0de", "#f0c419", "#7f8c8d", "#16a085", "#8e44ad"]

  /// The composition of the report as an SVG bar chart: one bar per file (with `perFile`, or
  /// when there are several files) and one for all files, each cut into segments per label in
  /// proportion to `measure`, with a legend giving each label's share and count. Written by hand
  /// (no dependency); every text is XML-escaped.
  ///
  /// - Complexity: O(files × labels).
  public func svgChart(by measure: ChartMeasure, perFile: Bool) -> String {
    let bars = blocks(perFile: perFile || files.count > 1).map { ($0.title ?? "all", $0.block) }
    let labels = all.labelOrder.filter { label in
      label != "mixed" && bars.contains { value(of: $0.1.counts(label), measure) > 0 }
    }
    let width = 860
    let nameWidth = 230
    let barWidth = width - nameWidth - 30
    let barHeight = 24
    let rowHeight = 34
    let top = 56
    let legendTop = top + bars.count * rowHeight + 16
    let legendRows = (labels.count + 1) / 2
    let height = legendTop + max(1, legendRows) * 24 + 16
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
      viewBox="0 0 \(width) \(height)" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">
      <rect width="100%" height="100%" fill="white"/>
      <text x="16" y="28" font-size="17" font-weight="bold">Language composition by \
      \(measure.rawValue)</text>

      """
    for (row, (name, block)) in bars.enumerated() {
      let y = top + row * rowHeight
      let total = labels.reduce(0) { $0 + value(of: block.counts($1), measure) }
      svg +=
        "<text x=\"\(nameWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">"
        + Self.xml(Self.shortened(name, 30)) + "</text>\n"
      svg +=
        "<rect x=\"\(nameWidth)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(barHeight)\" "
        + "fill=\"#f4f4f4\" stroke=\"#999\"/>\n"
      guard total > 0 else { continue }
      var x = Double(nameWidth)
      for label in labels {
        let count = value(of: block.counts(label), measure)
        guard count > 0 else { continue }
        let share = Double(count) / Double(total)
        let w = share * Double(barWidth)
        svg +=
          "<rect x=\"\(Self.fixed(x))\" y=\"\(y)\" width=\"\(Self.fixed(w))\" height=\"\(barHeight)\" "
          + "fill=\"\(color(label))\"><title>" + Self.xml(label)
          + ": \(count) \(measure.rawValue) ("
          + Self.formatPercent(100 * share) + " %)</title></rect>\n"
        if w > 44 {
          svg +=
            "<text x=\"\(Self.fixed(x + w / 2))\" y=\"\(y + 17)\" text-anchor=\"middle\" "
            + "fill=\"\(label == "neutral" || label == "bn-Latn" ? "black" : "white")\">"
            + Self.formatPercent(100 * share) + "%</text>\n"
        }
        x += w
      }
    }
    let grand = labels.reduce(0) { $0 + value(of: all.counts($1), measure) }
    for (k, label) in labels.enumerated() {
      let x = 16 + (k % 2) * (width / 2)
      let y = legendTop + (k / 2) * 24
      let count = value(of: all.counts(label), measure)
      let share = grand == 0 ? 0 : 100 * Double(count) / Double(grand)
      svg +=
        "<rect x=\"\(x)\" y=\"\(y)\" width=\"14\" height=\"14\" fill=\"\(color(label))\" "
        + "stroke=\"#666\"/>\n"
      svg +=
        "<text x=\"\(x + 22)\" y=\"\(y + 12)\">" + Self.xml(label) + ": "
        + Self.formatPercent(share) + " % (\(count) \(measure.rawValue))</text>\n"
    }
    if labels.isEmpty {
      svg += "<text x=\"16\" y=\"\(legendTop + 12)\">no \(measure.rawValue) counted</text>\n"
    }
    return svg + "</svg>\n"
  }

  private func value(of counts: StatsCounts, _ measure: ChartMeasure) -> Int {
    measure == .bytes ? counts.bytes : counts.words
  }

  private func color(_ label: String) -> String {
    if let known = Self.labelColors[label] { return known }
    let sum = label.unicodeScalars.reduce(0) { $0 &+ Int($1.value) }
    return Self.palette[abs(sum) % Self.palette.count]
  }

  /// `value` with one decimal, for coordinates.
  static func fixed(_ value: Double) -> String { formatPercent(value) }

  static func shortened(_ text: String, _ limit: Int) -> String {
    text.count <= limit ? text : "…" + text.suffix(limit - 1)
  }

  /// `text` with `& < > " '` escaped and control characters dropped, for SVG.
  static func xml(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        if scalar.value >= 0x20 && scalar.value != 0x7F { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }
}
