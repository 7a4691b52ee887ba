extension String {
  /// The text with control characters (C0, DEL, C1) shown as `\u{…}`, so that a name or a
  /// field taken from input cannot move the cursor, change colours or retitle a terminal
  /// (`\u{1b}]0;TITLE\u{7}`). Every message on stderr and every table, CSV and Markdown cell
  /// goes through it; JSON escapes such characters itself.
  @_spi(Stages) public var forTerminal: String {
    guard unicodeScalars.contains(where: \.isControl) else { return self }
    var out = ""
    for scalar in unicodeScalars {
      if scalar.isControl {
        out += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

extension Unicode.Scalar {
  /// C0 controls, DEL and C1 controls (`Cc`).
  var isControl: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }
}
