import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Bhasha's within-script model: character n-grams (orders 1–4) and word lists for English,
/// romanized Bengali and 26 other Latin-script languages, an Assamese word list, and two sets of
/// words that tell Assamese from Bengali where no র, ৰ or ৱ does.
///
/// Built by `Scripts/build-model.sh` into `Resources/languages.bin` (format documented in
/// `Scripts/build-model.py`); memory-mapped once and read in place (its hash tables are not
/// parsed or copied, so a process starts in milliseconds), read-only, shared by all threads.
@_spi(Stages) public final class LanguageModel: Sendable {
  /// Language codes, in model order (`en`, `bn-Latn`, `ca`, …, `hi-Latn`). Code looks a
  /// language up by its code (``slot(_:)``), never by its position.
  public let codes: [String]

  /// The position of `code` in ``codes`` (its scores' index), or nil if the model lacks it.
  public func slot(_ code: String) -> Int? { codes.firstIndex(of: code) }
  /// -log10 p of an unseen n-gram, per order and language, in sixteenths:
  /// `floorRows[(order - 1) << 8 + language]`, 256 per order (0 past the model's languages), so
  /// that any entry language indexes them.
  let floorRows: [Int32]
  let words: Table
  let grams: Table
  /// Assamese words written for the project (NFC), for Bengali-script text without ৰ or ৱ.
  public let assameseWords: Set<String>
  /// The same words' look-up keys (``ClauseMarkers/key(_:)``), hashed by ``hash(key:)``.
  let assameseKeyHashes: Set<UInt64>
  /// Hashes (FNV-1a of the key's UTF-8) of words of Tesseract's Assamese list that wordfreq's
  /// Bengali list lacks, and of frequent Bengali words that the Assamese list lacks (words
  /// spelled with র, ৰ or ৱ left out), as hash sets.
  let assameseOnly: HashSlots
  let bengaliOnly: HashSlots
  /// The file's bytes (mapped), kept for as long as the model lives.
  let storage: ModelBytes

  /// The model file's format version (`Scripts/build-model.py` documents it).
  public static let formatVersion: UInt16 = 3

  /// Log-probabilities are stored as bytes: -log10 p × 16.
  static let quant: Float = 16
  /// At most this many languages (a bit mask of them is one `UInt64`).
  static let maxLanguages = 64

  /// Slots of 64-bit hashes read in place from the model file (format version 3; see
  /// `Scripts/build-model.py`). A slot holds ``mix(_:)`` of a key's FNV-1a hash; its home slot
  /// is `(mixed × homes) >> 64`, and the mixed hashes were placed in ascending order at the
  /// first free slot from their homes, so every run of slots is sorted and a lookup stops at an
  /// empty slot (0) or a larger value.
  struct HashSlots: @unchecked Sendable {
    let base: UnsafeRawPointer
    let homes: Int
    let count: Int
    /// Bytes per slot (the hash is its first 8).
    let stride: Int

    /// The slot of `hash`, or nil.
    ///
    /// - Complexity: O(1) expected: about 3 slots at the file's load of 0.8 keys per home, read
    ///   from one or two cache lines.
    @inline(__always)
    func slot(of fnv: UInt64) -> Int? {
      let (hash, home) = self.home(of: fnv)
      return slot(of: hash, from: home)
    }

    /// The mixed hash of `fnv` and its home slot, where its search starts.
    @inline(__always)
    func home(of fnv: UInt64) -> (hash: UInt64, slot: Int) {
      let hash = Self.mix(fnv)
      return (hash, Int(truncatingIfNeeded: hash.multipliedFullWidth(by: UInt64(homes)).high))
    }

