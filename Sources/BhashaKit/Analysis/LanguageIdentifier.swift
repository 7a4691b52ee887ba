import Foundation

/// Decides the language of letters and spans: the one place where script becomes language.
///
/// - Script level (``language(of:)``): Latin letters are provisionally English, Bengali-script
///   letters Bengali, letters of any other script `other`. The segmenter cuts runs on this.
/// - Span level (``refine(_:profile:content:cache:)``), with the bundled ``LanguageModel``
///   (in a line with Bengali-script letters, Latin spans of up to three words stay `en`: names,
///   brands and terms):
///   - a Latin-script span is scored in English, romanized Bengali and 26 other Latin-script
///     languages (character 1–4-grams plus word lists, with priors that favour English, then
///     romanized Bengali, as our users' text does). If another language wins, the span is
///     `other` with that language's code. Otherwise each word is labelled `en` or `bn-Latn`
///     by a Viterbi pass with a switch penalty, and the span is cut where the label changes;
///   - a Bengali-script span is Assamese when its Assamese evidence (ৰ U+09F0, ৱ U+09F1,
///     Assamese words) outweighs its Bengali evidence (র U+09B0, Bengali-only words); a span
///     with no evidence stays `bn`, unreliable if short. Words without র, ৰ or ৱ count through
///     the model's Assamese-only and Bengali-only word sets (from Tesseract's Assamese list and
///     wordfreq's Bengali list).
///   - Every span gets a confidence and `reliable` (false for one or two letters or a close
///     call).
public struct LanguageIdentifier: Sendable {
  /// The within-script model; nil means the script-only rule.
  public let model: LanguageModel?

  /// Log10 priors added once per span: English is the default for Latin text.
  static let romanizedPrior: Float = -1
  static let otherPrior: Float = -6
  /// Log10 cost of switching between English and romanized Bengali from one word to the next.
  static let switchPenalty: Float = 3
  /// In a line that also has Bengali-script letters, Latin spans of up to this many words are
  /// names, brands and terms (`en`, as written), not romanized Bengali or another language.
  static let embeddedTermWords = 3

  /// The language codes answers are restricted to (`--languages`), or nil for all. Latin
  /// text goes to the best allowed Latin-script language (`en`, `bn-Latn`, `fr`…), or to
  /// `other` without a code when none is allowed; Bengali-script text is `as` only if `as` is
  /// allowed and `bn` only if `bn` is (else the other of the two, else `other`). Letters of
  /// other scripts are `other` as always.
  public let allowed: Set<String>?

  public init(model: LanguageModel? = LanguageModel.bundled, allowed: Set<String>? = nil) {
    self.model = model
    self.allowed = allowed
  }

  /// Whether answers may be `code`.
  @inline(__always)
  func allows(_ code: String) -> Bool { allowed?.contains(code) ?? true }

  /// Codes that `--languages` accepts with `model`: en, bn, bn-Latn, as and the model's
  /// other Latin-script languages.
  public static func knownCodes(model: LanguageModel?) -> [String] {
    var codes = ["en", "bn", "bn-Latn", "as"]
    for code in model?.codes ?? [] where !codes.contains(code) { codes.append(code) }
    return codes
  }

  /// The language that letters of `script` count towards before span-level refinement.
  ///
  ///     LanguageIdentifier().language(of: .bengali)   // .bn
  public func language(of script: Script) -> Language {
    switch script {
    case .latin: return .en
    case .bengali: return .bn
    case .common, .inherited, .unknown: return .neutral
    default: return .other
    }
  }

  // MARK: - Spans

