/// Minimal, deterministic JSON text building for records and reports (no Foundation, keys in
/// the order written).
@_spi(Stages) public enum JSONText {
  /// `text` as a JSON string literal, quotes included. Control characters are escaped; other
  /// characters are written as UTF-8.
  public static func quote(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 2)
    appendQuoted(text, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends `utf8`, which must be valid UTF-8, to `out` as a JSON string literal, quotes
  /// included: ``quote(_:)`` without making a `String` (the writing thread builds every
  /// manifest and stream record this way).
  public static func appendQuoted(_ utf8: [UInt8], to out: inout [UInt8]) {
    utf8.withUnsafeBufferPointer { appendQuoted($0, to: &out) }
  }

  /// Appends `value` in decimal, as `String(value)` writes it, without making a String.
  public static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
    if value < 0 { out.append(0x2D) }
    // Digits from the last, into 20 bytes on the stack (UInt.max has 20 digits; the magnitude
    // of Int.min fits a UInt).
    var magnitude = value.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var k = 20
      repeat {
        k -= 1
        digits[k] = 0x30 + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[k...]))
    }
  }

  /// ``appendQuoted(_:to:)`` for the UTF-8 of `text`.
  public static func appendQuoted(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { appendQuoted($0, to: &out) }
  }

  private static func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    // U+FEFF too: some JSON readers drop a raw byte-order mark inside strings.
    func escape(_ value: UInt32) {
      out += [0x5C, 0x75]  // \u, then four lowercase hex digits
      for shift in stride(from: 12, through: 0, by: -4) {
        let digit = UInt8((value >> UInt32(shift)) & 0xF)
        out.append(digit < 10 ? 0x30 + digit : 0x57 + digit)
      }
    }
    out.append(0x22)
    let n = utf8.count
    var i = 0
    while i < n {
      let b = utf8[i]
      switch b {
      case 0x22: out += [0x5C, 0x22]
      case 0x5C: out += [0x5C, 0x5C]
      case 0x0A: out += [0x5C, 0x6E]
      case 0x0D: out += [0x5C, 0x72]
      case 0x09: out += [0x5C, 0x74]
      case 0..<0x20, 0x7F: escape(UInt32(b))
      case 0xE2
      where i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
        escape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
        i += 2
      case 0xEF where i + 2 < n && utf8[i + 1] == 0xBB && utf8[i + 2] == 0xBF:
        escape(0xFEFF)
        i += 2
      default: out.append(b)
      }
      i += 1
    }
    out.append(0x22)
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
