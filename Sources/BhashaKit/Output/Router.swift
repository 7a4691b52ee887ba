/// Where `split` sends a line whose label is `mixed`.
public enum MixedMode: String, Sendable, CaseIterable {
  /// The whole line goes to its matrix language's stream; embedded words stay for the translator.
  case matrix
  /// Mixed lines get a stream of their own, `NAME.mixed.txt`.
  case separate
  /// Mixed lines are cut at language switches; each piece goes to its language's stream.
  case spans
}

/// A piece of a line and the stream it goes to.
public struct RoutedPiece: Sendable, Equatable {
  public var stream: LineLabel
  /// Byte range in the line's content.
  public var range: Range<Int>

  public init(stream: LineLabel, range: Range<Int>) {
    self.stream = stream
    self.range = range
  }
}

/// Decides the output stream of each line (or piece of a line) for `split`.
///
/// Streams are named by line label: `en`, `bn`, `other`, `neutral` and (with
/// ``MixedMode/separate``) `mixed`.
public struct Router: Sendable {
  public let mixed: MixedMode

  public init(mixed: MixedMode = .matrix) { self.mixed = mixed }

  /// The stream for a whole line with `analysis` (for ``MixedMode/spans``, its matrix stream).
  public func stream(for analysis: LineAnalysis) -> LineLabel {
    guard analysis.label == .mixed else { return analysis.label }
    switch mixed {
    case .separate: return .mixed
    case .matrix, .spans: return analysis.matrix.map(LineLabel.init) ?? .neutral
    }
  }

  /// The pieces of a line and their streams; the pieces tile the content (one piece for an empty
  /// line).
  ///
  /// Only ``MixedMode/spans`` cuts, and only `mixed` lines: at each switch between languages.
  /// Embedded spans stay in their sentence's piece, and neutral spans (numbers, URLs) stay with
  /// the piece before them (the piece after, at the start of a line), so no number is cut from
  /// its sentence.
  public func pieces(for analysis: LineAnalysis, contentLength: Int) -> [RoutedPiece] {
    guard mixed == .spans, analysis.label == .mixed, let matrix = analysis.matrix else {
      return [RoutedPiece(stream: stream(for: analysis), range: 0..<contentLength)]
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
      let stream = LineLabel(span.embedded ? host(k) : span.language)
      let start = pendingStart ?? span.start
      pendingStart = nil
      if let last = pieces.last, last.stream == stream {
        pieces[pieces.count - 1].range = last.range.lowerBound..<span.end
      } else {
        pieces.append(RoutedPiece(stream: stream, range: start..<span.end))
      }
    }
    if pieces.isEmpty {
      return [RoutedPiece(stream: stream(for: analysis), range: 0..<contentLength)]
    }
    return pieces
  }
}