  /// Refines script-level spans into languages (see the type's documentation).
  public func refine(
    _ spans: [LanguageSpan], profile: ScriptProfile, content: [UInt8], cache: ScoreCache? = nil
  ) -> [LanguageSpan] {
    var out: [LanguageSpan] = []
    out.reserveCapacity(spans.count)
    let bengaliSpans = spans.filter { $0.language == .bn }
    let bengaliContext = !bengaliSpans.isEmpty
    // Bengali or Assamese is decided once for the line's Bengali-script text (a line does not
    // switch between the two), and applied to each of its spans.
    var decided: LanguageSpan? = nil
    if var whole = bengaliSpans.first {
      whole.letters = bengaliSpans.reduce(0) { $0 + $1.letters }
      decided = refineBengali(whole, profile, content, spans: bengaliSpans)
    }
    for span in spans {
      switch span.language {
      case .en where model != nil:
        if bengaliContext && span.words <= Self.embeddedTermWords && allows("en") {
          // People who write Bengali in Bengali script do not type Bengali words in Latin
          // letters: a short Latin piece here is a name, a brand or an English term.
          var s = refineLatin(span, profile, content, cache)
          let english = s.count == 1 && s[0].language == .en
          s = [span]
          s[0].reliable = english && span.letters >= 3
          out += s
        } else {
          out += refineLatin(span, profile, content, cache)
        }
      case .bn:
        var s = span
        if let decided {
          s.language = decided.language
          s.confidence = decided.confidence
          s.reliable = decided.reliable
        }
        if allowed != nil && !allows(s.language.rawValue) {
          // The other of Bengali and Assamese if allowed, else another language.
          let alternative: Language = s.language == .as ? .bn : .as
          s.language = allows(alternative.rawValue) ? alternative : .other
          s.reliable = false
        }
        out.append(s)
      default:
        var s = span
        s.reliable = span.language == .neutral || span.letters >= 3
        out.append(s)
      }
    }
    return out
  }

  /// A word of a span: its scalar range and its letters lowercased as UTF-8 (a range of the
  /// span's key bytes).
  struct Word {
    var scalars: Range<Int>
    var key: Range<Int>
  }

