/// The language of a span: BCP-47 codes as used in records and file names.
public enum Language: String, Sendable, CaseIterable, Codable {
  /// English (Latin script).
  case en
  /// Bengali (Bengali script).
  case bn
  /// Any other language or script.
  case other
  /// No letters: digits, punctuation, symbols, spaces; URLs, e-mail addresses, @mentions,
  /// #hashtags and numbers with units.
  case neutral

  /// FLORES-200 code, as NLLB and IndicTrans2 expect.
  public var floresCode: String {
    switch self {
    case .en: return "eng_Latn"
    case .bn: return "ben_Beng"
    case .other: return "other"
    case .neutral: return "neutral"
    }
  }
}

/// The label of a whole line.
public enum LineLabel: String, Sendable, CaseIterable, Codable {
  case en, bn, other, neutral
  /// Letter content in two or more languages above ``LineClassifier/mixedMinimumShare``.
  case mixed

  /// The line label for a single language.
  public init(_ language: Language) {
    switch language {
    case .en: self = .en
    case .bn: self = .bn
    case .other: self = .other
    case .neutral: self = .neutral
    }
  }
}
