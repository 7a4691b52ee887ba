/// How `split` cuts the text into segments.
public enum SegmentUnit: String, Sendable, CaseIterable {
  /// One segment per line (or per piece of a cut mixed line).
  case line
  /// One segment per sentence (ICU sentence breaks, the danda, abbreviation rules).
  case sentence
}

/// The format of stream files.
public enum StreamFormat: String, Sendable, CaseIterable {
  /// One segment per line, Moses style: `NAME.bn.txt`.
  case text
  /// One JSON object per segment, `{"id":"NAME:42","lang":"bn","text":…}`: `NAME.bn.jsonl`.
  case jsonl

  public var fileExtension: String { self == .text ? "txt" : "jsonl" }
}

/// Language codes used in stream file names and records.
public enum LanguageCodes: String, Sendable, CaseIterable {
  /// `en`, `bn`.
  case bcp47
  /// `eng_Latn`, `ben_Beng`: what NLLB and IndicTrans2 expect.
  case flores

  /// The code for a stream.
  public func code(_ stream: LineLabel) -> String {
    guard self == .flores, let language = stream.language, language != .other,
      language != .neutral
    else { return stream.rawValue }
    return language.floresCode
  }

  /// The stream for a code, in either scheme.
  public static func stream(_ code: String) -> LineLabel? {
    if let language = Language.allCases.first(where: { $0.floresCode == code }) {
      return LineLabel(language)
    }
    return LineLabel(rawValue: code)
  }
}
