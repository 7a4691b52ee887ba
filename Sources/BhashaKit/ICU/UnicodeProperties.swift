import CICUShims

/// Unicode character properties, answered by ICU.
///
/// Hot paths do not call these per character: ``ScalarClassTable`` caches them for ASCII and
/// the Bengali block at start-up.
@_spi(Stages) public enum UnicodeProperties {
  /// The Script property of `scalar` (Common and Inherited included).
  public static func script(of scalar: UInt32) -> Script {
    var status: Int32 = 0
    let code = cicu_script(scalar, &status)
    return code < 0 ? .unknown : Script(rawValue: code)
  }

  /// The Script_Extensions of `scalar`: for U+0964 DEVANAGARI DANDA these include `Beng`.
  ///
  /// - Throws: ``ICUError`` if ICU fails.
  public static func scriptExtensions(of scalar: UInt32) throws(ICUError) -> [Script] {
    var status: Int32 = 0
    // Preflight: capacity 0 gives the needed count.
    let needed = cicu_script_extensions(scalar, nil, 0, &status)
    if needed <= 0 { return [] }
    var codes = [Int32](repeating: 0, count: Int(needed))
    status = 0
    let n = codes.withUnsafeMutableBufferPointer {
      cicu_script_extensions(scalar, $0.baseAddress, needed, &status)
    }
    try ICUError.check(status, "uscript_getScriptExtensions")
    return codes.prefix(Int(n)).map { Script(rawValue: $0) }
  }

  /// Whether `script` is among the Script_Extensions of `scalar`.
  public static func has(_ scalar: UInt32, script: Script) -> Bool {
    cicu_has_script(scalar, script.rawValue) != 0
  }

  /// The General_Category of `scalar`, as ICU's UCharCategory number.
  static func generalCategory(of scalar: UInt32) -> Int32 { cicu_char_type(scalar) }
  /// Whether `scalar` has the Alphabetic property.
  static func isAlphabetic(_ scalar: UInt32) -> Bool { cicu_is_alphabetic(scalar) != 0 }
  /// Whether `scalar` has the White_Space property.
  static func isWhitespace(_ scalar: UInt32) -> Bool { cicu_is_whitespace(scalar) != 0 }
  /// Whether `scalar` has the Extended_Pictographic property.
  static func isPictographic(_ scalar: UInt32) -> Bool { cicu_is_pictographic(scalar) != 0 }
}
