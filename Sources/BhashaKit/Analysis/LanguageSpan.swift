/// A piece of a line in one language, with its UTF-8 byte offsets into the line's content.
///
/// The spans of a line tile its content exactly: no gaps, no overlaps, no empty spans.
public struct LanguageSpan: Sendable, Equatable {
  /// Offset of the first byte, into the line's content (terminator excluded).
  public var start: Int
  /// Offset one past the last byte.
  public var end: Int
  /// `en`, `bn`, `other` or `neutral`.
  public var language: Language
  /// The script of the span's letters (`Zyyy` for neutral spans).
  public var script: Script
  /// A short piece in another language inside a sentence of the line's matrix language (a
  /// brand, an acronym, one English word): not a language switch.
  public var embedded: Bool
  /// Letters in the span (canonical decomposition, as in ``LineAnalysis/letters``).
  public var letters: Int
  /// Words (letter runs) in the span.
  public var words: Int
  /// The model's code for an `other` span in a language it knows (`fr`, `de`, `vi`…).
  public var code: String? {
    get { extras?.code }
    set { extras = Extras.make(code: newValue, alternatives: alternatives) }
  }
  /// How sure the identifier is of ``language``, 0…1.
  public var confidence: Double = 1
  /// False when there is too little evidence (one or two letters, a name) or the decision was
  /// close: the language is a guess.
  public var reliable: Bool = true
  /// Code points in the span (each invalid byte counts as one U+FFFD).
  public var codepoints: Int = 0
  /// Bytes of invalid UTF-8 in the span.
  public var invalidBytes: Int = 0
  /// The next most likely languages, most likely first (only when asked for:
  /// ``LanguageIdentifier/alternatives``).
  public var alternatives: [SpanAlternative] {
    get { extras?.alternatives ?? [] }
    set { extras = Extras.make(code: code, alternatives: newValue) }
  }

  /// ``code`` and ``alternatives``, which most spans lack, in one immutable object (nil when
  /// both are empty): a span is copied many times on its way through the stages, and with two
  /// references of its own each copy retained and released both.
  private var extras: Extras? = nil

  private final class Extras: Sendable, Equatable {
    let code: String?
    let alternatives: [SpanAlternative]

    private init(code: String?, alternatives: [SpanAlternative]) {
      self.code = code
      self.alternatives = alternatives
    }

    static func make(code: String?, alternatives: [SpanAlternative]) -> Extras? {
      code == nil && alternatives.isEmpty ? nil : Extras(code: code, alternatives: alternatives)
    }

    /// By value (``make(code:alternatives:)`` gives nil for empty ones, so `==` of spans,
    /// synthesized, compares code and alternatives as values).
    static func == (a: Extras, b: Extras) -> Bool {
      a.code == b.code && a.alternatives == b.alternatives
    }
  }

  public init(
    start: Int, end: Int, language: Language, script: Script, embedded: Bool = false,
    letters: Int = 0, words: Int = 0
  ) {
    self.start = start
    self.end = end
    self.language = language
    self.script = script
    self.embedded = embedded
    self.letters = letters
    self.words = words
  }

  /// The span's language code: ``code`` for `other` spans the model knows, else the language.
  public var languageCode: String { code ?? language.rawValue }

  /// The byte range in the line's content.
  public var range: Range<Int> { start..<end }
}

/// A language a span might be in instead of its own, and how far behind it is.
public struct SpanAlternative: Sendable, Equatable {
  /// A language code (`fr`, `bn-Latn`, `as`).
  public var code: String
  /// How far its evidence is behind the span's own language's, in log10 units (0: as likely;
  /// the span's ``LanguageSpan/confidence`` is 1 / (1 + 10^-behind) of the first alternative).
  public var behind: Double

  public init(code: String, behind: Double) {
    self.code = code
    self.behind = behind
  }
}
