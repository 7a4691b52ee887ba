/// Bhasha's library: pure stages that find, split and count English and Bengali in mixed text.
///
/// Data flows one way: bytes → ``LineSplitter`` → ``Line`` → ``ScriptProfile`` →
/// ``LanguageIdentifier`` → ``LineClassifier`` → consumers (``StatsAccumulator``, writers).
public enum BhashaKit {
  /// The version printed by `bhasha --version`.
  public static let version = "0.1.0"
}
