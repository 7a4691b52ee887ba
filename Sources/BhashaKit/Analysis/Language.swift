/// The language of a span: BCP-47 codes as used in records and file names.
public enum Language: String, Sendable, CaseIterable, Codable {
  /// English (Latin script).
  case en
  /// Bengali (Bengali script).
  case bn
  /// Bengali typed in Latin letters ("ami tomake onek miss kori").
  case bnLatn = "bn-Latn"
  /// Assamese (Bengali–Assamese script, with ৰ and ৱ).
  case `as`
  /// Any other language or script (its code, when the model knows it, is in the span).
  case other
  /// No letters: digits, punctuation, symbols, spaces; URLs, e-mail addresses, @mentions,
  /// #hashtags and numbers with units.
  case neutral

  /// FLORES-200 code, as NLLB and IndicTrans2 expect.
  public var floresCode: String {
    switch self {
    case .en: return "eng_Latn"
    case .bn: return "ben_Beng"
    case .bnLatn: return "ben_Latn"
    case .as: return "asm_Beng"
    case .other: return "other"
    case .neutral: return "neutral"
    }
  }
}

/// The label of a whole line (and the name of a `split` stream).
public enum LineLabel: String, Sendable, CaseIterable, Codable {
  case en, bn
  case bnLatn = "bn-Latn"
  case `as`
  case other, neutral
  /// A line with a real language switch (see ``LineClassifier``).
  case mixed

  /// The line label for a single language.
  public init(_ language: Language) {
    switch language {
    case .en: self = .en
    case .bn: self = .bn
    case .bnLatn: self = .bnLatn
    case .as: self = .as
    case .other: self = .other
    case .neutral: self = .neutral
    }
  }

  /// The span language of this label (nil for `mixed`).
  public var language: Language? { Language(rawValue: rawValue) }
}
