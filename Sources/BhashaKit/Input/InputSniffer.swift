/// Looks at the start of an input and refuses what is not text: binary data, and UTF-16 or
/// UTF-32 without a byte-order mark (which would otherwise be read as Latin letters and NULs).
///
///     InputSniffer.verdict(Array("আমি ভাত খাই।\n".utf8))   // .text
///     InputSniffer.verdict([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00])   // .binary(…)
@_spi(Stages) public enum InputSniffer {
  /// How many bytes at the start of an input are looked at (the first read of a pipe may give
  /// fewer).
  public static let sampleBytes = 64 << 10
  /// More NUL bytes than this share of the sample makes it binary.
  static let maxNULShare = 0.01
  /// More control bytes (other than tab, line feed, vertical tab, form feed, carriage return
  /// and escape) than this share makes it binary.
  static let maxControlShare = 0.05
  /// The share of 16-bit units that must look like text for a sample to be UTF-16.
  static let minUTF16TextShare = 0.9

  public enum Verdict: Equatable, Sendable {
    case text
    /// Not text: the reason, for the message.
    case binary(String)
    /// Text in another encoding without a byte-order mark: its name for `iconv`.
    case encoding(String)
  }

  /// The verdict on the first bytes of an input.
  ///
  /// - Complexity: O(n) in the sample, at most ``sampleBytes``.
  public static func verdict(_ bytes: some Collection<UInt8>) -> Verdict {
    let sample = Array(bytes.prefix(sampleBytes))
    if sample.isEmpty { return .text }
    if sample.starts(with: [0xFF, 0xFE, 0x00, 0x00])
      || sample.starts(with: [0x00, 0x00, 0xFE, 0xFF])
    {
      return .encoding(sample[0] == 0xFF ? "UTF-32LE" : "UTF-32BE")
    }
    var nul = 0
    var control = 0
    for b in sample {
      if b == 0 {
        nul += 1
        control += 1
      } else if (b < 0x20 && !(0x09...0x0D).contains(b) && b != 0x1B) || b == 0x7F {
        control += 1
      }
    }
    // UTF-16 and UTF-32 text has NULs: spaces, digits and line feeds are U+00xx.
    if nul > 0 {
      if let name = utf32Name(sample) { return .encoding(name) }
      if let name = utf16Name(sample) { return .encoding(name) }
    }
    let n = Double(sample.count)
    if Double(nul) > n * maxNULShare {
      return .binary("\(nul) NUL bytes in the first \(sample.count)")
    }
    if Double(control) > n * maxControlShare {
      return .binary("\(control) control bytes in the first \(sample.count)")
    }
    return .text
  }

  /// "UTF-16LE" or "UTF-16BE" when nearly every 16-bit unit of `sample` is a plausible text
  /// character in that byte order.
  static func utf16Name(_ sample: [UInt8]) -> String? {
    let units = sample.count / 2
    guard units >= 2 else { return nil }
    // ASCII in UTF-16LE has its NULs at odd offsets, in UTF-16BE at even ones.
    var nulAtOdd = 0
    var nulAtEven = 0
    for (k, b) in sample.enumerated() where b == 0 {
      if k % 2 == 1 { nulAtOdd += 1 } else { nulAtEven += 1 }
    }
    let littleEndian = nulAtOdd >= nulAtEven
    var plausible = 0
    for k in 0..<units {
      let a = UInt16(sample[2 * k])
      let b = UInt16(sample[2 * k + 1])
      if isPlausibleText(littleEndian ? b << 8 | a : a << 8 | b) { plausible += 1 }
    }
    guard Double(plausible) >= Double(units) * minUTF16TextShare else { return nil }
    return littleEndian ? "UTF-16LE" : "UTF-16BE"
  }

  /// "UTF-32LE" or "UTF-32BE" when every 32-bit unit is a plausible text character.
  static func utf32Name(_ sample: [UInt8]) -> String? {
    let units = sample.count / 4
    guard units >= 2 else { return nil }
    for littleEndian in [true, false] {
      var plausible = 0
      for k in 0..<units {
        let b = sample[(4 * k)..<(4 * k + 4)].map(UInt32.init)
        let value =
          littleEndian
          ? b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0] : b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]
        if value < 0x1_0000 ? isPlausibleText(UInt16(value)) : value <= 0x10_FFFF {
          plausible += 1
        }
      }
      if Double(plausible) >= Double(units) * minUTF16TextShare {
        return littleEndian ? "UTF-32LE" : "UTF-32BE"
      }
    }
    return nil
  }

  /// A BMP code unit that text is made of: white space, printable ASCII, Latin, Indic and
  /// other letters, general punctuation, CJK, Hangul, and surrogates (for emoji).
  static func isPlausibleText(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0xA0...0x24F, 0x370...0x52F, 0x590...0x6FF, 0x900...0xDFF,
      0x2000...0x206F, 0x20A0...0x20CF, 0x3000...0x9FFF, 0xAC00...0xD7AF, 0xD800...0xDFFF:
      return true
    default:
      return false
    }
  }
}