    /// Slot `i`'s hash (0, as an empty slot, past the end).
    @inline(__always)
    func hash(at i: Int) -> UInt64 {
      i < count
        ? UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i &* stride, as: UInt64.self))
        : 0
    }

    /// The slot of the mixed hash `hash`, searched from slot `i` on, or nil.
    @inline(__always)
    func slot(of hash: UInt64, from i: Int) -> Int? {
      slot(of: hash, from: i, first: self.hash(at: i))
    }

    /// ``slot(of:from:)`` where slot `start`'s hash, `first`, was read already.
    @inline(__always)
    func slot(of hash: UInt64, from start: Int, first: UInt64) -> Int? {
      var i = start
      var h = first
      while i < count {
        if h == hash { return i }
        if h == 0 || h > hash { return nil }
        i &+= 1
        h = self.hash(at: i)
      }
      return nil
    }

    func contains(_ hash: UInt64) -> Bool { slot(of: hash) != nil }

    /// MurmurHash3's 64-bit finalizer, as `build-model.py` applies it: a bijection that spreads
    /// FNV-1a's high bits, which for keys of a few bytes cluster (runs of slots grew to
    /// thousands without it).
    @inline(__always)
    static func mix(_ h: UInt64) -> UInt64 {
      var h = h
      h ^= h >> 33
      h &*= 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 33
      h &*= 0xC4CE_B9FE_1A85_EC53
      h ^= h >> 33
      return h
    }
  }

  /// A hash table of keys (FNV-1a of UTF-8) to (language, -log10 p) entries, read in place:
  /// 16-byte slots of the hash, the entry count and up to 3 entries; longer entry lists lie in
  /// an overflow array.
  struct Table: @unchecked Sendable {
    let slots: HashSlots
    /// Little-endian UInt16 entries: quantized -log10 p << 8 | language.
    let overflow: UnsafeRawPointer
    let overflowCount: Int

    /// The entries of `hash`: where they start and how many. Overflow indices are checked here
    /// and entry languages where they are used (not at load, which would read the whole file):
    /// a corrupt file gives wrong scores, never a bad read.
    @inline(__always)
    func find(_ hash: UInt64) -> (entries: UnsafeRawPointer, count: Int)? {
      guard let i = slots.slot(of: hash) else { return nil }
      return entries(ofSlot: i)
    }

    /// The entries of slot `i` (a slot ``HashSlots/slot(of:from:)`` found).
    @inline(__always)
    func entries(ofSlot i: Int) -> (entries: UnsafeRawPointer, count: Int)? {
      let slot = slots.base + i &* 16
      let n = Int(UInt16(littleEndian: slot.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
      if n <= 3 { return (slot + 10, n) }
      let at = Int(UInt32(littleEndian: slot.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
      guard at <= overflowCount, n <= overflowCount - at else { return nil }
      return (overflow + at &* 2, n)
    }

    /// Entry `k` of a list from ``find(_:)``: its language and its quantized -log10 p.
    @inline(__always)
    static func entry(_ entries: UnsafeRawPointer, _ k: Int) -> (language: Int, value: UInt8) {
      entry(raw: entries.loadUnaligned(fromByteOffset: k &* 2, as: UInt16.self))
    }

    /// An entry as read from the file (little-endian).
    @inline(__always)
    static func entry(raw: UInt16) -> (language: Int, value: UInt8) {
      let raw = UInt16(littleEndian: raw)
      return (Int(raw & 0xFF), UInt8(raw >> 8))
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
    /// Computed from the mapped bytes when first asked for (not at start-up).
    public var sha256: String { model.sha256 }
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

  /// Finds and maps the model.
  ///
  /// - Returns: the model, or ``BhashaError/modelUnavailable(searched:reason:)`` naming every
  ///   place looked at, or the file that could not be read and why.
  public static func locate() -> Result<Located, BhashaError> {
    let environment = ProcessInfo.processInfo.environment[environmentVariable]
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments.first ?? "."
    let paths = searchPaths(environment: environment, executable: executable)
    for path in paths where access(path, F_OK) == 0 {
      let storage: ModelBytes
      do {
        storage = try ModelBytes(mapping: path)
      } catch {
        return .failure(.modelUnavailable(searched: [path], reason: error.description))
      }
      do {
        let model = try LanguageModel(storage: storage)
        return .success(Located(model: model, path: path, bytes: storage.count))
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

  /// Reads a model from bytes (copied).
  ///
  /// - Throws: ``FormatError`` for anything but a model of ``formatVersion``, naming the
  ///   version found.
  public convenience init(data: [UInt8]) throws {
    try self.init(storage: ModelBytes(copying: data))
  }

  /// Reads a model in place: only the header, the code list and the small word lists are
  /// parsed; the hash tables are used where they lie.
  init(storage: ModelBytes) throws {
    self.storage = storage
    var reader = Reader(base: storage.base, count: storage.count)
    guard try reader.bytes(4) == Array("BHLM".utf8) else {
      throw FormatError(description: "not a Bhasha language model")
    }
    let version = try reader.u16()
    guard version == Self.formatVersion else {
      throw FormatError(
        description: "format version \(version); this bhasha reads version "
          + "\(Self.formatVersion) (Scripts/build-model.py --relayout converts a version-2 file)")
    }
    let count = Int(try reader.u16())
    guard count <= Self.maxLanguages else {
      throw FormatError(description: "more than \(Self.maxLanguages) languages")
    }
    var codes: [String] = []
    for _ in 0..<count {
      let n = Int(try reader.u8())
      codes.append(String(decoding: try reader.bytes(n), as: UTF8.self))
    }
    self.codes = codes
    let floors = try reader.bytes(count * 4).map { Int32($0) }
    var rows = [Int32](repeating: 0, count: 4 << 8)
    for l in 0..<count {
      for order in 1...4 { rows[(order - 1) << 8 + l] = floors[l * 4 + order - 1] }
    }
    floorRows = rows
    // A table's or set's u32 keys, homes and slots.
    func slotCounts() throws -> (homes: Int, count: Int) {
      let keys = Int(try reader.u32())
      let homes = Int(try reader.u32())
      let count = Int(try reader.u32())
      guard keys <= count else {
        throw FormatError(description: "bad hash table in language model")
      }
      return (homes, count)
    }
    func table() throws -> Table {
      let (homes, count) = try slotCounts()
      let overflowCount = Int(try reader.u32())
      try reader.align(64)
      let base = try reader.skip(count, size: 16)
      let overflow = try reader.skip(overflowCount, size: 2)
      return Table(
        slots: HashSlots(base: base, homes: homes, count: count, stride: 16), overflow: overflow,
        overflowCount: overflowCount)
    }
    words = try table()
    grams = try table()
    var assamese = Set<String>()
    for _ in 0..<Int(try reader.u32()) {
      let n = Int(try reader.u8())
      assamese.insert(String(decoding: try reader.bytes(n), as: UTF8.self))
    }
    assameseWords = assamese
    assameseKeyHashes = Set(ClauseMarkers.keys(assamese).map(Self.hash(key:)))
    func hashSet() throws -> HashSlots {
      let (homes, count) = try slotCounts()
      try reader.align(64)
      return HashSlots(base: try reader.skip(count, size: 8), homes: homes, count: count, stride: 8)
    }
    assameseOnly = try hashSet()
    bengaliOnly = try hashSet()
  }

  /// The SHA-256 of the model file (64 hex digits), computed once when first asked for.
  var sha256: String { storage.sha256 }

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
  /// - Complexity: O(n) for n letters (one hash-table lookup per n-gram).
  public func score(word: [UInt8]) -> [Float] {
    [Float](unsafeUninitializedCapacity: codes.count) { buffer, initialized in
      _ = word.withUnsafeBufferPointer { score(word: $0, into: buffer) }
      initialized = codes.count
    }
  }

  /// ``score(word:)`` into `scores` (one slot per language), with scratch space on the stack
  /// (no heap allocation for ordinary words).
  ///
  /// Every value in the model is a whole number of sixteenths, so the sums are exact in
  /// `Float` in any order: they are kept as integers (sixteenths of -log10 p), and each n-gram
  /// costs only its listed entries; the floors of the unlisted languages are added once per
  /// order.
  ///
  /// - Returns: the languages whose word lists have the word: bit l for slot l (slots past 63
  ///   are not reported).
  @discardableResult
  func score(word: UnsafeBufferPointer<UInt8>, into scores: UnsafeMutableBufferPointer<Float>)
    -> UInt64
  {
    let n = codes.count
    var listed: UInt64 = 0
    // 256 sums, one per possible entry language: an entry needs no range check (a corrupt
    // file's languages past the model's only reach sums that are never read). 64-bit, so that
    // no word overflows them (the floors alone come to about 440 per character).
    withUnsafeTemporaryAllocation(of: Int64.self, capacity: 256) { sum in
      sum.initialize(repeating: 0)
      floorRows.withUnsafeBufferPointer { floors in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count + 2) { padded in
          padded[0] = 0x3C
          for (i, b) in word.enumerated() { padded[i + 1] = b }
          padded[word.count + 1] = 0x3E
          withUnsafeTemporaryAllocation(of: Int32.self, capacity: padded.count + 1) { starts in
            // Code point starts, so that n-grams are whole characters.
            var characters = 0
            for i in 0..<padded.count where padded[i] & 0xC0 != 0x80 {
              starts[characters] = Int32(i)
              characters += 1
            }
            starts[characters] = Int32(padded.count)
            let base = UnsafeBufferPointer(padded)
            // Each n-gram's look-up is a cache miss or two in a table of megabytes, so they go
            // in chunks of three passes, each of independent loads that the processor
            // overlaps: every n-gram's home slot; then the rest of each search, and the first
            // entry of each long entry list; then the sums. The sums are of integers, so their
            // order does not matter; a chunk is bounded, so a hostile long word needs no more
            // scratch space than a short one.
            withUnsafeTemporaryAllocation(of: GramProbe.self, capacity: Self.probeChunk) {
              probes in
              // The next n-gram: its order and its first character.
              var order = 1
              var next = 0
              while order <= 4 && characters >= order {
                var m = 0
                while m < Self.probeChunk && order <= 4 && characters >= order {
                  if next == 0 {
                    // Every n-gram pays each language's floor; a listed one its own value
                    // instead.
                    let count = Int64(characters - order + 1)
                    for l in 0..<n { sum[l] += count * Int64(floors[((order - 1) << 8) + l]) }
                  }
                  let gram = UnsafeBufferPointer(
                    rebasing: base[Int(starts[next])..<Int(starts[next + order])])
                  let (hash, home) = self.grams.slots.home(of: Self.fnv1a(gram))
                  probes.initializeElement(
                    at: m,
                    to: GramProbe(
                      hash: hash, home: home, first: self.grams.slots.hash(at: home),
                      order: order))
                  m += 1
                  next += 1
                  if next + order > characters {
                    order += 1
                    next = 0
                  }
                }
                for p in 0..<m {
                  let probe = probes[p]
                  let slot = self.grams.slots.slot(
                    of: probe.hash, from: probe.home, first: probe.first)
                  guard let slot, let found = self.grams.entries(ofSlot: slot), found.count > 0
                  else { continue }
                  probes[p].entries = found.entries
                  probes[p].count = found.count
                  probes[p].firstEntry = found.entries.loadUnaligned(as: UInt16.self)
                }
                for p in 0..<m {
                  let probe = probes[p]
                  guard let entries = probe.entries else { continue }
                  let floor = (probe.order - 1) << 8
                  for k in 0..<probe.count {
                    let e =
                      k == 0
                      ? Table.entry(raw: probe.firstEntry) : Table.entry(entries, k)
                    sum[e.language] += Int64(e.value) - Int64(floors[floor + e.language])
                  }
                }
                UnsafeMutableBufferPointer(rebasing: probes[..<m]).deinitialize()
              }
            }
            for l in 0..<n { scores[l] = Float(-sum[l]) / Self.quant }
            let inner = UnsafeBufferPointer(rebasing: base[1..<(base.count - 1)])
            if let found = words.find(Self.fnv1a(inner)) {
              for k in 0..<found.count where Table.entry(found.entries, k).language < n {
                let language = Table.entry(found.entries, k).language
                scores[language] += Self.wordBonus
                if language < 64 { listed |= 1 << UInt64(language) }
              }
            }
          }
        }
      }
    }
    return listed
  }

  /// Added to a language's score for a word in its word list.
  static let wordBonus: Float = 5

  /// N-grams looked up together in ``score(word:into:)``.
  static let probeChunk = 64

  /// One n-gram's look-up in ``score(word:into:)``: its search, then its entries.
  struct GramProbe {
    var hash: UInt64
    var home: Int
    /// The home slot's hash, read in the first pass.
    var first: UInt64
    var order: Int
    var entries: UnsafeRawPointer? = nil
    var count = 0
    /// The first entry, read in the second pass.
    var firstEntry: UInt16 = 0
  }

}

/// The bytes of a model file: mapped read-only (or a private copy for models made in memory),
/// alive as long as the model.
final class ModelBytes: @unchecked Sendable {
  let base: UnsafeRawPointer
  let count: Int
  private let mapped: Bool
  private let shaOnce = Mutex<String?>(nil)

  struct MapError: Error { var description: String }

  /// The file the bytes were mapped from (nil for a copy).
  let path: String?

  init(mapping path: String) throws(MapError) {
    self.path = path
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw MapError(description: "cannot be read") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      throw MapError(description: "not a regular file")
    }
    count = Int(info.st_size)
    guard count > 0 else { throw MapError(description: "empty") }
    guard let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
      throw MapError(description: "cannot be mapped")
    }
    base = UnsafeRawPointer(p)
    mapped = true
  }

  init(copying bytes: [UInt8]) {
    path = nil
    let p = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 16)
    bytes.withUnsafeBytes {
      if let b = $0.baseAddress { p.copyMemory(from: b, byteCount: bytes.count) }
    }
    base = UnsafeRawPointer(p)
    count = bytes.count
    mapped = false
  }

  deinit {
    if mapped {
      munmap(UnsafeMutableRawPointer(mutating: base), count)
    } else {
      UnsafeMutableRawPointer(mutating: base).deallocate()
    }
  }

  /// The SHA-256 of the bytes: from the line `sha256 HEX BYTES` of the `.info` file beside a
  /// mapped model (written with it by `Scripts/build-model.sh`) when BYTES is the file's size,
  /// else computed (about 10 ms for 4 MB).
  var sha256: String {
    shaOnce.withLock { cached in
      if let cached { return cached }
      if let recorded = recordedSHA256() {
        cached = recorded
        return recorded
      }
      var hash = SHA256()
      hash.update(UnsafeRawBufferPointer(start: base, count: count))
      let hex = hash.hexDigest()
      cached = hex
      return hex
    }
  }

  private func recordedSHA256() -> String? {
    guard let path, path.hasSuffix(".bin"),
      let info = FileManager.default.contents(atPath: String(path.dropLast(4)) + ".info")
    else { return nil }
    for line in String(decoding: info, as: UTF8.self).split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count == 3, fields[0] == "sha256", Int(fields[2]) == count,
        fields[1].count == 64, fields[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
      else { continue }
      return String(fields[1])
    }
    return nil
  }
}

/// Reads little-endian values from the model's bytes, checking every length.
private struct Reader {
  let base: UnsafeRawPointer
  let count: Int
  var at = 0

  /// Skips `n` values of `size` bytes and returns where they start.
  mutating func skip(_ n: Int, size: Int) throws -> UnsafeRawPointer {
    let (bytes, overflow) = n.multipliedReportingOverflow(by: size)
    guard n >= 0, !overflow, bytes <= count - at else {
      throw LanguageModel.FormatError(description: "truncated language model")
    }
    defer { at += bytes }
    return base + at
  }
  /// Skips zero padding up to a multiple of `n` bytes from the start of the file.
  mutating func align(_ n: Int) throws {
    let padding = (n - at % n) % n
    _ = try skip(padding, size: 1)
  }
  mutating func bytes(_ n: Int) throws -> [UInt8] {
    let start = try skip(n, size: 1)
    return Array(UnsafeRawBufferPointer(start: start, count: n))
  }
  mutating func u8() throws -> UInt8 { try bytes(1)[0] }
  mutating func u16() throws -> UInt16 {
    UInt16(littleEndian: try skip(1, size: 2).loadUnaligned(as: UInt16.self))
  }
  mutating func u32() throws -> UInt32 {
    UInt32(littleEndian: try skip(1, size: 4).loadUnaligned(as: UInt32.self))
  }
}
