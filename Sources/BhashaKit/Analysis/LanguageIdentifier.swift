/// Decides the language of letters: the one replaceable place where script becomes language.
///
/// Script-only rule: Latin letters are English, Bengali-script letters are Bengali, letters of
/// any other script are `other`. Within-script models (romanized Bengali, Assamese, other
/// Latin-script languages) will replace this rule here and nowhere else.
public struct LanguageIdentifier: Sendable {
  public init() {}

  /// The language that letters of `script` count towards.
  ///
  ///     LanguageIdentifier().language(of: .bengali)   // .bn
  public func language(of script: Script) -> Language {
    switch script {
    case .latin: return .en
    case .bengali: return .bn
    case .common, .inherited, .unknown: return .neutral
    default: return .other
    }
  }
}