  /// The words of a Latin span and their look-up keys, all in one byte buffer.
  func words(_ span: LanguageSpan, _ profile: ScriptProfile, _ content: [UInt8]) -> (
    words: [Word], keys: [UInt8]
  ) {
    var words: [Word] = []
    var keys: [UInt8] = []
    keys.reserveCapacity(span.end - span.start)
    var i = profile.scalarIndex(atOrAfter: span.start)
    while i < profile.scalars.count, profile.scalars[i].start < span.end {
      guard profile.scalars[i].kind == .letter else {
        i += 1
        continue
      }
      var j = i
      while j < profile.scalars.count, profile.scalars[j].start < span.end,
        profile.scalars[j].kind == .letter || profile.scalars[j].kind == .mark
          || (profile.scalars[j].value == 0x27 || profile.scalars[j].value == 0x2019)
            && j + 1 < profile.scalars.count && profile.scalars[j + 1].kind == .letter
      {
        j += 1
      }
      let bytes = content[profile.scalars[i].start..<profile.scalars[j - 1].range.upperBound]
      let start = keys.count
      if bytes.allSatisfy({ $0 < 0x80 }) {
        for b in bytes where b != 0x27 { keys.append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b) }
      } else {
        var lowered = Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
        // Decomposed letters (o + U+0302) are composed first (NFC), as the model's words and
        // n-grams are: "tiếng" scores the same typed either way.
        if profile.scalars[i..<j].contains(where: { $0.kind == .mark }) {
          lowered = (try? Normalizer.normalize(lowered, to: .nfc)) ?? lowered
        }
        for b in lowered where b != 0x27 { keys.append(b) }
      }
      words.append(Word(scalars: i..<j, key: start..<keys.count))
      i = j
    }
    return (words, keys)
  }

  func refineLatin(
    _ span: LanguageSpan, _ profile: ScriptProfile, _ content: [UInt8], _ cache: ScoreCache?
  ) -> [LanguageSpan] {
    guard let model else { return [span] }
    let (words, keys) = self.words(span, profile, content)
    guard !words.isEmpty else { return [span] }
    let n = model.codes.count
    // Per word: its English and romanized Bengali scores (for the word-by-word pass) and
    // whether it is a romanized Bengali marker; the span's totals in every language.
    var pairs = [(Float, Float)](repeating: (0, 0), count: words.count)
    var strong = [Bool](repeating: false, count: words.count)
    var distinct = false
    var totals = [Float](repeating: Self.otherPrior, count: n)
    totals[0] = 0
    if n > 1 { totals[1] = Self.romanizedPrior }
    let cache = cache ?? ScoreCache(capacity: 64)
    keys.withUnsafeBufferPointer { keys in
      totals.withUnsafeMutableBufferPointer { totals in
        for (w, word) in words.enumerated() {
          let entry = cache.entry(UnsafeBufferPointer(rebasing: keys[word.key]), model)
          cache.add(entry, to: totals)
          pairs[w] = (cache.score(entry, 0), n > 1 ? cache.score(entry, 1) : 0)
          let flags = cache.flags(entry)
          strong[w] = flags.contains(.strongRomanized)
          if flags.contains(.distinctlyRomanized) { distinct = true }
        }
      }
    }
    // A distinctly Bengali word ("ami", "kemon", "hobe") rules out the other Latin-script
    // languages: the span is English or romanized Bengali.
    if distinct {
      for l in 2..<n { totals[l] = -.infinity }
    }
    if allowed != nil {
      for l in 0..<n where !allows(model.codes[l]) { totals[l] = -.infinity }
      if !(0..<n).contains(where: { allows(model.codes[$0]) }) {
        // No Latin-script language is allowed: the letters are another language's.
        var s = span
        s.language = .other
        s.reliable = false
        return [s]
      }
      if !totals.contains(where: { $0 > -.infinity }) {
        // The allowed ones were ruled out (a distinctly Bengali word, but only French
        // allowed): none fits.
        var s = span
        s.language = .other
        s.reliable = false
        return [s]
      }
      if !allows(model.codes[0]) { for w in pairs.indices { pairs[w].0 = -.infinity } }
      if n > 1 && !allows(model.codes[1]) { for w in pairs.indices { pairs[w].1 = -.infinity } }
    }
    let ranked = totals.indices.sorted { totals[$0] > totals[$1] }
    let best = ranked[0]
    let margin = n > 1 ? totals[best] - totals[ranked[1]] : 10
    if best >= 2 {
      var s = span
      s.language = .other
      s.code = model.codes[best]
      s.confidence = Self.confidence(margin)
      s.reliable = span.letters >= 3 && margin >= 1
      return [s]
    }
    // English or romanized Bengali, word by word.
    var labels = viterbi(pairs)
    // One or two romanized-looking words without a Bengali function word, in mostly English
    // text, are names ("Mirpur", "Dhanmondi Lake"): they stay English.
    if labels.filter({ $0 == 0 }).count > labels.filter({ $0 == 1 }).count && allows("en") {
      var k = 0
      while k < labels.count {
        guard labels[k] == 1 else {
          k += 1
          continue
        }
        var m = k
        while m + 1 < labels.count, labels[m + 1] == 1 { m += 1 }
        let marked = strong[k...m].contains(true)
        if m - k < 2 && !marked { for i in k...m { labels[i] = 0 } }
        k = m + 1
      }
    }
    var out: [LanguageSpan] = []
    var start = span.start
    var k = 0
    while k < words.count {
      var m = k
      while m + 1 < words.count, labels[m + 1] == labels[k] { m += 1 }
      // Cut before the next word (its opening brackets and quotes go with it).
      var end = span.end
      if m + 1 < words.count {
        var cut = words[m + 1].scalars.lowerBound
        while cut > words[m].scalars.upperBound,
          profile.scalars[cut - 1].kind == .open || profile.scalars[cut - 1].kind == .quote
        {
          cut -= 1
        }
        end = profile.scalars[cut].start
      }
      let language: Language = labels[k] == 0 ? .en : .bnLatn
      var piece = LanguageSpan(
        start: start, end: end, language: language, script: .latin,
        letters: words[k...m].reduce(0) { $0 + letterCount($1, profile) }, words: m - k + 1)
      var pieceMargin: Float = 0
      if out.isEmpty && m + 1 == words.count {
        // The whole span: its margin over every other language.
        pieceMargin =
          totals[labels[k]] - (ranked.first { $0 != labels[k] }.map { totals[$0] } ?? -100)
      } else {
        for w in k...m {
          let (english, romanized) = pairs[w]
          pieceMargin += labels[k] == 0 ? english - romanized : romanized - english
        }
      }
      piece.confidence = Self.confidence(pieceMargin)
      piece.reliable = piece.letters >= 3 && pieceMargin >= 1
      out.append(piece)
      start = end
      k = m + 1
    }
    return out
  }

  func letterCount(_ word: Word, _ profile: ScriptProfile) -> Int {
    profile.scalars[word.scalars].reduce(0) { $0 + $1.letterWeight }
  }

  /// Labels each word 0 (English) or 1 (romanized Bengali), maximising the words' scores minus
  /// ``switchPenalty`` per change of label, with the romanized prior paid once at the start.
  func viterbi(_ scores: [(Float, Float)]) -> [Int] {
    guard !scores.isEmpty else { return [] }
    var best: (Float, Float) = (scores[0].0, scores[0].1 + Self.romanizedPrior)
    // back[w] bit s: the label before word w on the best path that gives word w label s.
    var back = [UInt8](repeating: 0, count: scores.count)
    for w in 1..<scores.count {
      let changeTo0 = best.1 - Self.switchPenalty
      let changeTo1 = best.0 - Self.switchPenalty
      let from0: UInt8 = best.0 >= changeTo0 ? 0 : 1
      let from1: UInt8 = best.1 >= changeTo1 ? 1 : 0
      best = (max(best.0, changeTo0) + scores[w].0, max(best.1, changeTo1) + scores[w].1)
      back[w] = from0 | from1 << 1
    }
    var labels = [Int](repeating: 0, count: scores.count)
    var s = best.0 >= best.1 ? 0 : 1
    for w in stride(from: scores.count - 1, through: 0, by: -1) {
      labels[w] = s
      s = Int(back[w] >> UInt8(s) & 1)
    }
    return labels
  }

  /// 1 / (1 + 10^-margin): a margin of 1 (log10) gives 0.91, 2 gives 0.99.
  static func confidence(_ margin: Float) -> Double {
    1 / (1 + pow(10, -Double(max(-10, min(10, margin)))))
  }

  func refineBengali(
    _ span: LanguageSpan, _ profile: ScriptProfile, _ content: [UInt8],
    spans: [LanguageSpan]? = nil
  ) -> LanguageSpan {
    var s = span
    var assamese = 0
    var bengali = 0
    var word: [UInt32] = []
    var key: [UInt32] = []
    func endWord() {
      guard !word.isEmpty else { return }
      key.removeAll(keepingCapacity: true)
      ClauseMarkers.appendKey(word, to: &key)
      let hash = LanguageModel.hash(key: key)
      if model?.assameseKeyHashes.contains(hash) == true { assamese += 2 }
      if Self.bengaliOnlyKeyHashes.contains(hash) { bengali += 2 }
      // Assamese particles and suffixes Bengali does not use: the question particle নে
      // (ভাত খাবা নে?), and a final ৈ: the suffixes -লৈ (ঘৰলৈ "to the house"), -কৈ (কেনেকৈ) and
      // হৈ; wordfreq's 238,395 Bengali words have 34 such words, together 2 in 100,000 of
      // Bengali text (হৈচৈ, the one frequent one, is also a Bengali-only word, which evens it).
      // (Not -ানে: Bengali দোকানে.)
      if key == Self.questionParticle || (key.count >= 3 && key.last == 0x09C8) {
        assamese += 2
      }
      // Words with র, ৰ or ৱ already counted by their letters; the others by the word sets.
      if let model, !key.contains(where: { $0 == 0x09B0 || $0 == 0x09F0 || $0 == 0x09F1 }) {
        if model.assameseOnly.contains(hash) {
          assamese += 2
        } else if model.bengaliOnly.contains(hash) {
          bengali += 2
        }
      }
      word.removeAll(keepingCapacity: true)
    }
    for part in spans ?? [span] {
      for i in scalarRange(part, profile) {
        let scalar = profile.scalars[i]
        switch scalar.value {
        case 0x09F0, 0x09F1: assamese += 3  // ৰ ৱ
        case 0x09B0: bengali += 3  // র
        default: break
        }
        if scalar.kind == .letter || scalar.kind == .mark || scalar.value == 0x27
          || scalar.value == 0x2019
        {
          word.append(scalar.value)
        } else {
          endWord()
        }
      }
    }
    endWord()
    let margin = assamese - bengali
    if margin > 0 {
      s.language = .as
      s.confidence = 1 - 1 / pow(Double(2 + margin), 2)
      s.reliable = margin >= 2
    } else {
      s.confidence =
        bengali > assamese
        ? 1 - 1 / pow(Double(2 + bengali - assamese), 2) : span.letters >= 8 ? 0.75 : 0.6
      s.reliable = span.letters >= 3 && (bengali > assamese || span.letters >= 8)
    }
    return s
  }

  /// The scalar indices of `span`.
  func scalarRange(_ span: LanguageSpan, _ profile: ScriptProfile) -> Range<Int> {
    var lo = 0
    var hi = profile.scalars.count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if profile.scalars[mid].start < span.start { lo = mid + 1 } else { hi = mid }
    }
    var end = lo
    while end < profile.scalars.count, profile.scalars[end].start < span.end { end += 1 }
    return lo..<end
  }

  static let questionParticle = ClauseMarkers.key("নে".unicodeScalars.map(\.value))
  /// ``bengaliOnlyWords`` as hashes of their keys (``LanguageModel/hash(key:)``).
  static let bengaliOnlyKeyHashes = Set(
    ClauseMarkers.keys(bengaliOnlyWords).map(LanguageModel.hash(key:)))

  /// Frequent Bengali words that Assamese writes otherwise (এবং/আৰু, থেকে/পৰা, জন্য/বাবে…).
  static let bengaliOnlyWords: Set<String> = [
    "এবং", "থেকে", "জন্য", "সাথে", "নিয়ে", "হয়েছে", "হবে", "একটি", "তিনি", "যায়", "দিয়ে", "পারে",
    "আমাদের", "তাদের", "এখন", "কিছু", "ছিল", "হয়", "না।", "বলে",
  ]
}

