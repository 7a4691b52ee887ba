import CICUShims

/// What a code point does in a line, for segmentation: decided once from ICU properties.
@_spi(Stages) public enum ScalarKind: UInt8, Sendable {
  /// Alphabetic, with a real script: counts as a letter of that script.
  case letter
  /// A combining mark or joiner (virama, nukta, ZWJ, ZWNJ, variation selector): stays with the
  /// character before it.
  case mark
  /// A decimal digit (ASCII digits are Common; Bengali digits are `Beng` but not letters).
  case digit
  /// White space.
  case space
  /// U+0964 and U+0965, the danda and double danda: Bengali sentence ends.
  case danda
  /// Opening brackets and quotes (Ps, Pi).
  case open
  /// Closing brackets and quotes (Pe, Pf).
  case close
  /// ASCII `"` and `'`: open or close by position.
  case quote
  /// Other punctuation.
  case punctuation
  /// Symbols, emoji, other numbers.
  case symbol
  /// Controls, format characters (the BOM), private use, unassigned, invalid bytes.
  case other
}

/// The properties of one code point that the analysis needs.
@_spi(Stages) public struct ScalarClass: Sendable, Equatable {
  public var kind: ScalarKind
  /// The Script property, except that the danda counts as `Beng` and Bengali-context marks keep
  /// their script.
  public var script: Script
  /// Letters counted for this code point: the number of Alphabetic code points in its canonical
  /// decomposition (ো U+09CB counts 2, like ে + া), so canonically equivalent text counts alike.
  public var letterWeight: UInt8

  public init(kind: ScalarKind, script: Script, letterWeight: UInt8) {
    self.kind = kind
    self.script = script
    self.letterWeight = letterWeight
  }

  /// The class of `scalar`, from ICU (tables answer first for the hot ranges).
  public static func of(_ scalar: UInt32) -> ScalarClass {
    if scalar < ScalarClassTable.lowLimit { return ScalarClassTable.low[Int(scalar)] }
    if scalar >= 0x2000 && scalar < 0x2070 {
      return ScalarClassTable.punctuation[Int(scalar - 0x2000)]
    }
    return compute(scalar)
  }

  /// The class of `scalar` straight from ICU, without tables.
  static func compute(_ scalar: UInt32) -> ScalarClass {
    var status: Int32 = 0
    let rawScript = cicu_script(scalar, &status)
    let script = rawScript < 0 ? Script.unknown : Script(rawValue: rawScript)
    let category = cicu_char_type(scalar)
    if scalar == 0x0964 || scalar == 0x0965 {
      // Common, with Beng among its Script_Extensions.
      return ScalarClass(kind: .danda, script: .bengali, letterWeight: 0)
    }
    if scalar == 0x200C || scalar == 0x200D {
      return ScalarClass(kind: .mark, script: .inherited, letterWeight: 0)
    }
    if cicu_is_alphabetic(scalar) != 0 && script.isReal {
      return ScalarClass(kind: .letter, script: script, letterWeight: letterWeight(of: scalar))
    }
    if cicu_is_whitespace(scalar) != 0 {
      return ScalarClass(kind: .space, script: .common, letterWeight: 0)
    }
    switch category {
    case 6, 7, 8:  // Mn, Me, Mc
      return ScalarClass(kind: .mark, script: script, letterWeight: 0)
    case 9:  // Nd
      return ScalarClass(kind: .digit, script: script, letterWeight: 0)
    case 20, 28:  // Ps, Pi
      return ScalarClass(kind: .open, script: script, letterWeight: 0)
    case 21, 29:  // Pe, Pf
      return ScalarClass(kind: .close, script: script, letterWeight: 0)
    case 19, 22, 23:  // Pd, Pc, Po
      let kind: ScalarKind = (scalar == 0x22 || scalar == 0x27) ? .quote : .punctuation
      return ScalarClass(kind: kind, script: script, letterWeight: 0)
    case 10, 11, 24, 25, 26, 27:  // Nl, No, Sm, Sc, Sk, So
      return ScalarClass(kind: .symbol, script: script, letterWeight: 0)
    case 1, 2, 3, 4, 5:
      // Letters of Common script (rare, e.g. U+02B0 modifier letters): neutral.
      return ScalarClass(kind: .symbol, script: script, letterWeight: 0)
    default:
      if cicu_is_pictographic(scalar) != 0 {
        return ScalarClass(kind: .symbol, script: script, letterWeight: 0)
      }
      return ScalarClass(kind: .other, script: script, letterWeight: 0)
    }
  }

  /// The number of Alphabetic code points in the canonical decomposition of `scalar` (at least 1).
  private static func letterWeight(of scalar: UInt32) -> UInt8 {
    var utf8 = [UInt8]()
    guard let s = Unicode.Scalar(scalar) else { return 1 }
    utf8.append(contentsOf: String(Character(s)).utf8)
    guard let nfd = try? Normalizer.normalize(utf8, to: .nfd) else { return 1 }
    var n: UInt8 = 0
    for decomposed in String(decoding: nfd, as: UTF8.self).unicodeScalars
    where cicu_is_alphabetic(decomposed.value) != 0 {
      n &+= 1
    }
    return max(n, 1)
  }

  /// The class given to each byte of invalid UTF-8 (decoded as U+FFFD).
  public static let invalid = ScalarClass(kind: .other, script: .unknown, letterWeight: 0)
}

/// Classes of the hot ranges, built from ICU once: ASCII, Latin-1 and the Latin extensions,
/// Devanagari (for the danda) and Bengali, U+0000–U+09FF; and General Punctuation.
enum ScalarClassTable {
  static let lowLimit: UInt32 = 0x0A00
  static let low: [ScalarClass] = (0..<lowLimit).map { ScalarClass.compute($0) }
  static let punctuation: [ScalarClass] = (0x2000..<0x2070).map { ScalarClass.compute($0) }
}
