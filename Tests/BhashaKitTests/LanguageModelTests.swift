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
      #expect(model.score(word: Array(word.utf8)).count == layout.codes.count)
    }
  }
}
