import Foundation

/// Bhasha's library: pure stages that find, split and count English and Bengali in mixed text.
///
/// Data flows one way: bytes → ``LineSplitter`` → ``Line`` → ``ScriptProfile`` →
/// ``LanguageIdentifier`` → ``LineClassifier`` → consumers (``StatsAccumulator``, writers).
public enum BhashaKit {
  /// The tool's version.
  public static let version = "0.1.0"

  /// How manifests and stats reports name the model they were made with: `script-only`, or
  /// the first 16 hex digits of the model file's SHA-256 (`4282c080f85de63d`).
  public static func modelID(scriptOnly: Bool) -> String {
    if scriptOnly { return "script-only" }
    guard case .success(let located) = LanguageModel.located else { return "none" }
    return String(located.sha256.prefix(16))
  }

  /// What `bhasha --version` prints: the tool, the language model (where it was found, its
  /// size and SHA-256) and ICU.
  ///
  ///     bhasha 0.1.0
  ///     model: languages.bin v3, built 2026-11-21 by Scripts/build-model.sh (…), 6069256 bytes,
  ///       sha256 4bc5e2…, from /usr/local/bin/../share/bhasha
  ///     ICU: 72.1
  public static func versionReport() -> String {
    var lines = ["bhasha \(version)"]
    switch LanguageModel.located {
    case .success(let located):
      let folder = located.path.lastIndex(of: "/").map { String(located.path[..<$0]) } ?? "."
      // The build date is kept beside the model (languages.info), not in it.
      let infoPath =
        (located.path.hasSuffix(".bin") ? String(located.path.dropLast(4)) : located.path)
        + ".info"
      let info = FileManager.default.contents(atPath: infoPath).map {
        String(decoding: $0, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
      }
      lines.append(
        "model: \(LanguageModel.fileName) v\(LanguageModel.formatVersion), \(info ?? "build date unknown"), \(located.bytes) bytes, sha256 \(located.sha256), "
          + "from \(RawPath.display(folder))")
    case .failure(let error):
      lines.append("model: unavailable: \(error.description)")
    }
    lines.append("ICU: \(icuVersion)")
    return lines.joined(separator: "\n") + "\n"
  }
}
