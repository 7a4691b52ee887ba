@_spi(Stages) import BhashaKit
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The progress line on stderr for long runs: bytes done of the total, MB/s and the time left
/// for a file; bytes, lines and MB/s for a pipe. Redrawn in place (`\r`) at most five times a
/// second, and erased at the end.
struct ProgressLine {
  let name: String
  let total: Int?
  private let start = Date()
  private var lastDraw = Date.distantPast
  private var bytes = 0
  private var lines = 0
  private var drawn = false

  init(name: String, total: Int?) {
    self.name = name.forTerminal
    self.total = total
  }

  mutating func advance(bytes more: Int, lines moreLines: Int) {
    bytes += more
    lines += moreLines
    let now = Date()
    guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
    lastDraw = now
    drawn = true
    StandardOutput.progress("\r\u{1B}[K" + text(elapsed: now.timeIntervalSince(start)))
  }

  /// The line's text, e.g. `bhasha: news.txt 12.3 of 200.0 MB (6 %), 4.1 MB/s, 0:46 left`.
  func text(elapsed: Double) -> String {
    let mb = Double(bytes) / 1e6
    let rate = elapsed > 0 ? mb / elapsed : 0
    var out = "bhasha: \(name) " + Self.decimal(mb) + " MB"
    if let total, total > 0 {
      let percent = min(100, 100 * bytes / total)
      out += " of " + Self.decimal(Double(total) / 1e6) + " MB (\(percent) %)"
    } else {
      out += ", \(lines) line\(lines == 1 ? "" : "s")"
    }
    out += ", " + Self.decimal(rate) + " MB/s"
    if let total, rate > 0 {
      let left = Int((Double(total - bytes) / 1e6 / rate).rounded())
      out += ", \(left / 60):" + (left % 60 < 10 ? "0" : "") + "\(left % 60) left"
    }
    return out
  }

  static func decimal(_ value: Double) -> String {
    guard value.isFinite, value < 1e12 else { return "-" }
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// Erases the line.
  func finish() {
    if drawn { StandardOutput.progress("\r\u{1B}[K") }
  }
}
