import Foundation

/// Scores of recent words, one cache per worker thread (words repeat: a cache hit skips the
/// model). Not thread-safe.
///
/// An open-addressing table keyed by the word's bytes: no `String` or `Array` is made per
/// look-up. When full it starts again empty, so an entry is valid only until the next
/// ``entry(_:_:hash:)``. Scores are kept as 16-bit sixteenths (every model score is a whole number
/// of sixteenths, so this is exact); words longer than ``maxCachedBytes``, or scoring beyond
/// 16 bits, are scored each time into a scratch entry, so hostile input (long unique words)
/// cannot grow the cache.
@_spi(Stages) public final class ScoreCache {
  /// At most this many words are kept.
  public let capacity: Int
  /// Longer words are not kept.
  static let maxCachedBytes = 32
  // The stored properties opt out of run-time exclusivity checks, which cost about 2 % of
  // `stats` (four or five per look-up). A cache is used by one worker at a time (`Analyzer`
  // hands each running worker its own) and none of its methods calls back into it, so no two
  // accesses can overlap.

  /// A slot of the open-addressing table: everything a look-up compares, in 16 bytes (one read
  /// where separate hash, key-range and entry arrays took three).
  private struct Slot {
    var hash: UInt64
    /// Entry index + 1 (0: an empty slot).
    var entry: Int32
    /// Where the key's bytes start in ``keyBytes`` (bits 6 and up) and its length (bits 0–5).
    var key: UInt32
  }
  /// A power of two, at least twice the capacity (``slotCount``); allocated on first use, so
  /// that a cache made but never used (a planner's, in `split` without markup) costs nothing.
  @exclusivity(unchecked) private var slots: [Slot] = []
  private let slotCount: Int
  @exclusivity(unchecked) private var count = 0
  @exclusivity(unchecked) private var keyBytes: [UInt8] = []
  /// Scores in sixteenths, `languages` per entry.
  @exclusivity(unchecked) private var scores: [Int16] = []
  @exclusivity(unchecked) private var wordFlags: [WordFlags] = []
  @exclusivity(unchecked) private var ownMasks: [UInt8] = []
  @exclusivity(unchecked) private var hostMasks: [UInt64] = []
  @exclusivity(unchecked) private var listedMasks: [UInt64] = []
  @exclusivity(unchecked) private var languages = 0
  /// The scratch entry (index ``scratch``): a word not kept.
  @exclusivity(unchecked) private var scratchScores: [Float] = []
  @exclusivity(unchecked) private var scratchFlags: WordFlags = []
  @exclusivity(unchecked) private var scratchOwn: UInt8 = 0
  @exclusivity(unchecked) private var scratchHost: UInt64 = 0
  @exclusivity(unchecked) private var scratchListed: UInt64 = 0
  /// The index of the scratch entry.
  static let scratch = -1

  /// What a word is, besides its scores.
  struct WordFlags: OptionSet {
    let rawValue: UInt8
    /// A romanized Bengali or Hindi function word (``ClauseMarkers/isStrongRomanized(_:)``).
    static let strongRomanized = WordFlags(rawValue: 1)
    /// A word only romanized Bengali or Hindi has (``ClauseMarkers/isDistinctlyRomanized(_:)``).
    static let distinctlyRomanized = WordFlags(rawValue: 2)
    /// A place name or brand of the region (``ClauseMarkers/regionalNames``): no evidence.
    static let name = WordFlags(rawValue: 4)
    /// A word the romanized languages' host weights know (``hostWeights(_:)``).
    static let hostKnown = WordFlags(rawValue: 8)
  }

  /// What the romanized word lists say of a word (``romanizedWords``).
  struct RomanizedWord {
    var flags: WordFlags = []
    /// ``ClauseMarkers/ownWordMask(_:)``.
    var own: UInt8 = 0
    /// Byte j: `Language.romanized[j]`'s host weight (an `Int8`, quarters of log10).
    var host: UInt64 = 0
  }

