/// Where `split` sends a line whose label is `mixed`.
public enum MixedMode: String, Sendable, CaseIterable {
  /// The whole line goes to its matrix language's stream; embedded words stay for the translator.
  case matrix
  /// Mixed lines get a stream of their own, `NAME.mixed.txt`.
  case separate
  /// Mixed lines are cut at language switches; each piece goes to its language's stream.
  case spans
}

/// Where romanized Bengali (`bn-Latn`) goes: `split --romanized`, shorthand for
/// `--route bn-Latn=STREAM`.
public enum RomanizedMode: String, Sendable, CaseIterable {
  /// To the `bn` stream (marked `bn-Latn` in the manifest): it is Bengali to translate.
  case bn
  /// To a stream of its own, `NAME.bn-Latn.txt`.
  case separate
  /// To the `other` stream.
  case other

  /// The stream this mode sends romanized Bengali to.
  public var stream: LineLabel {
    switch self {
    case .bn: return .bn
    case .separate: return .bnLatn
    case .other: return .other
    }
  }
}

/// Where Assamese (`as`) goes: `split --assamese`, shorthand for `--route as=STREAM`.
public enum AssameseMode: String, Sendable, CaseIterable {
  /// To the `other` stream.
  case other
  /// To the `bn` stream (marked `as` in the manifest).
  case bn
  /// To a stream of its own, `NAME.as.txt`.
  case separate

  /// The stream this mode sends Assamese to.
  public var stream: LineLabel {
    switch self {
    case .other: return .other
    case .bn: return .bn
    case .separate: return .as
    }
  }
}

/// A piece of a line, its label, and the stream it goes to.
@_spi(Stages) public struct RoutedPiece: Sendable, Equatable {
  public var stream: LineLabel
  /// Byte range in the line's content.
  public var range: Range<Int>
  /// The piece's own label (`bn-Latn` in the `bn` stream…).
  public var label: LineLabel

  public init(stream: LineLabel, range: Range<Int>, label: LineLabel? = nil) {
    self.stream = stream
    self.range = range
    self.label = label ?? stream
  }
}

/// Decides the output stream of each line (or piece of a line) for `split`.
///
/// Streams are named by line label: `en`, `bn`, `other`, `neutral`, a language's own stream
/// (`bn-Latn`, `hi-Latn`, `as`) and (with ``MixedMode/separate``) `mixed`. Each language goes
/// to its table row's stream (``LanguageInfo/stream``: `bn-Latn` to `bn`, `hi-Latn` and `as`
/// to `other`) unless ``routes`` says otherwise.
public struct Router: Sendable {
  public let mixed: MixedMode
  /// Streams per language that differ from the table's (`split --route CODE=STREAM`).
  public let routes: [Language: LineLabel]

  /// - Parameters:
  ///   - romanized, assamese: shorthands for `routes[.bnLatn]` and `routes[.as]` (an entry in
  ///     `routes` wins).
  public init(
    mixed: MixedMode = .matrix, romanized: RomanizedMode? = nil, assamese: AssameseMode? = nil,
    routes: [Language: LineLabel] = [:]
  ) {
    self.mixed = mixed
    var all: [Language: LineLabel] = [:]
    if let romanized { all[.bnLatn] = romanized.stream }
    if let assamese { all[.as] = assamese.stream }
    all.merge(routes) { $1 }
    self.routes = all
    streams = Dictionary(
      uniqueKeysWithValues: Language.allCases.map { ($0, all[$0] ?? $0.info.stream) })
  }

  /// Every language's stream (``routes`` over the table's), worked out once.
  private let streams: [Language: LineLabel]

  /// The label of a whole line with `analysis` in stream terms (for ``MixedMode/spans``, its
  /// matrix language).
  public func label(for analysis: LineAnalysis) -> LineLabel {
    guard analysis.label == .mixed else { return analysis.label }
    switch mixed {
    case .separate: return .mixed
    case .matrix, .spans: return analysis.matrix.map(LineLabel.init) ?? .neutral
    }
  }

  /// The stream for a whole line with `analysis`.
  public func stream(for analysis: LineAnalysis) -> LineLabel { stream(for: label(for: analysis)) }

  /// The stream for a label: its route, else its table row's stream (`mixed` is `mixed`).
  public func stream(for label: LineLabel) -> LineLabel {
    guard let language = label.language else { return label }
    return streams[language] ?? language.info.stream
  }

  /// The pieces of a line and their streams; the pieces tile the content (one piece for an empty
  /// line).
  ///
  /// Only ``MixedMode/spans`` cuts, and only `mixed` lines: at each switch between languages.
  /// Embedded spans stay in their sentence's piece, and neutral spans (numbers, URLs) stay with
  /// the piece before them (the piece after, at the start of a line), so no number is cut from
  /// its sentence.
  @_spi(Stages) public func pieces(for analysis: LineAnalysis, contentLength: Int) -> [RoutedPiece]
  {
    guard mixed == .spans, analysis.label == .mixed, let matrix = analysis.matrix else {
      let label = label(for: analysis)
      return [RoutedPiece(stream: stream(for: label), range: 0..<contentLength, label: label)]
    }
    let spans = analysis.spans
    /// An embedded span goes with its sentence: the nearest span before it (else after it) in
    /// a language of its own right.
    func host(_ k: Int) -> Language {
      let carrier = { (s: LanguageSpan) in s.language != .neutral && !s.embedded }
      if let before = spans[..<k].last(where: carrier) { return before.language }
      if let after = spans[(k + 1)...].first(where: carrier) { return after.language }
      return matrix
    }
    var pieces: [RoutedPiece] = []
    var pendingStart: Int? = nil  // neutral spans at the start of the line
    for (k, span) in spans.enumerated() {
      if span.language == .neutral {
        if pieces.isEmpty {
          pendingStart = pendingStart ?? span.start
        } else {
          pieces[pieces.count - 1].range = pieces[pieces.count - 1].range.lowerBound..<span.end
        }
        continue
      }
      let label = LineLabel(span.embedded ? host(k) : span.language)
      let stream = stream(for: label)
      let start = pendingStart ?? span.start
      pendingStart = nil
      if let last = pieces.last, last.label == label {
        pieces[pieces.count - 1].range = last.range.lowerBound..<span.end
      } else {
        pieces.append(RoutedPiece(stream: stream, range: start..<span.end, label: label))
      }
    }
    if pieces.isEmpty {
      let label = label(for: analysis)
      return [RoutedPiece(stream: stream(for: label), range: 0..<contentLength, label: label)]
    }
    return pieces
  }
}
