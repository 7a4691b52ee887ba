import Foundation

/// Bhasha's within-script model: character n-grams (orders 1–4) and word lists for English,
/// romanized Bengali and 26 other Latin-script languages, an Assamese word list, and two sets of
/// words that tell Assamese from Bengali where no র, ৰ or ৱ does.
///
/// Built by `Scripts/build-model.sh` into `Resources/languages.bin` (format documented in
/// `Scripts/build-model.py`); loaded once, read-only, shared by all threads.
public final class LanguageModel: Sendable {
  /// Language codes, in model order: `en`, `bn-Latn`, then the others (`de`, `fr`, …).
  public let codes: [String]
  /// -log10 p of an unseen n-gram, per language and order: `floors[language * 4 + order - 1]`.
  let floors: [Float]
  let words: Table
  let grams: Table
  /// Assamese words written for the project (NFC), for Bengali-script text without ৰ or ৱ.
  public let assameseWords: Set<String>
  /// The same words as look-up keys (``ClauseMarkers/key(_:)``).
  let assameseKeys: Set<[UInt32]>
  /// Hashes (FNV-1a of the key's UTF-8) of words of Tesseract's Assamese list that wordfreq's
  /// Bengali list lacks, and of frequent Bengali words that the Assamese list lacks (words
  /// spelled with র, ৰ or ৱ left out).
  let assameseOnly: Set<UInt64>
  let bengaliOnly: Set<UInt64>

  /// Log-probabilities are stored as bytes: -log10 p × 16.
  static let quant: Float = 16

  /// A hash table of keys (FNV-1a of UTF-8) to (language, -log10 p) entries.
  struct Table: Sendable {
    var hashes: [UInt64]
    var offsets: [UInt32]
    /// language << 8 | quantized -log10 p
    var entries: [UInt16]

    /// The entries of `hash`, as an index range into `entries`.
    func find(_ hash: UInt64) -> Range<Int>? {
      var lo = 0
      var hi = hashes.count
      while lo < hi {
        let mid = (lo + hi) >> 1
        let h = hashes[mid]
        if h == hash { return Int(offsets[mid])..<Int(offsets[mid + 1]) }
        if h < hash { lo = mid + 1 } else { hi = mid }
      }
      return nil
    }
  }

  /// The model found by ``locate()``, or nil if none could be loaded. The CLI refuses to run
  /// without it (exit 69) unless asked for the script-only rule; it never falls back silently.
  public static var bundled: LanguageModel? { try? located.get().model }

  /// The result of ``locate()``, computed once.
  public static let located: Result<Located, BhashaError> = locate()

  /// A loaded model and where it came from.
  public struct Located: Sendable {
    public var model: LanguageModel
    /// The file it was read from.
    public var path: String
    /// The file's size in bytes.
    public var bytes: Int
    /// The file's SHA-256 (64 hex digits): what manifests and stats reports name it by.
    public var sha256: String
  }

  /// The model's file name.
  public static let fileName = "languages.bin"
  /// An environment variable naming the model file; when set, the only place looked at.
  public static let environmentVariable = "BHASHA_MODEL"

  /// Where the model is looked for, in order: `$BHASHA_MODEL` alone if set; else beside the
  /// executable, in `../share/bhasha/` from it (an install under a prefix), and in SwiftPM's
  /// resource folder beside it (a build folder).
  public static func searchPaths(environment: String?, executable: String) -> [String] {
    if let environment, !environment.isEmpty { return [environment] }
    let folder = executable.lastIndex(of: "/").map { String(executable[..<$0]) } ?? "."
    return [
      "\(folder)/\(fileName)", "\(folder)/../share/bhasha/\(fileName)",
      "\(folder)/Bhasha_BhashaKit.resources/\(fileName)",
    ]
  }

  /// Finds and loads the model.
  ///
  /// - Returns: the model, or ``BhashaError/modelUnavailable(searched:reason:)`` naming every
  ///   place looked at, or the file that could not be read and why.
  public static func locate() -> Result<Located, BhashaError> {
    let environment = ProcessInfo.processInfo.environment[environmentVariable]
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments.first ?? "."
    let paths = searchPaths(environment: environment, executable: executable)
    for path in paths where FileManager.default.fileExists(atPath: path) {
      guard let data = FileManager.default.contents(atPath: path) else {
        return .failure(.modelUnavailable(searched: [path], reason: "cannot be read"))
      }
      do {
        let model = try LanguageModel(data: [UInt8](data))
        var hash = SHA256()
        hash.update(data)
        return .success(
          Located(model: model, path: path, bytes: data.count, sha256: hash.hexDigest()))
      } catch {
        return .failure(.modelUnavailable(searched: [path], reason: "\(error)"))
      }
    }
    return .failure(.modelUnavailable(searched: paths, reason: "not found"))
  }