  /// Romanized language `index`'s host weight (log10) in packed weights `host`
  /// (``RomanizedWord/host``).
  @inline(__always)
  static func hostWeight(_ host: UInt64, _ index: Int) -> Float {
    guard index >= 0 && index < 8 else { return 0 }
    return Float(Int8(truncatingIfNeeded: host >> UInt64(8 * index))) * 0.25
  }

  /// The default capacity, 50,000 words: about 6 MB when full. `stats --threads 1` on the
  /// 200 MB bench corpus ran about 10 % faster than with 20,000 (the corpus's Latin-script
  /// vocabulary outgrew it, and a full cache starts again empty); 100,000 gained no more.
  /// At most 2^20 words are kept, whatever is asked (their key bytes must stay below 2^26).
  public init(capacity: Int = 50_000) {
    self.capacity = min(max(1, capacity), 1 << 20)
    var size = 16
    while size < 2 * self.capacity { size <<= 1 }
    slotCount = size
  }

  /// The entry of `word` (lowercased UTF-8), scored by `model` if not cached; `hash` is its
  /// ``LanguageModel/fnv1a(_:)`` if already known.
  func entry(_ word: UnsafeBufferPointer<UInt8>, _ model: LanguageModel, hash: UInt64? = nil)
    -> Int
  {
    if languages != model.codes.count || slots.isEmpty { clear(languages: model.codes.count) }
    guard word.count <= Self.maxCachedBytes else { return scoreScratch(word, model) }
    let hash = hash ?? LanguageModel.fnv1a(word)
    let mask = slots.count - 1
    var slot = home(of: hash, mask)
    while true {
      let found = slots[slot]
      if found.entry == 0 { break }
      if found.hash == hash, Int(found.key & 63) == word.count {
        let start = Int(found.key >> 6)
        let same =
          word.isEmpty
          || keyBytes.withUnsafeBufferPointer { keys in
            guard let a = keys.baseAddress, let b = word.baseAddress else { return false }
            return memcmp(a + start, b, word.count) == 0
          }
        if same { return Int(found.entry) - 1 }
      }
      slot = (slot + 1) & mask
    }
    if count >= capacity {
      clear(languages: model.codes.count)
      return entry(word, model, hash: hash)
    }
    let scratch = scoreScratch(word, model)
    // Kept only if every score fits 16 bits as sixteenths.
    guard scratchScores.allSatisfy({ abs($0 * 16) <= Float(Int16.max) }) else { return scratch }
    let e = count
    count += 1
    slots[slot] = Slot(
      hash: hash, entry: Int32(e + 1), key: UInt32(keyBytes.count) << 6 | UInt32(word.count))
    keyBytes.append(contentsOf: word)
    for v in scratchScores { scores.append(Int16(v * 16)) }
    wordFlags.append(scratchFlags)
    ownMasks.append(scratchOwn)
    hostMasks.append(scratchHost)
    listedMasks.append(scratchListed)
    return e
  }

  /// Writes each word's hash (``LanguageModel/fnv1a(_:)`` of its key in `keys`) to `hashes`,
  /// and reads each one's home slot and the first score of the entry there before the words are
  /// looked up one by one: these loads do not depend on each other, so the processor overlaps
  /// their cache misses, where the look-ups would take them one after another. (What they read
  /// is kept in ``touched``, so that the loads are made.)
  func touch(_ words: [LanguageIdentifier.Word], keys: [UInt8], hashes: inout [UInt64]) {
    hashes.removeAll(keepingCapacity: true)
    keys.withUnsafeBufferPointer { keys in
      for word in words {
        hashes.append(LanguageModel.fnv1a(UnsafeBufferPointer(rebasing: keys[word.key])))
      }
    }
    guard !slots.isEmpty, languages > 0 else { return }
    var sink: UInt64 = 0
    slots.withUnsafeBufferPointer { slots in
      scores.withUnsafeBufferPointer { scores in
        let mask = slots.count - 1
        for hash in hashes {
          let found = slots[home(of: hash, mask)]
          sink ^= found.hash
          let row = (Int(found.entry) - 1) * languages
          if found.entry > 0, row < scores.count {
            sink ^= UInt64(UInt16(bitPattern: scores[row]))
          }
        }
      }
    }
    touched = sink
  }
  @exclusivity(unchecked) private var touched: UInt64 = 0

