import BhashaTestSupport
import Foundation
import Synchronization
import Testing

@_spi(Stages) @testable import BhashaKit

/// Lines of every shape the classifier meets: the sample corpora, and lines made of random
/// pieces of scripts, names, numbers and punctuation (a fixed seed).
private func mixedText() throws -> String {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpora")
  var text = ""
  for name in ["code-mixed-social.txt", "romanized-bengali.txt", "assamese.txt"] {
    text += try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
  }
  let pieces = [
    "আমি", "বাংলায়", "গান", "গাই।", "I", "sing", "in", "English", "too.", "ami", "tomake", "kori",
    "মই", "বজাৰলৈ", "Rs. 300", "10 a.m.", "Dhaka", "😀", "(", ")", "—", "https://example.com",
    "le", "gouvernement", "मैं", "  ", "১২৩", "3.5", "\t",
  ]
  var state: UInt64 = 7
  func next(_ n: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(state >> 33) % n
  }
  for _ in 0..<400 {
    text += (0..<next(14)).map { _ in pieces[next(pieces.count)] }.joined(separator: " ") + "\n"
  }
  text += String(repeating: "আমি Dhaka যাব। I sing. ", count: 300) + "\n"
  return text
}

/// The analyses of a file, in order, with the given threads, batch size and read size.
private func analyses(
  _ path: String, threads: Int, batchLines: Int, chunk: Int
) throws -> [String] {
  var settings = Analyzer.Settings(threads: threads)
  settings.batchLines = batchLines
  let analyzer = try Analyzer(settings)
  let cursor = try LineCursor(path: path, chunkSize: chunk)
  var out: [String] = []
  try analyzer.forEachLine(of: cursor) { line, analysis in
    out.append("\(line.number) \(line.offset) \(analysis)")
  }
  return out
}

@Test func streamingGivesTheSameAnalysesForAnyThreadsBatchesAndReads() throws {
  let path = try temporaryFile(try mixedText())
  defer { unlink(path) }
  let reference = try analyses(path, threads: 1, batchLines: 2048, chunk: 1 << 20)
  #expect(reference.count > 400)
  for threads in [1, 2, 3, 8] {
    for batchLines in [1, 5, 64] {
      for chunk in [1, 977, 65536] where threads > 1 || batchLines == 5 {
        let got = try analyses(path, threads: threads, batchLines: batchLines, chunk: chunk)
        #expect(got == reference, "threads \(threads), batch \(batchLines), chunk \(chunk)")
      }
    }
  }
}

@Test func streamingMatchesOneLineAtATime() throws {
  let text = try mixedText()
  let path = try temporaryFile(text)
  defer { unlink(path) }
  let analyzer = try Analyzer(.init(threads: 2))
  var streamed: [LineAnalysis] = []
  try analyzer.forEachLine(of: LineCursor(path: path)) { _, analysis in streamed.append(analysis) }
  let single = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
    analyzer.analyze($0)
  }
  #expect(streamed == Array(single))
}

@Test func noTwoRunningWorkersShareAnIndex() throws {
  let path = try temporaryFile(try mixedText())
  defer { unlink(path) }
  var settings = Analyzer.Settings(threads: 3)
  settings.batchLines = 7
  let analyzer = try Analyzer(settings)
  let busy = Mutex<Set<Int>>([])
  let clashes = Atomic<Int>(0)
  let outOfRange = Atomic<Int>(0)
  var lines = 0
  try analyzer.forEachLine(
    of: LineCursor(path: path),
    prepare: { _, _, worker in
      if !(0..<analyzer.workerSlots).contains(worker) { outOfRange.add(1, ordering: .relaxed) }
      if !busy.withLock({ $0.insert(worker).inserted }) { clashes.add(1, ordering: .relaxed) }
      usleep(50)
      busy.withLock { _ = $0.remove(worker) }
      return worker
    },
    consume: { _, _, _ in lines += 1 }, afterBatch: { _, _ in })
  #expect(lines > 400)
  #expect(clashes.load(ordering: .relaxed) == 0)
  #expect(outOfRange.load(ordering: .relaxed) == 0)
}

@Test func aThrowInConsumeStopsTheStreamCleanly() throws {
  struct Stop: Error {}
  let path = try temporaryFile(try mixedText())
  defer { unlink(path) }
  var settings = Analyzer.Settings(threads: 2)
  settings.batchLines = 3
  let analyzer = try Analyzer(settings)
  var seen = 0
  #expect(throws: Stop.self) {
    try analyzer.forEachLine(of: LineCursor(path: path)) { _, _ in
      seen += 1
      if seen == 10 { throw Stop() }
    }
  }
  #expect(seen == 10)
}

