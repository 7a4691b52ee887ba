/// What Bhasha found in one line.
public struct LineAnalysis: Sendable, Equatable {
  /// The line's label.
  public var label: LineLabel
  /// The language carrying the line (most letters, ties to the first); nil for neutral lines.
  public var matrix: Language?
  /// Confidence in the matrix language, 0…1: its share of the letters times n/(n+1) for n
  /// letters, so that a line of 41 Bengali letters scores 0.98 and a lone letter 0.5.
  /// Neutral lines score 1.
  public var confidence: Double
  /// Letters per script outside neutral units (URLs, numbers with units…), counted in canonical
  /// decomposition so that ো and ে + া count alike. Always holds `Beng` and `Latn`.
  public var letters: [(script: Script, count: Int)]
  /// Letters per language, in order of first appearance.
  public var languageLetters: [(language: Language, count: Int)]
  /// Code points in the content (each invalid byte counts as one U+FFFD).
  public var codepoints: Int
  /// Bytes of invalid UTF-8 in the content.
  public var invalidBytes: Int
  /// Offset in the content of the first invalid byte.
  public var firstInvalidOffset: Int?
  /// Scalar ranges of the neutral units found.
  public var neutralUnits: [Range<Int>]

  public static func == (a: LineAnalysis, b: LineAnalysis) -> Bool {
    a.label == b.label && a.matrix == b.matrix && a.confidence == b.confidence
      && a.letters.elementsEqual(b.letters, by: { $0 == $1 })
      && a.invalidBytes == b.invalidBytes && a.codepoints == b.codepoints
  }
}

/// Labels a line from its letters: `en`, `bn`, `other`, `neutral` or `mixed`.
///
/// - A line with no letters outside neutral units is `neutral`.
/// - Its *matrix language* has the most letters (ties go to the language met first).
/// - It is `mixed` when a second language holds at least ``mixedMinimumLetters`` letters and
///   at least ``mixedMinimumShare`` of all letters; otherwise it takes its matrix language.
///
///     LineClassifier().classify(Array("আমি ভাত খাই।".utf8)).label   // .bn
///     LineClassifier().classify(Array("21.9 C".utf8)).label         // .neutral
public struct LineClassifier: Sendable {
  /// A second language needs at least this share of the line's letters to make it `mixed`.
  public static let mixedMinimumShare = 0.15
  /// …and at least this many letters.
  public static let mixedMinimumLetters = 3

  public let identifier: LanguageIdentifier

  public init(identifier: LanguageIdentifier = LanguageIdentifier()) {
    self.identifier = identifier
  }

  /// Classifies a line's content (without its terminator).
  ///
  /// - Complexity: O(n) in the line's bytes.
  public func classify(_ content: [UInt8]) -> LineAnalysis {
    let profile = ScriptProfile(content)
    let units = NeutralUnits.find(in: profile, bytes: content)
    // Letters per script, in order of first appearance (Bengali and Latin in fixed slots).
    var latin = 0
    var bengali = 0
    var others: [(script: Script, count: Int)] = []
    var order: [Script] = []
    var unitIndex = 0
    profile.scalars.withUnsafeBufferPointer { scalars in
      for index in scalars.indices where scalars[index].kind == .letter {
        let scalar = scalars[index]
        while unitIndex < units.count, units[unitIndex].upperBound <= index { unitIndex += 1 }
        if unitIndex < units.count, units[unitIndex].contains(index) { continue }
        let weight = scalar.letterWeight
        switch scalar.script {
        case .latin:
          if latin == 0 { order.append(.latin) }
          latin += weight
        case .bengali:
          if bengali == 0 { order.append(.bengali) }
          bengali += weight
        default:
          if let k = others.firstIndex(where: { $0.script == scalar.script }) {
            others[k].count += weight
          } else {
            others.append((scalar.script, weight))
            order.append(scalar.script)
          }
        }
      }
    }
    // Letters per language, through the identifier, in order of first appearance.
    var languages: [(language: Language, count: Int)] = []
    for script in order {
      let count =
        script == .latin
        ? latin
        : script == .bengali
          ? bengali
          : others.first(where: { $0.script == script })?.count ?? 0
      let language = identifier.language(of: script)
      if let k = languages.firstIndex(where: { $0.language == language }) {
        languages[k].count += count
      } else {
        languages.append((language, count))
      }
    }
    let letters = [(Script.bengali, bengali), (Script.latin, latin)] + others
    let total = languages.reduce(0) { $0 + $1.count }
    var analysis = LineAnalysis(
      label: .neutral, matrix: nil, confidence: 1, letters: letters, languageLetters: languages,
      codepoints: profile.scalars.count, invalidBytes: profile.invalidBytes,
      firstInvalidOffset: profile.firstInvalidOffset, neutralUnits: units)
    guard total > 0 else { return analysis }
    // Stable sort: ties keep first-appearance order.
    let ranked = languages.enumerated().sorted {
      $0.element.count != $1.element.count
        ? $0.element.count > $1.element.count : $0.offset < $1.offset
    }.map(\.element)
    let matrix = ranked[0]
    analysis.matrix = matrix.language
    let n = Double(total)
    analysis.confidence = (Double(matrix.count) / n) * (n / (n + 1))
    if ranked.count > 1, ranked[1].count >= Self.mixedMinimumLetters,
      Double(ranked[1].count) / n >= Self.mixedMinimumShare
    {
      analysis.label = .mixed
    } else {
      analysis.label = LineLabel(matrix.language)
    }
    return analysis
  }
}
