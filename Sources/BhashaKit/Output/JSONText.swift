/// Minimal, deterministic JSON text building for records and reports (no Foundation, keys in
/// the order written).
@_spi(Stages) public enum JSONText {
  /// `text` as a JSON string literal, quotes included. Control characters are escaped; other
  /// characters are written as UTF-8.
  public static func quote(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        // U+FEFF too: some JSON readers drop a raw byte-order mark inside strings.
        if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029
          || scalar.value == 0xFEFF || scalar.value == 0x7F
        {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// `bytes` decoded as UTF-8 (invalid bytes become U+FFFD) and quoted.
  public static func quote(bytes: some Collection<UInt8>) -> String {
    quote(String(decoding: bytes, as: UTF8.self))
  }

  /// A number with at most `digits` decimals and no trailing zeros: 0.98, 1, 0.5.
  public static func number(_ value: Double, digits: Int = 2) -> String {
    guard value.isFinite else { return "0" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (value * scale).rounded()
    let whole = Int(scaled) / Int(scale)
    var frac = abs(Int(scaled) % Int(scale))
    if frac == 0 { return "\(whole)" }
    var width = digits
    while frac % 10 == 0 {
      frac /= 10
      width -= 1
    }
    let fracText = String(frac)
    let sign = scaled < 0 && whole == 0 ? "-" : ""
    return sign + "\(whole)." + String(repeating: "0", count: width - fracText.count) + fracText
  }
}