/// Scores of recent words, one cache per worker thread (words repeat: a cache hit skips the
/// model). Not thread-safe.
///
/// An open-addressing table keyed by the word's bytes: no `String` or `Array` is made per
/// look-up. When full it starts again empty, so an entry is valid only until the next
/// ``entry(_:_:)``.
public final class ScoreCache {
  /// At most this many words are kept.
  public let capacity: Int
  /// Slot → entry index + 1 (0: empty); a power of two, at least twice the capacity.
  private var slots: [Int32]
  private var hashes: [UInt64] = []
  private var keyRanges: [Range<Int32>] = []
  private var keyBytes: [UInt8] = []
  private var scores: [Float] = []
  private var wordFlags: [WordFlags] = []
  private var languages = 0

  /// What a word is, besides its scores.
  struct WordFlags: OptionSet {
    let rawValue: UInt8
    /// A romanized Bengali function word (``ClauseMarkers/isStrong(_:language:)``).
    static let strongRomanized = WordFlags(rawValue: 1)
    /// A word only romanized Bengali has (``ClauseMarkers/isDistinctlyRomanized(_:)``).
    static let distinctlyRomanized = WordFlags(rawValue: 2)
  }

  public init(capacity: Int = 20_000) {
    self.capacity = max(1, capacity)
    var size = 16
    while size < 2 * self.capacity { size <<= 1 }
    slots = [Int32](repeating: 0, count: size)
  }