  /// The slot where the search for `hash` starts, in a table of `mask + 1` slots.
  @inline(__always)
  private func home(of hash: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: hash ^ hash >> 29) & mask
  }

  /// Scores `word` into the scratch entry and returns its index.
  private func scoreScratch(_ word: UnsafeBufferPointer<UInt8>, _ model: LanguageModel) -> Int {
    scratchListed = scratchScores.withUnsafeMutableBufferPointer {
      model.score(word: word, into: $0)
    }
    var key = Array(word)
    if let folded = DiacriticFolding.folded(word) {
      // A transliteration with diacritics (`bhāgnēkē`): the romanized languages score it as
      // typed without them, where that scores better.
      var plain = [Float](repeating: 0, count: scratchScores.count)
      let listed = plain.withUnsafeMutableBufferPointer { scores in
        folded.withUnsafeBufferPointer { model.score(word: $0, into: scores) }
      }
      for language in Language.romanized {
        guard let slot = model.slot(language.rawValue), plain[slot] > scratchScores[slot]
        else { continue }
        scratchScores[slot] = plain[slot]
        if slot < 64 { scratchListed |= listed & 1 << UInt64(slot) }
      }
      key = folded
    }
    // One look-up for all that the romanized word lists say of the word (they are lowercase
    // ASCII without apostrophes, so its bytes, or its folded form's, are its key).
    let info = Self.romanizedWords[key]
    scratchFlags = info?.flags ?? []
    scratchOwn = info?.own ?? 0
    scratchHost = info?.host ?? 0
    return Self.scratch
  }

  /// The romanized languages' marker and distinct words: their flags and own-language bits
  /// (``ClauseMarkers/isStrongRomanized(_:)``, ``ClauseMarkers/isDistinctlyRomanized(_:)``,
  /// ``ClauseMarkers/ownWordMask(_:)``); their host weights (``LanguageInfo/hostWeights``,
  /// ``WordFlags/hostKnown``); and the regional names (``WordFlags/name``).
  static let romanizedWords: [[UInt8]: RomanizedWord] = {
    var table: [[UInt8]: RomanizedWord] = [:]
    for language in Language.romanized {
      for word in language.info.markers.union(language.info.distinct) {
        let bytes = Array(word.utf8)
        var flags: WordFlags = []
        if ClauseMarkers.isDistinctlyRomanized(bytes) { flags.insert(.distinctlyRomanized) }
        if ClauseMarkers.isStrongRomanized(bytes.map(UInt32.init)) {
          flags.insert(.strongRomanized)
        }
        table[bytes] = RomanizedWord(flags: flags, own: ClauseMarkers.ownWordMask(bytes))
      }
    }
    for (j, language) in Language.romanized.enumerated() where j < 8 {
      let weights = language.info.hostWeights
      for (word, weight) in zip(RomanizedLexicon.hostWords, weights) {
        let key = Array(word.utf8)
        var entry = table[key] ?? RomanizedWord()
        entry.flags.insert(.hostKnown)
        entry.host |= UInt64(UInt8(bitPattern: weight)) << UInt64(8 * j)
        table[key] = entry
      }
    }
    for name in ClauseMarkers.regionalNames {
      table[Array(name.utf8)] = RomanizedWord(flags: .name)
    }
    return table
  }()

  /// Adds entry `e`'s scores to `totals`, language by language (× 0.0625 is ÷ 16, exactly),
  /// and writes its scores in the model slots `slots` to `out[offset...]` (`out[offset + j]`
  /// for `slots[j]`), as ``score(_:_:)`` would: one look-up of the entry's row for all.
  @inline(__always)
  func add(
    _ e: Int, to totals: inout [Float], reading slots: [Int], into out: inout [Float],
    at offset: Int
  ) {
    precondition(offset >= 0 && offset + slots.count <= out.count)
    totals.withUnsafeMutableBufferPointer { totals in
      out.withUnsafeMutableBufferPointer { out in
        let n = min(languages, totals.count)
        if e == Self.scratch {
          for l in 0..<n { totals[l] += scratchScores[l] }
          for j in slots.indices { out[offset + j] = scratchScores[slots[j]] }
          return
        }
        scores.withUnsafeBufferPointer { s in
          let row = UnsafeBufferPointer(rebasing: s[(e * languages)..<((e + 1) * languages)])
          for l in 0..<n { totals[l] += Float(row[l]) * 0.0625 }
          for j in slots.indices { out[offset + j] = Float(row[slots[j]]) * 0.0625 }
        }
      }
    }
  }

  /// Per-span buffers of ``LanguageIdentifier/refineLatin(_:_:_:_:into:)``, kept here from
  /// span to span (a cache belongs to one worker), so that a span allocates nothing once they
  /// have grown. Taken out whole and given back, so the caller holds the only reference.
  struct LatinBuffers {
    var words: [LanguageIdentifier.Word] = []
    var keys: [UInt8] = []
    var hashes: [UInt64] = []
    var scores: [Float] = []
    var strong: [Bool] = []
    var own: [UInt8] = []
    var listed: [UInt64] = []
    var host: [UInt64?] = []
    var totals: [Float] = []
    var romanized: [Int] = []
    var pairs: [(Float, Float)] = []
    var labels: [Int] = []
    var back: [UInt8] = []
  }
  @exclusivity(unchecked) private var latin = LatinBuffers()

  /// Takes the buffers (an empty set stays behind until ``giveBack(_:)``).
  func takeLatinBuffers() -> LatinBuffers {
    var taken = LatinBuffers()
    swap(&taken, &latin)
    return taken
  }

  func giveBack(_ buffers: consuming LatinBuffers) { latin = buffers }

  /// Entry `e`'s score in `language` (model order).
  func score(_ e: Int, _ language: Int) -> Float {
    e == Self.scratch
      ? scratchScores[language] : Float(scores[e * languages + language]) * 0.0625
  }

  func flags(_ e: Int) -> WordFlags { e == Self.scratch ? scratchFlags : wordFlags[e] }

  /// Bit j: entry `e` is a word of `Language.romanized[j]`'s own
  /// (``ClauseMarkers/ownWordMask(_:)``).
  func ownLanguages(_ e: Int) -> UInt8 { e == Self.scratch ? scratchOwn : ownMasks[e] }

  /// Entry `e`'s packed host weights (``RomanizedWord/host``; read only where its flags have
  /// ``WordFlags/hostKnown``).
  func hostWeights(_ e: Int) -> UInt64 { e == Self.scratch ? scratchHost : hostMasks[e] }

  /// Bit l: entry `e` is in the word list of the model's language l.
  func listed(_ e: Int) -> UInt64 { e == Self.scratch ? scratchListed : listedMasks[e] }

  /// Words and key bytes kept (for tests).
  var kept: (words: Int, bytes: Int) { (count, keyBytes.count) }

  private func clear(languages: Int) {
    self.languages = languages
    scratchScores = [Float](repeating: 0, count: languages)
    if slots.isEmpty {
      slots = [Slot](repeating: Slot(hash: 0, entry: 0, key: 0), count: slotCount)
    } else {
      for i in slots.indices { slots[i] = Slot(hash: 0, entry: 0, key: 0) }
    }
    count = 0
    keyBytes.removeAll(keepingCapacity: true)
    scores.removeAll(keepingCapacity: true)
    wordFlags.removeAll(keepingCapacity: true)
    ownMasks.removeAll(keepingCapacity: true)
    hostMasks.removeAll(keepingCapacity: true)
    listedMasks.removeAll(keepingCapacity: true)
    // Room for a full cache at once: growing by doubling would leave up to twice that.
    keyBytes.reserveCapacity(capacity * 8)
    scores.reserveCapacity(capacity * languages)
    wordFlags.reserveCapacity(capacity)
    ownMasks.reserveCapacity(capacity)
    hostMasks.reserveCapacity(capacity)
    listedMasks.reserveCapacity(capacity)
  }
}
