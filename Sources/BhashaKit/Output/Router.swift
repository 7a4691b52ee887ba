/// Where `split` sends a line whose label is `mixed`.
public enum MixedMode: String, Sendable, CaseIterable {
  /// The whole line goes to its matrix language's stream; embedded words stay for the translator.
  case matrix
  /// Mixed lines get a stream of their own, `NAME.mixed.txt`.
  case separate
}

/// Decides the output stream of each line for `split`.
///
/// Streams are named by line label: `en`, `bn`, `other`, `neutral` and (with
/// ``MixedMode/separate``) `mixed`.
public struct Router: Sendable {
  public let mixed: MixedMode

  public init(mixed: MixedMode = .matrix) { self.mixed = mixed }

  /// The stream for a line with `analysis`.
  public func stream(for analysis: LineAnalysis) -> LineLabel {
    guard analysis.label == .mixed else { return analysis.label }
    switch mixed {
    case .separate: return .mixed
    case .matrix: return analysis.matrix.map(LineLabel.init) ?? .neutral
    }
  }
}