  /// The model's error: a file that is not a Bhasha language model.
  public struct FormatError: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// Reads a model file.
  ///
  /// - Throws: ``FormatError`` for anything but a version-2 model.
  public init(data: [UInt8]) throws {
    var reader = Reader(bytes: data)
    guard try reader.bytes(4) == Array("BHLM".utf8), try reader.u16() == 2 else {
      throw FormatError(description: "not a Bhasha language model (version 2)")
    }
    let count = Int(try reader.u16())
    var codes: [String] = []
    for _ in 0..<count {
      let n = Int(try reader.u8())
      codes.append(String(decoding: try reader.bytes(n), as: UTF8.self))
    }
    self.codes = codes
    floors = try reader.bytes(count * 4).map { -Float($0) / Self.quant }
    func table() throws -> Table {
      let keys = Int(try reader.u32())
      let hashes: [UInt64] = try reader.array(keys)
      let offsets: [UInt32] = try reader.array(keys + 1)
      let total = Int(offsets.last ?? 0)
      // Entries are (language, value) byte pairs: as little-endian UInt16 that is
      // value << 8 | language; swap to language << 8 | value.
      let raw: [UInt16] = try reader.array(total)
      return Table(
        hashes: hashes, offsets: offsets, entries: raw.map { ($0 & 0xFF) << 8 | $0 >> 8 })
    }
    words = try table()
    grams = try table()
    var assamese = Set<String>()
    for _ in 0..<Int(try reader.u32()) {
      let n = Int(try reader.u8())
      assamese.insert(String(decoding: try reader.bytes(n), as: UTF8.self))
    }
    assameseWords = assamese
    assameseKeys = ClauseMarkers.keys(assamese)
    func hashSet() throws -> Set<UInt64> {
      Set(try reader.array(Int(try reader.u32())) as [UInt64])
    }
    assameseOnly = try hashSet()
    bengaliOnly = try hashSet()
  }

  /// The hash under which a Bengali-script word (a ``ClauseMarkers/key(_:)``) is listed in
  /// ``assameseOnly`` and ``bengaliOnly``.
  static func hash(key: [UInt32]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) func mix(_ byte: UInt32) {
      h ^= UInt64(byte & 0xFF)
      h &*= 0x100_0000_01b3
    }
    for v in key {
      switch v {
      case ..<0x80:
        mix(v)
      case ..<0x800:
        mix(0xC0 | v >> 6)
        mix(0x80 | v & 0x3F)
      case ..<0x10000:
        mix(0xE0 | v >> 12)
        mix(0x80 | v >> 6 & 0x3F)
        mix(0x80 | v & 0x3F)
      default:
        mix(0xF0 | v >> 18)
        mix(0x80 | v >> 12 & 0x3F)
        mix(0x80 | v >> 6 & 0x3F)
        mix(0x80 | v & 0x3F)
      }
    }
    return h
  }

  /// FNV-1a, 64-bit, as the build script computes it.
  @inline(__always)
  static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h ^= UInt64(b)
      h = h &* 0x0000_0100_0000_01b3
    }
    return h
  }

  /// Log10 scores of one lowercased word in each language (model order): its character n-grams
  /// (orders 1–4, with `<` and `>` marking its edges), plus ``wordBonus`` where the word is in a
  /// language's word list.
  ///
  /// - Complexity: O(n log k) for n letters and k n-grams in the model.
  public func score(word: [UInt8]) -> [Float] {
    var scores = [Float](repeating: 0, count: codes.count)
    var padded = [UInt8]()
    padded.reserveCapacity(word.count + 2)
    padded.append(0x3C)
    padded += word
    padded.append(0x3E)
    // Code point starts, so that n-grams are whole characters.
    var starts: [Int] = []
    for (i, b) in padded.enumerated() where b & 0xC0 != 0x80 { starts.append(i) }
    starts.append(padded.count)
    padded.withUnsafeBufferPointer { buffer in
      for order in 1...4 {
        guard starts.count - 1 >= order else { break }
        for i in 0..<(starts.count - 1 - order + 1) {
          let gram = UnsafeBufferPointer(rebasing: buffer[starts[i]..<starts[i + order]])
          var seen = [Bool](repeating: false, count: codes.count)
          if let range = grams.find(Self.fnv1a(gram)) {
            for e in grams.entries[range] {
              let language = Int(e >> 8)
              scores[language] -= Float(e & 0xFF) / Self.quant
              seen[language] = true
            }
          }
          for language in 0..<codes.count where !seen[language] {
            scores[language] += floors[language * 4 + order - 1]
          }
        }
      }
      let inner = UnsafeBufferPointer(rebasing: buffer[1..<(buffer.count - 1)])
      if let range = words.find(Self.fnv1a(inner)) {
        for e in words.entries[range] { scores[Int(e >> 8)] += Self.wordBonus }
      }
    }
    return scores
  }

  /// Added to a language's score for a word in its word list.
  static let wordBonus: Float = 5
}

/// Reads little-endian values from bytes.
private struct Reader {
  let bytes: [UInt8]
  var at = 0

  mutating func bytes(_ n: Int) throws -> [UInt8] {
    guard n >= 0, at + n <= bytes.count else {
      throw LanguageModel.FormatError(description: "truncated language model")
    }
    defer { at += n }
    return Array(bytes[at..<(at + n)])
  }
  /// `count` little-endian integers, read in one copy.
  mutating func array<T: FixedWidthInteger>(_ count: Int) throws -> [T] {
    let size = count * MemoryLayout<T>.size
    guard count >= 0, at + size <= bytes.count else {
      throw LanguageModel.FormatError(description: "truncated language model")
    }
    let start = at
    at += size
    return bytes.withUnsafeBytes { raw in
      (0..<count).map {
        T(
          littleEndian: raw.loadUnaligned(
            fromByteOffset: start + $0 * MemoryLayout<T>.size, as: T.self))
      }
    }
  }
  mutating func u8() throws -> UInt8 { try bytes(1)[0] }
  mutating func u16() throws -> UInt16 {
    let b = try bytes(2)
    return UInt16(b[0]) | UInt16(b[1]) << 8
  }
  mutating func u32() throws -> UInt32 {
    let b = try bytes(4)
    return b.enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
  }
  mutating func u64() throws -> UInt64 {
    let b = try bytes(8)
    return b.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
  }
}
