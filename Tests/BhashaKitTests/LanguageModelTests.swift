import Foundation
import PropertyBased
import Testing

@_spi(Stages) @testable import BhashaKit

/// The bundled model file's bytes.
func bundledModelBytes() throws -> [UInt8] {
  let located = try LanguageModel.located.get()
  return Array(try Data(contentsOf: URL(fileURLWithPath: located.path)))
}

/// Words whose scores touch every part of the tables: common and rare n-grams, listed words,
/// long words, non-Latin letters and the word edges.
let modelProbeWords = [
  "the", "and", "ami", "tomake", "bhalobashi", "kortese", "regierung", "gouvernement", "xyzzy",
  "q", "pemerintah", "tiếng", "naïve", "antidisestablishmentarianism", "ভালো", "zzzzzzzz",
]

@Test func aModelOfAnotherFormatVersionIsRefused() throws {
  var bytes = try bundledModelBytes()
  bytes[4] = 2  // version 2: sorted hashes, not hash slots
  #expect {
    try LanguageModel(data: bytes)
  } throws: { error in
    "\(error)".contains(
      "format version 2; this bhasha reads version \(LanguageModel.formatVersion)")
  }
}

/// A file cut anywhere is refused when it is read, never read past its end.
@Test func aTruncatedModelIsRefused() throws {
  let bytes = try bundledModelBytes()
  var cuts = [0, 3, 4, 6, 8, 20, 200, 1_000, 100_000, 1_000_000, bytes.count - 1]
  cuts += (1...20).map { bytes.count / 21 * $0 }
  for cut in cuts {
    #expect(throws: LanguageModel.FormatError.self) {
      try LanguageModel(data: Array(bytes[..<cut]))
    }
  }
}

/// A corrupt file gives wrong scores, never a bad read: entry counts, overflow indices and
/// languages are checked where they are used. Here random bytes replace the count, entries and
/// overflow index of a share of the slots of both tables (the probe words' n-grams meet some).
@Test func aCorruptModelGivesScoresNotCrashes() async throws {
  let original = try bundledModelBytes()
  let layout = try LanguageModel(data: original)
  let tables = [layout.words, layout.grams].map {
    (start: layout.storage.base.distance(to: $0.slots.base), count: $0.slots.count)
  }
  await propertyCheck(count: 12, input: Gen.int(in: 1...Int.max), Gen.int(in: 1...8)) {
    seed, share in
    var bytes = original
    var state = UInt64(seed)
    func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
    for table in tables {
      for slot in 0..<table.count where next() % 8 < share {
        let random = next()
        for k in 8..<16 {
          bytes[table.start + slot * 16 + k] = UInt8(truncatingIfNeeded: random >> (8 * (k - 8)))
        }
      }
    }
    guard let model = try? LanguageModel(data: bytes) else {
      Issue.record("the corrupt tables should still be read")
      return
    }
    for word in modelProbeWords {
      let scores = model.score(word: Array(word.utf8))
      #expect(scores.count == layout.codes.count)
      #expect(scores == referenceScores(model, Array(word.utf8)).scores)
    }
  }
}

/// A word's scores by the plain algorithm: each n-gram looked up on its own with `find`, in
/// order (``LanguageModel/score(word:into:)`` batches the look-ups).
func referenceScores(_ model: LanguageModel, _ word: [UInt8]) -> (scores: [Float], listed: UInt64) {
  let n = model.codes.count
  var sum = [Int32](repeating: 0, count: 256)
  let padded = [0x3C] + word + [0x3E]
  let starts = padded.indices.filter { padded[$0] & 0xC0 != 0x80 } + [padded.count]
  let characters = starts.count - 1
  var listed: UInt64 = 0
  var scores: [Float] = []
  padded.withUnsafeBufferPointer { base in
    for order in 1...4 where characters >= order {
      let floor = Array(model.floorRows[((order - 1) << 8)..<(order << 8)])
      let count = characters - order + 1
      for l in 0..<n { sum[l] += Int32(count) * floor[l] }
      for i in 0..<count {
        let gram = UnsafeBufferPointer(rebasing: base[starts[i]..<starts[i + order]])
        guard let found = model.grams.find(LanguageModel.fnv1a(gram)) else { continue }
        for k in 0..<found.count {
          let e = LanguageModel.Table.entry(found.entries, k)
          sum[e.language] += Int32(e.value) - floor[e.language]
        }
      }
    }
    scores = (0..<n).map { Float(-sum[$0]) / LanguageModel.quant }
    let inner = UnsafeBufferPointer(rebasing: base[1..<(base.count - 1)])
    if let found = model.words.find(LanguageModel.fnv1a(inner)) {
      for k in 0..<found.count where LanguageModel.Table.entry(found.entries, k).language < n {
        let language = LanguageModel.Table.entry(found.entries, k).language
        scores[language] += LanguageModel.wordBonus
        if language < 64 { listed |= 1 << UInt64(language) }
      }
    }
  }
  return (scores, listed)
}