/// Every prepared value is destroyed once: those handed to `consume`, and those a throw leaves
/// in their batches (one thread and two; a throw at the first line, at each place in a batch
/// of three, and none).
@Test func preparedValuesAreDestroyedOnceWhateverConsumeDoes() throws {
  struct Stop: Error {}
  final class Live: Sendable {
    let count = Atomic<Int>(0)
    let made = Atomic<Int>(0)
  }
  final class Tracked: Sendable {
    let live: Live
    init(_ live: Live) {
      self.live = live
      live.count.add(1, ordering: .relaxed)
      live.made.add(1, ordering: .relaxed)
    }
    deinit { live.count.subtract(1, ordering: .relaxed) }
  }
  let path = try temporaryFile(try mixedText())
  defer { unlink(path) }
  for threads in [1, 2] {
    for stop in [nil, 1, 10, 11, 12] as [Int?] {
      let live = Live()
      var settings = Analyzer.Settings(threads: threads)
      settings.batchLines = 3
      let analyzer = try Analyzer(settings)
      var seen = 0
      do {
        try analyzer.forEachLine(
          of: LineCursor(path: path), prepare: { _, _, _ in Tracked(live) },
          consume: { _, _, _ in
            seen += 1
            if seen == stop { throw Stop() }
          }, afterBatch: { _, _ in })
      } catch is Stop {}
      #expect(seen == stop ?? seen)
      #expect(live.made.load(ordering: .relaxed) >= seen)
      #expect(
        live.count.load(ordering: .relaxed) == 0,
        "threads \(threads), stop \(String(describing: stop))")
    }
  }
}

/// A file in the temporary folder holding `text`.
func temporaryFile(_ text: String) throws -> String {
  let path = NSTemporaryDirectory() + "bhasha-analyzer-\(UUID().uuidString).txt"
  try text.write(toFile: path, atomically: true, encoding: .utf8)
  return path
}

@Test func scoreCacheGivesTheModelsScoresAndKeepsOnlyShortWords() throws {
  let model = try #require(LanguageModel.bundled)
  let cache = ScoreCache(capacity: 50)
  // Long unique words (hostile input) are scored but not kept; short ones are, up to the
  // capacity; every score is the model's, bit for bit.
  for i in 0..<300 {
    let word = Array(
      (i % 2 == 0 ? "w\(i)" : "w\(i)" + String(repeating: "abcé", count: 40)).utf8)
    let scores = model.score(word: word)
    let e = word.withUnsafeBufferPointer { cache.entry($0, model) }
    for l in scores.indices { #expect(cache.score(e, l) == scores[l]) }
    // One read of the entry's row: every score added to the totals, and some slots' scores
    // written after an offset.
    var totals = [Float](repeating: 0, count: scores.count)
    let slots = [scores.count - 1, 0, 2, 0]
    var read = [Float](repeating: .nan, count: slots.count + 3)
    cache.add(e, to: &totals, reading: slots, into: &read, at: 3)
    #expect(totals == scores)
    #expect(Array(read[3...]) == slots.map { scores[$0] })
    #expect(read[..<3].allSatisfy { $0.isNaN })
  }
  #expect(cache.kept.words <= 50)
  #expect(cache.kept.bytes <= 50 * ScoreCache.maxCachedBytes)
}

/// `touch` gives each word's hash, as a look-up computes it, and changes nothing in the cache;
/// a look-up with that hash finds the entry a plain look-up finds.
@Test func touchingWordsGivesTheirHashesAndKeepsTheCache() throws {
  let model = try #require(LanguageModel.bundled)
  let cache = ScoreCache(capacity: 50)
  let text = Array("ami tomake bhalobashi the news tiếng".utf8)
  var words: [LanguageIdentifier.Word] = []
  var start = 0
  for (i, b) in (text + [0x20]).enumerated() where b == 0x20 {
    words.append(LanguageIdentifier.Word(scalars: 0..<0, key: start..<i))
    start = i + 1
  }
  var hashes: [UInt64] = [42]
  cache.touch(words, keys: text, hashes: &hashes)  // an empty cache: hashes only
  for word in words.prefix(3) {
    _ = text[word.key].withUnsafeBufferPointer { cache.entry($0, model) }
  }
  let kept = cache.kept
  cache.touch(words, keys: text, hashes: &hashes)
  #expect(cache.kept == kept)
  #expect(hashes.count == words.count)
  for (w, word) in words.enumerated() {
    text[word.key].withUnsafeBufferPointer { key in
      #expect(hashes[w] == LanguageModel.fnv1a(key))
      #expect(cache.entry(key, model, hash: hashes[w]) == cache.entry(key, model))
    }
  }
}