  /// The entry of `word` (lowercased UTF-8), scored by `model` if not cached.
  func entry(_ word: UnsafeBufferPointer<UInt8>, _ model: LanguageModel) -> Int {
    let hash = LanguageModel.fnv1a(word)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash ^ hash >> 29) & mask
    while true {
      let e = Int(slots[slot]) - 1
      if e < 0 { break }
      if hashes[e] == hash {
        let range = Int(keyRanges[e].lowerBound)..<Int(keyRanges[e].upperBound)
        if range.count == word.count && keyBytes[range].elementsEqual(word) { return e }
      }
      slot = (slot + 1) & mask
    }
    if hashes.count >= capacity || languages != model.codes.count {
      clear(languages: model.codes.count)
      return entry(word, model)
    }
    let e = hashes.count
    hashes.append(hash)
    let start = Int32(keyBytes.count)
    keyBytes.append(contentsOf: word)
    keyRanges.append(start..<Int32(keyBytes.count))
    let base = scores.count
    scores.append(contentsOf: repeatElement(0, count: languages))
    scores.withUnsafeMutableBufferPointer {
      model.score(
        word: word, into: UnsafeMutableBufferPointer(rebasing: $0[base..<(base + languages)]))
    }
    var flags: WordFlags = []
    if ClauseMarkers.isDistinctlyRomanized(Array(word)) { flags.insert(.distinctlyRomanized) }
    if ClauseMarkers.isStrong(word.map(UInt32.init), language: .bnLatn) {
      flags.insert(.strongRomanized)
    }
    wordFlags.append(flags)
    slots[slot] = Int32(e + 1)
    return e
  }

  /// Entry `e`'s score in `language` (model order).
  func score(_ e: Int, _ language: Int) -> Float { scores[e * languages + language] }

  /// Adds entry `e`'s scores to `totals`, language by language.
  func add(_ e: Int, to totals: UnsafeMutableBufferPointer<Float>) {
    scores.withUnsafeBufferPointer { s in
      let base = e * languages
      for l in 0..<min(languages, totals.count) { totals[l] += s[base + l] }
    }
  }

  func flags(_ e: Int) -> WordFlags { wordFlags[e] }

  private func clear(languages: Int) {
    self.languages = languages
    for i in slots.indices { slots[i] = 0 }
    hashes.removeAll(keepingCapacity: true)
    keyRanges.removeAll(keepingCapacity: true)
    keyBytes.removeAll(keepingCapacity: true)
    scores.removeAll(keepingCapacity: true)
    wordFlags.removeAll(keepingCapacity: true)
  }
}