/// The batched look-ups give the plain algorithm's scores and word lists, bit for bit, on the
/// probe words and on random words of Latin, accented and Bengali letters, apostrophes, the
/// edge markers themselves and invalid bytes.
@Test func batchedScoresAreThePlainAlgorithms() async throws {
  let model = try #require(LanguageModel.bundled)
  for word in modelProbeWords {
    let bytes = Array(word.utf8)
    #expect(model.score(word: bytes) == referenceScores(model, bytes).scores)
  }
  let pieces =
    [
      "a", "e", "o", "th", "ing", "sh", "ch", "é", "ü", "ñ", "ế", "ভা", "লো", "র", "'", "<", ">",
      "ami", "kor", "tion", "\u{FF}", "\u{80}",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0x80]]
  let word = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...12)
  await propertyCheck(count: 2000, input: word) { picks in
    let bytes = picks.flatMap { pieces[$0] }
    var scores = [Float](repeating: .nan, count: model.codes.count)
    let listed = bytes.withUnsafeBufferPointer { word in
      scores.withUnsafeMutableBufferPointer { model.score(word: word, into: $0) }
    }
    let reference = referenceScores(model, bytes)
    #expect(scores == reference.scores)
    #expect(listed == reference.listed)
  }
}

/// A hostile word of millions of letters is scored, not a crash: the sums are 64-bit (32-bit
/// ones overflowed from about 5 million letters with the bundled model). With every floor at
/// its largest (255), 2.6 million letters take a language's sum past 2^31.
@Test func aWordOfMillionsOfLettersIsScored() throws {
  var bytes = try bundledModelBytes()
  let layout = try LanguageModel(data: bytes)
  // The header: "BHLM", version, language count, then each code (a length byte and its bytes),
  // then four floor bytes per language.
  var at = 8
  for _ in layout.codes { at += 1 + Int(bytes[at]) }
  for k in at..<(at + layout.codes.count * 4) { bytes[k] = 255 }
  let model = try LanguageModel(data: bytes)
  #expect(model.floorRows.contains(255))
  // "q" again and again: its n-grams are in few languages' tables, so the floors dominate.
  let scores = model.score(word: [UInt8](repeating: 0x71, count: 2_600_000))
  #expect(scores.count == model.codes.count)
  #expect(scores.allSatisfy { $0.isFinite })
  let largest = scores.map { -$0 * LanguageModel.quant }.max() ?? 0
  #expect(largest > Float(Int32.max), "largest sum \(largest)")
}

/// `HashFlags` finds every listed hash with its flags (or-ed where a hash is listed twice),
/// hash 0 included, and nothing else; entries without flags are left out.
@Test func hashFlagsFindEveryHashWithItsFlags() {
  var state: UInt64 = 11
  func next() -> UInt64 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state
  }
  var entries: [(hash: UInt64, flags: UInt8)] = [(0, 4), (42, 0)]
  var expected: [UInt64: UInt8] = [0: 4]
  for _ in 0..<1000 {
    let hash = next() >> UInt64(next() % 64)  // small values too, close together
    if hash == 42 { continue }
    let flags = UInt8(next() % 3 + 1)
    entries.append((hash, flags))
    expected[hash, default: 0] |= flags
  }
  // Some hashes listed twice with another flag.
  for (hash, _) in entries.prefix(100) where hash != 42 {
    entries.append((hash, 8))
    expected[hash, default: 0] |= 8
  }
  let table = HashFlags(entries)
  for (hash, flags) in expected {
    #expect(table.flags(of: hash) == flags, "\(hash)")
  }
  #expect(table.flags(of: 42) == 0)
  var others = 0
  for _ in 0..<10_000 {
    let hash = next()
    if expected[hash] == nil {
      #expect(table.flags(of: hash) == 0)
      others += 1
    }
  }
  #expect(others > 9_900)
  #expect(HashFlags([]).flags(of: 0) == 0)
}

/// `KeySet` holds exactly its keys: every one is found, and keys one code point off (longer,
/// shorter, changed) are not, the empty key included.
@Test func keySetHoldsExactlyItsKeys() {
  var state: UInt64 = 5
  func next(_ n: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(state >> 33) % n
  }
  var keys = Set<[UInt32]>()
  while keys.count < 500 {
    keys.insert((0..<next(6) + 1).map { _ in [0x61, 0x62, 0x0995, 0x09CD, 0x27][next(5)] })
  }
  let set = KeySet(Array(keys) + Array(keys.prefix(10)))  // repeats are one key
  for key in keys {
    #expect(set.contains(key))
    var changed = key
    changed[0] ^= 1
    let others: [[UInt32]] = [key + [0x61], Array(key.dropLast()), changed]
    for other in others where !keys.contains(other) {
      #expect(!set.contains(other), "\(other)")
    }
  }
  #expect(!KeySet([]).contains([]))
  #expect(KeySet([[]]).contains([]))
}
