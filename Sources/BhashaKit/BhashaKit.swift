import Foundation

/// Bhasha's library: pure stages that find, split and count English and Bengali in mixed text.
///
/// Data flows one way: bytes → ``LineSplitter`` → ``Line`` → ``ScriptProfile`` →
/// ``LanguageIdentifier`` → ``LineClassifier`` → consumers (``StatsAccumulator``, writers).
public enum BhashaKit {
  /// The tool's version.
  public static let version = "0.1.0"

  /// How manifests and stats reports name the model they were made with: `script-only`, or
  /// the first 16 hex digits of the model file's SHA-256 (`4bc5e290202a7d91`).
  public static func modelID(scriptOnly: Bool) -> String {
    if scriptOnly { return "script-only" }
    guard case .success(let located) = LanguageModel.located else { return "none" }
    return String(located.sha256.prefix(16))
  }

  /// What `bhasha --version` prints: the tool, the language model (where it was found, its
  /// size and SHA-256) and ICU.
  ///
  ///     bhasha 0.1.0
  ///     model: languages.bin v2, 4199749 bytes, sha256 3f5c0e…, from /usr/local/share/bhasha
  ///     ICU: 72.1
  public static func versionReport() -> String {
    var lines = ["bhasha \(version)"]
    switch LanguageModel.located {
    case .success(let located):
      let folder = located.path.lastIndex(of: "/").map { String(located.path[..<$0]) } ?? "."
      lines.append(
        "model: \(LanguageModel.fileName) v2, \(located.bytes) bytes, sha256 \(located.sha256), "
          + "from \(RawPath.display(folder))")
    case .failure(let error):
      lines.append("model: unavailable: \(error.description)")
    }
    lines.append("ICU: \(icuVersion)")
    return lines.joined(separator: "\n") + "\n"
  }
}
