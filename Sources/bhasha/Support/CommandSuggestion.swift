@_spi(Stages) import BhashaKit

/// A mistyped subcommand (`bhasha clasify x.txt`) gets one line naming the nearest command,
/// rather than argument-parser's "2 unexpected arguments".
enum CommandSuggestion {
  /// The subcommands a user types (the hidden `transliterate` included), and `help`.
  static let commands = ["classify", "split", "merge", "stats", "transliterate", "help"]

  /// The message for `arguments`, or nil when the first argument is an option or a command.
  static func message(for arguments: [String]) -> String? {
    guard let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first) else {
      return nil
    }
    let shown = first.forTerminal
    let best = commands.map { ($0, distance(first.lowercased(), $0)) }.min { $0.1 < $1.1 }
    let hint = best.flatMap { $0.1 <= 2 ? "; did you mean '\($0.0)'?" : nil } ?? ""
    return
      "bhasha: unknown command '\(shown)'\(hint) (commands: classify, split, merge, stats; "
      + "see bhasha --help)"
  }

  /// Levenshtein distance between `a` and `b`.
  static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
    var previous = Array(0...y.count)
    for i in 1...x.count {
      var current = [i] + Array(repeating: 0, count: y.count)
      for j in 1...y.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[y.count]
  }
}
