/// The language of a span: BCP-47 codes as used in records and file names.
///
/// Everything Bhasha knows about a language is its row in ``info``: adding a language is a case
/// here, its row, and (for a Latin-script language) the model build in
/// `Scripts/build-model.py`.
public enum Language: String, Sendable, CaseIterable, Codable {
  /// English (Latin script).
  case en
  /// Bengali (Bengali script).
  case bn
  /// Bengali typed in Latin letters ("ami tomake onek miss kori").
  case bnLatn = "bn-Latn"
  /// Hindi typed in Latin letters ("mujhe nahi pata tha").
  case hiLatn = "hi-Latn"
  /// Assamese (Bengali–Assamese script, with ৰ and ৱ).
  case `as`
  /// Any other language or script (its code, when the model knows it, is in the span).
  case other
  /// No letters: digits, punctuation, symbols, spaces; URLs, e-mail addresses, @mentions,
  /// #hashtags and numbers with units.
  case neutral

  /// The language table: one row per language.
  public var info: LanguageInfo { Self.rows[self] ?? row }

  /// Every row, built once: a row holds word sets (a union of thousands of words for the
  /// romanized languages), which hot paths must not build again at each look-up.
  private static let rows = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.row) })

  /// This language's row, as written.
  private var row: LanguageInfo {
    switch self {
    case .en:
      return LanguageInfo(
        flores: "eng_Latn", script: .latin, inModel: true, prior: 0, fitFloors: (-12.2, -12.2),
        stream: .en, markers: ClauseMarkers.english)
    case .bn:
      return LanguageInfo(
        flores: "ben_Beng", script: .bengali, stream: .bn, markers: ClauseMarkers.bengali)
    case .bnLatn:
      return LanguageInfo(
        flores: "ben_Latn", script: .latin, inModel: true, romanized: true, prior: -1,
        fitFloors: (-12.0, -12.9), stream: .bn, markers: ClauseMarkers.romanized,
        distinct: ClauseMarkers.distinctlyRomanized.union(RomanizedLexicon.bengali),
        hostWeights: RomanizedLexicon.bengaliHost)
    case .hiLatn:
      return LanguageInfo(
        flores: "hin_Latn", script: .latin, inModel: true, romanized: true, prior: -2,
        fitFloors: (-10.1, -15.0), stream: .other, markers: ClauseMarkers.romanizedHindi,
        distinct: ClauseMarkers.distinctlyHindi.union(RomanizedLexicon.hindi),
        hostWeights: RomanizedLexicon.hindiHost)
    case .as:
      return LanguageInfo(flores: "asm_Beng", script: .bengali, stream: .other)
    case .other:
      return LanguageInfo(flores: "other", stream: .other)
    case .neutral:
      return LanguageInfo(flores: "neutral", stream: .neutral)
    }
  }

  /// FLORES-200 code, as NLLB and IndicTrans2 expect.
  public var floresCode: String { info.flores }

  /// The romanized South Asian languages, decided word by word against English.
  static let romanized = allCases.filter { $0.info.romanized }
}

/// A row of the language table (``Language/info``).
public struct LanguageInfo: Sendable {
  /// FLORES-200 code.
  public let flores: String
  /// The script the language is written in here (nil: any).
  public let script: Script?
  /// Whether the within-script model scores it (found in the model by its code).
  public let inModel: Bool
  /// A romanized South Asian language: Latin words are labelled it or English one by one, and
  /// its function words rule out the model's other Latin-script languages.
  public let romanized: Bool
  /// Log10 prior of a Latin-script span in this language (English 0: the default).
  public let prior: Float
  /// How well the model must fit a Latin span (15 letters or more) for it to be this
  /// language: per letter, the span's score plus 3 × the share of its letters in words of the
  /// language's word list, over all its words and over its words of four letters or more
  /// (when they have 12 letters). Below either floor the span is `other` with code `und` (no
  /// language the model knows). The floors sit just below the language's own text in
  /// `Corpora/` (README, "Languages the model lacks"); nil: never `und`.
  public let fitFloors: (all: Float, long: Float)?
  /// Where `split` sends it unless `--route` says otherwise.
  public let stream: LineLabel
  /// Function words and verb forms that make a clause (``ClauseMarkers``).
  let markers: Set<String>
  /// Words no other Latin-script language in the model uses (rule the others out).
  let distinct: Set<String>
  /// A romanized language's host weights, learned from real text
  /// (`Scripts/build-lexicon.py`): per word of ``RomanizedLexicon/hostWords``, in the same
  /// order, quarters of log10 of how much likelier a sentence of this language is to hold it
  /// than one of another romanized language. Empty: none learned.
  let hostWeights: [Int8]

  init(
    flores: String, script: Script? = nil, inModel: Bool = false, romanized: Bool = false,
    prior: Float = 0, fitFloors: (all: Float, long: Float)? = nil, stream: LineLabel,
    markers: Set<String> = [], distinct: Set<String> = [], hostWeights: [Int8] = []
  ) {
    self.hostWeights = hostWeights
    self.fitFloors = fitFloors
    self.flores = flores
    self.script = script
    self.inModel = inModel
    self.romanized = romanized
    self.prior = prior
    self.stream = stream
    self.markers = markers
    self.distinct = distinct
  }
}

/// The label of a whole line (and the name of a `split` stream): a ``Language``, or `mixed`.
public struct LineLabel: RawRepresentable, Hashable, Sendable, Codable, CaseIterable,
  CustomStringConvertible
{
  public let rawValue: String

  public init?(rawValue: String) {
    guard rawValue == "mixed" || Language(rawValue: rawValue) != nil else { return nil }
    self.rawValue = rawValue
  }

  /// The line label for a single language.
  public init(_ language: Language) { rawValue = language.rawValue }

  private init(mixed: Void) { rawValue = "mixed" }

  public static let en = LineLabel(.en)
  public static let bn = LineLabel(.bn)
  public static let bnLatn = LineLabel(.bnLatn)
  public static let hiLatn = LineLabel(.hiLatn)
  public static let `as` = LineLabel(.as)
  public static let other = LineLabel(.other)
  public static let neutral = LineLabel(.neutral)
  /// A line with a real language switch (see ``LineClassifier``).
  public static let mixed = LineLabel(mixed: ())

  /// Every label, in table order, then `mixed`.
  public static let allCases: [LineLabel] = Language.allCases.map(LineLabel.init) + [.mixed]

  /// The span language of this label (nil for `mixed`).
  public var language: Language? { Language(rawValue: rawValue) }

  public var description: String { rawValue }
}
