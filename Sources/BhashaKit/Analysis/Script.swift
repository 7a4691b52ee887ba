import CICUShims

/// A Unicode script, as ICU's UScriptCode; its ``code`` is the ISO 15924 name (`Beng`, `Latn`).
public struct Script: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: Int32
  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// `Zyyy`: punctuation, digits, symbols, spaces shared by many scripts.
  public static let common = Script(rawValue: 0)
  /// `Zinh`: combining marks and joiners that take the script of the character before them.
  public static let inherited = Script(rawValue: 1)
  /// `Beng`: Bengali–Assamese script.
  public static let bengali = Script(rawValue: 4)
  /// `Deva`: Devanagari, the script of the danda's home block.
  public static let devanagari = Script(rawValue: 10)
  /// `Latn`
  public static let latin = Script(rawValue: 25)
  /// `Cyrl`: Cyrillic.
  public static let cyrillic = Script(rawValue: 8)
  /// `Grek`: Greek.
  public static let greek = Script(rawValue: 14)
  /// `Zzzz`: unassigned code points, or ICU failed.
  public static let unknown = Script(rawValue: 103)

  /// The ISO 15924 code, as ICU names it.
  public var code: String {
    switch self {
    case .latin: return "Latn"
    case .bengali: return "Beng"
    case .common: return "Zyyy"
    case .inherited: return "Zinh"
    default: return String(cString: cicu_script_short_name(rawValue))
    }
  }

  /// Whether the script names a writing system (not Common, Inherited or Unknown).
  public var isReal: Bool { self != .common && self != .inherited && self != .unknown }

  public var description: String { code }
}
