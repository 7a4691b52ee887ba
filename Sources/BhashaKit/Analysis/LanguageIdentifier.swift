import Foundation

/// Decides the language of letters and spans: the one place where script becomes language.
///
/// - Script level (``language(of:)``): Latin letters are provisionally English, Bengali-script
///   letters Bengali, letters of any other script `other`. The segmenter cuts runs on this.
/// - Span level (``refine(_:profile:content:cache:)``), with the bundled ``LanguageModel``
///   (in a line with Bengali-script letters, Latin spans of up to three words stay `en`: names,
///   brands and terms):
///   - a Latin-script span is scored in English, romanized Bengali, romanized Hindi and 26
///     other Latin-script languages (character 1–4-grams plus word lists, with priors that
///     favour English, then romanized Bengali, then romanized Hindi, as our users' text does).
///     If another language wins, the span is `other` with that language's code. Otherwise each
///     sentence is romanized Bengali or (with a word of Hindi's own) romanized Hindi as a whole
///     (``sentenceLanguages``), each word is labelled `en` or that language by a Viterbi pass
///     with a switch penalty, and the span is cut where the label changes;
///   - a Bengali-script span is Assamese when its Assamese evidence (ৰ U+09F0, ৱ U+09F1,
///     Assamese words) outweighs its Bengali evidence (র U+09B0, Bengali-only words); a span
///     with no evidence stays `bn`, unreliable if short. Words without র, ৰ or ৱ count through
///     the model's Assamese-only and Bengali-only word sets (from Tesseract's Assamese list and
///     wordfreq's Bengali list).
///   - Every span gets a confidence and `reliable` (false for one or two letters or a close
///     call).
@_spi(Stages) public struct LanguageIdentifier: Sendable {
  /// The within-script model; nil means the script-only rule.
  public let model: LanguageModel?

  /// Log10 prior of a span in a model language outside the table (English is the default for
  /// Latin text; the table's languages have their own, ``LanguageInfo/prior``).
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

  /// The table's Latin-script languages that the model has, as states of the word-by-word
  /// pass: English first, then the romanized ones (``LanguageInfo/romanized``). Empty if the
  /// model lacks English.
  let states: [LatinState]
  /// Per model slot: the log10 prior of a span in that language (the table's
  /// ``LanguageInfo/prior`` for its languages, ``otherPrior`` for the rest).
  let priors: [Float]
  /// Per model slot: whether it is one of ``states``.
  let isState: [Bool]
  /// ``states``' model slots, in order.
  let stateSlots: [Int]
  /// Per Bengali-script word key hash (``LanguageModel/hash(key:)``): ``assameseWordFlag`` for
  /// the model's Assamese words, ``bengaliOnlyWordFlag`` for ``bengaliOnlyWords``.
  let bengaliScriptWords: HashFlags
  static let assameseWordFlag: UInt8 = 1
  static let bengaliOnlyWordFlag: UInt8 = 2

  /// A language of the word-by-word pass and its model slot.
  struct LatinState {
    var language: Language
    var slot: Int
    var prior: Float
    /// Its index in `Language.romanized` (its bit in ``ScoreCache/ownLanguages(_:)``, its byte
    /// of ``ScoreCache/hostWeights(_:)``); -1 for English.
    var romanizedIndex = -1
    /// Its bit in ``ScoreCache/ownLanguages(_:)`` (0 for English).
    var ownBit: UInt8 { romanizedIndex >= 0 ? 1 << UInt8(romanizedIndex) : 0 }
    /// ``LanguageInfo/fitFloors``.
    var fitFloors: (all: Float, long: Float)? = nil
  }

  /// How many next most likely languages each span lists (``LanguageSpan/alternatives``;
  /// `classify --alternatives N`); 0 for none.
  public let alternatives: Int

  public init(
    model: LanguageModel? = LanguageModel.bundled, allowed: Set<String>? = nil,
    alternatives: Int = 0
  ) {
    self.model = model
    self.allowed = allowed
    self.alternatives = max(0, alternatives)
    var states: [LatinState] = []
    if let model, model.slot(Language.en.rawValue) != nil {
      for language in [Language.en] + Language.romanized {
        guard let slot = model.slot(language.rawValue) else { continue }
        states.append(
          LatinState(
            language: language, slot: slot, prior: language.info.prior,
            romanizedIndex: Language.romanized.firstIndex(of: language) ?? -1,
            fitFloors: language.info.fitFloors))
      }
    }
    self.states = states
    stateSlots = states.map(\.slot)
    var priors = [Float](repeating: Self.otherPrior, count: model?.codes.count ?? 0)
    var isState = [Bool](repeating: false, count: priors.count)
    for state in states {
      priors[state.slot] = state.prior
      isState[state.slot] = true
    }
    self.priors = priors
    self.isState = isState
    bengaliScriptWords = HashFlags(
      (model?.assameseKeyHashes ?? []).map { ($0, Self.assameseWordFlag) }
        + Self.bengaliOnlyKeyHashes.map { ($0, Self.bengaliOnlyWordFlag) })
  }

  /// Whether answers may be `code`.
  @inline(__always)
  func allows(_ code: String) -> Bool { allowed?.contains(code) ?? true }

  /// Codes that `--languages` accepts with `model`: the table's languages with a script (en,
  /// bn, bn-Latn, hi-Latn, as) and the model's other Latin-script languages.
  public static func knownCodes(model: LanguageModel?) -> [String] {
    var codes = Language.allCases.filter { $0.info.script != nil }.map(\.rawValue)
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
    out.reserveCapacity(spans.count + 4)  // Latin spans may be cut in pieces
    let firstBengali = spans.firstIndex { $0.language == .bn }
    let bengaliContext = firstBengali != nil
    // Bengali or Assamese is decided once for the line's Bengali-script text (a line does not
    // switch between the two), and applied to each of its spans.
    var decided: LanguageSpan? = nil
    if let firstBengali {
      var whole = spans[firstBengali]
      whole.letters = 0
      for span in spans[firstBengali...] where span.language == .bn {
        whole.letters += span.letters
      }
      decided = refineBengali(whole, profile, content, spans: spans[firstBengali...])
    }
    for span in spans {
      switch span.language {
      case .en where model != nil:
        if bengaliContext && span.words <= Self.embeddedTermWords && allows("en") {
          // People who write Bengali in Bengali script do not type Bengali words in Latin
          // letters: a short Latin piece here is a name, a brand or an English term.
          let first = out.count
          refineLatin(span, profile, content, cache, into: &out)
          let english = out.count == first + 1 && out[first].language == .en
          out.removeSubrange(first...)
          var s = span
          s.reliable = english && span.letters >= 3
          out.append(s)
        } else {
          refineLatin(span, profile, content, cache, into: &out)
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
        if alternatives > 0, s.language == .bn || s.language == .as {
          let other: Language = s.language == .bn ? .as : .bn
          if allows(other.rawValue) {
            let c = min(max(s.confidence, 1e-9), 1 - 1e-9)
            s.alternatives = [SpanAlternative(code: other.rawValue, behind: log10(c / (1 - c)))]
          }
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

  /// The words of a Latin span and their look-up keys, all in one byte buffer (`words` and
  /// `keys` are emptied first).
  func words(
    _ span: LanguageSpan, _ profile: ScriptProfile, _ content: [UInt8],
    into words: inout [Word], keys: inout [UInt8]
  ) {
    words.removeAll(keepingCapacity: true)
    keys.removeAll(keepingCapacity: true)
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
  }

  /// Appends to `out` the pieces of a Latin-script span (see the type's documentation).
  ///
  /// Its per-word arrays are `cache`'s ``ScoreCache/LatinBuffers``, reused from span to span.
  func refineLatin(
    _ span: LanguageSpan, _ profile: ScriptProfile, _ content: [UInt8], _ cache: ScoreCache?,
    into out: inout [LanguageSpan]
  ) {
    guard let model, !states.isEmpty else { return out.append(span) }
    let cache = cache ?? ScoreCache(capacity: 64)
    var buffers = cache.takeLatinBuffers()
    defer { cache.giveBack(buffers) }
    self.words(span, profile, content, into: &buffers.words, keys: &buffers.keys)
    let words = buffers.words
    guard !words.isEmpty else { return out.append(span) }
    let n = model.codes.count
    let k = states.count
    // Per word: its score in each state language (`scores[w * k + state]`, for the
    // word-by-word pass), whether it is a romanized marker, its romanized languages' own-word
    // bits and its word lists; the span's totals in every language.
    buffers.scores.reset(to: 0, count: words.count * k)
    buffers.strong.reset(to: false, count: words.count)
    buffers.own.reset(to: 0, count: words.count)
    buffers.listed.reset(to: 0, count: words.count)
    buffers.host.reset(to: nil, count: words.count)
    buffers.totals.reset(to: priors)
    // Every language's score per word (`allScores[w * n + l]`), for alternatives only.
    var allScores = [Float](repeating: 0, count: alternatives > 0 ? words.count * n : 0)
    var distinctWords = 0
    cache.touch(words, keys: buffers.keys, hashes: &buffers.hashes)
    for (w, word) in words.enumerated() {
      let hash = buffers.hashes[w]
      let entry = buffers.keys.withUnsafeBufferPointer { keys in
        cache.entry(UnsafeBufferPointer(rebasing: keys[word.key]), model, hash: hash)
      }
      let flags = cache.flags(entry)
      // A regional name scores 0 in every language: it neither adds to the span's totals nor
      // pulls its word towards a language.
      if flags.contains(.name) { continue }
      cache.add(
        entry, to: &buffers.totals, reading: stateSlots, into: &buffers.scores, at: w * k)
      buffers.strong[w] = flags.contains(.strongRomanized)
      if flags.contains(.distinctlyRomanized) { distinctWords += 1 }
      buffers.own[w] = cache.ownLanguages(entry)
      buffers.listed[w] = cache.listed(entry)
      if flags.contains(.hostKnown) { buffers.host[w] = cache.hostWeights(entry) }
      if alternatives > 0 {
        for l in 0..<n { allScores[w * n + l] = cache.score(entry, l) }
      }
    }
    // The rest reads and writes them under their own names (moved out, so each stays the
    // only reference to its storage, and back at the end).
    var scores = buffers.scores.taken()
    var totals = buffers.totals.taken()
    let strong = buffers.strong
    let ownOf = buffers.own
    let listedOf = buffers.listed
    let hostOf = buffers.host
    defer {
      buffers.scores = scores
      buffers.totals = totals
    }
    // A romanized language's own word ("korle", "hocche"; "nahi", "mujhe") is evidence for it
    // against English too, word by word: its n-grams alone often look English enough.
    for w in words.indices where ownOf[w] != 0 {
      for (j, state) in states.enumerated() where ownOf[w] & state.ownBit != 0 {
        scores[w * k + j] += Self.ownWordEvidence
      }
    }
    // A romanized language after the first (romanized Hindi) needs evidence of its own in the
    // span: a word of its own ("hai", "nahi") or host weights that add up to
    // ``hostEvidence`` ("ko", "ke liye"). Without it, it is not a candidate, so text without
    // such words is decided as if the model lacked it.
    var candidates = false
    for (j, state) in states.enumerated() where j >= 2 {
      if ownOf.contains(where: { $0 & state.ownBit != 0 })
        || Self.hostSum(hostOf[...], state) >= Self.hostEvidence
      {
        candidates = true
        continue
      }
      totals[state.slot] = -.infinity
      for w in words.indices { scores[w * k + j] = -.infinity }
    }
    // Distinctly romanized words ("ami", "kemon", "nahi", "kyun"), one in every
    // ``wordsPerDistinctWord`` words or more, rule out the other Latin-script languages: the
    // span is English or romanized Bengali or Hindi. (One such word in a long sentence of a
    // language the model lacks, Swahili "gesi", is a coincidence.)
    let statesOnly = distinctWords > 0 && distinctWords * Self.wordsPerDistinctWord >= words.count
    if statesOnly {
      for l in 0..<n where !isState[l] { totals[l] = -.infinity }
    }
    if allowed != nil {
      for l in 0..<n where !allows(model.codes[l]) { totals[l] = -.infinity }
      if !(0..<n).contains(where: { allows(model.codes[$0]) }) {
        // No Latin-script language is allowed: the letters are another language's.
        var s = span
        s.language = .other
        s.reliable = false
        out.append(s)
        return
      }
      if !totals.contains(where: { $0 > -.infinity }) {
        // The allowed ones were ruled out (a distinctly Bengali word, but only French
        // allowed): none fits.
        var s = span
        s.language = .other
        s.reliable = false
        out.append(s)
        return
      }
      for (j, state) in states.enumerated() where !allows(state.language.rawValue) {
        for w in words.indices { scores[w * k + j] = -.infinity }
      }
    }
    // The best and second-best slots, a tie going to the lower slot (the order a stable sort
    // by total would give); a scan, not a sort of every slot per span.
    var best = 0
    for l in totals.indices.dropFirst() where totals[l] > totals[best] { best = l }
    var second: Int? = nil
    for l in totals.indices where l != best && (second.map { totals[l] > totals[$0] } ?? true) {
      second = l
    }
    let margin = second.map { totals[best] - totals[$0] } ?? 10
    if let j = states.firstIndex(where: { $0.slot == best }), let floors = states[j].fitFloors,
      span.letters >= Self.unknownMinLetters, !statesOnly
    {
      // Does the best language fit this text as it fits its own? (Not asked where distinctly
      // romanized words made the span English or romanized: it is one of those, not `und`.)
      // Per letter, its score plus ``listedWeight`` × the share of letters in words of its
      // word list, over all words and over words of four letters or more (short words are
      // shared by many languages), each against its floor in the language's row. Only the
      // scored words' letters count (not those of URLs, hashtags or numbers inside the span).
      // For a romanized language, the words its host weights know (seen in real romanized
      // text) count as listed.
      var all = (letters: 0, listed: 0, score: Float(0))
      var long = all
      let romanized = states[j].romanizedIndex >= 0
      for w in words.indices {
        let n = letterCount(words[w], profile)
        let known = listedOf[w] & (1 << UInt64(best)) != 0 || (romanized && hostOf[w] != nil)
        let listed = known ? n : 0
        all = (all.letters + n, all.listed + listed, all.score + scores[w * k + j])
        if n >= 4 {
          long = (long.letters + n, long.listed + listed, long.score + scores[w * k + j])
        }
      }
      func fit(_ f: (letters: Int, listed: Int, score: Float)) -> Float {
        (f.score + Self.listedWeight * Float(f.listed)) / Float(max(1, f.letters))
      }
      var shortfall = floors.all - fit(all)
      if long.letters >= Self.unknownMinLongLetters {
        shortfall = max(shortfall, floors.long - fit(long))
      }
      if shortfall > 0 {
        var s = span
        s.language = .other
        s.code = "und"
        s.confidence = Self.confidence(shortfall)
        s.reliable = shortfall >= 1
        s.alternatives = alternatives(totals, model, excluding: nil)
        out.append(s)
        return
      }
    }
    if !isState[best] {
      var s = span
      s.language = .other
      s.code = model.codes[best]
      s.confidence = Self.confidence(margin)
      s.reliable = span.letters >= 3 && margin >= 1
      s.alternatives = alternatives(totals, model, excluding: best)
      out.append(s)
      return
    }
    // English or a romanized language, word by word: each sentence's romanized language is
    // decided first, as a whole, then each word is English or that language.
    // (Without a candidate beyond the first romanized language, every sentence is that one.)
    if candidates {
      sentenceLanguages(
        scores, states: k, own: ownOf, host: hostOf, words, profile, into: &buffers.romanized)
    } else {
      buffers.romanized.reset(to: 1, count: words.count)
    }
    let romanized = buffers.romanized
    buffers.pairs.reset(to: (0, -.infinity), count: words.count)
    for w in words.indices {
      buffers.pairs[w] = (scores[w * k], k > 1 ? scores[w * k + romanized[w]] : -.infinity)
    }
    viterbi(
      buffers.pairs, prior: k > 1 ? states[romanized[0]].prior : 0, into: &buffers.labels,
      back: &buffers.back)
    var labels = buffers.labels.taken()
    defer { buffers.labels = labels }
    if candidates {
      for w in labels.indices where labels[w] != 0 { labels[w] = romanized[w] }
    }
    // One or two romanized-looking words without a romanized function word, in mostly English
    // text, are names ("Mirpur", "Dhanmondi Lake"): they stay English.
    let english = labels.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
    if english > labels.count - english && allows("en") {
      var i = 0
      while i < labels.count {
        guard labels[i] != 0 else {
          i += 1
          continue
        }
        var m = i
        while m + 1 < labels.count, labels[m + 1] != 0 { m += 1 }
        let marked = strong[i...m].contains(true)
        if m - i < 2 && !marked { for x in i...m { labels[x] = 0 } }
        i = m + 1
      }
    }
    // Whether a piece is the whole span: the first one, covering every word.
    let first = out.count
    var start = span.start
    var i = 0
    while i < words.count {
      var m = i
      while m + 1 < words.count, labels[m + 1] == labels[i] { m += 1 }
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
      let state = states[labels[i]]
      var piece = LanguageSpan(
        start: start, end: end, language: state.language, script: .latin,
        letters: words[i...m].reduce(0) { $0 + letterCount($1, profile) }, words: m - i + 1)
      var pieceMargin: Float = 0
      if out.count == first && m + 1 == words.count {
        // The whole span: its margin over every other language.
        pieceMargin =
          totals[state.slot] - ((state.slot != best ? best : second).map { totals[$0] } ?? -100)
      } else {
        // Each word's margin over the next best state language.
        for w in i...m {
          let own = scores[w * k + labels[i]]
          var next = -Float.infinity
          for j in 0..<k where j != labels[i] { next = max(next, scores[w * k + j]) }
          pieceMargin += own - next
        }
      }
      piece.confidence = Self.confidence(pieceMargin)
      piece.reliable = piece.letters >= 3 && pieceMargin >= 1
      if alternatives > 0 {
        if out.count == first && m + 1 == words.count {
          piece.alternatives = alternatives(totals, model, excluding: state.slot)
        } else {
          // The piece's own totals: its words' scores, the priors and the span's rule-outs.
          var own = totals
          for l in 0..<n where totals[l] > -.infinity {
            own[l] = priors[l]
            for w in i...m { own[l] += allScores[w * n + l] }
          }
          piece.alternatives = alternatives(own, model, excluding: state.slot)
        }
      }
      out.append(piece)
      start = end
      i = m + 1
    }
  }

  /// The ``alternatives`` most likely languages by `totals` (log10, one per model slot; -∞
  /// for ruled out) other than slot `own` (nil: none is the span's own, as for `und`), with how
  /// far each is behind `own` (or the best), never below 0.
  func alternatives(_ totals: [Float], _ model: LanguageModel, excluding own: Int?)
    -> [SpanAlternative]
  {
    guard alternatives > 0, let top = totals.max(), top > -.infinity else { return [] }
    let reference = own.map { totals[$0] } ?? top
    let ranked = totals.indices.filter { $0 != own && totals[$0] > -.infinity }
      .sorted { totals[$0] > totals[$1] || totals[$0] == totals[$1] && $0 < $1 }
    return ranked.prefix(alternatives).map {
      SpanAlternative(code: model.codes[$0], behind: Double(max(0, reference - totals[$0])))
    }
  }

  func letterCount(_ word: Word, _ profile: ScriptProfile) -> Int {
    profile.scalars[word.scalars].reduce(0) { $0 + $1.letterWeight }
  }

  /// Log10 bonus of a romanized language per word of its own in a sentence
  /// (``ClauseMarkers/ownWordMask(_:)``: "ache", "kemon" for Bengali; "hai", "nahi" for
  /// Hindi), as the two share most short words ("ki", "to", "na", "kal").
  static let ownWordBonus: Float = 4
  /// Log10 evidence a romanized language's own word adds to that language's score, in the span's
  /// totals and word by word.
  static let ownWordEvidence: Float = 2

  /// How much the learned host weights (``LanguageInfo/hostWeights``, log10) of a sentence's
  /// known words count in its romanized language, against the n-gram scores of its other
  /// words.
  static let hostWeightScale: Float = 2
  /// The sum of host weights (log10) that is evidence for a romanized language after the first,
  /// as a word of its own is.
  static let hostEvidence: Float = 2

  /// The sum of `state`'s host weights (log10) over `host` (nil: a word the weights do not
  /// know).
  static func hostSum(_ host: ArraySlice<UInt64?>, _ state: LatinState) -> Float {
    guard state.romanizedIndex >= 0 else { return 0 }
    var sum: Float = 0
    for h in host {
      if let h { sum += ScoreCache.hostWeight(h, state.romanizedIndex) }
    }
    return sum
  }

  /// The most words of a span per distinctly romanized word for those words to rule out the
  /// other Latin-script languages (one in ten).
  static let wordsPerDistinctWord = 10

  /// Spans with fewer letters are never `und`: too short to judge the fit.
  static let unknownMinLetters = 15
  /// The fit over long words counts from this many letters in words of four letters or more.
  static let unknownMinLongLetters = 12
  /// Weight of the share of letters in listed words in the fit of ``LanguageInfo/fitFloor``.
  static let listedWeight: Float = 3

  /// Writes to `out`, per word, the state (1…) of the romanized language of its sentence. A
  /// sentence ends at `.`, `!`, `?`, a danda or a line break between two words.
  ///
  /// The first romanized language (the table's first: romanized Bengali, our users' own) is
  /// the default. Another one needs evidence: a word of its own in the sentence or host
  /// weights adding up to ``hostEvidence``, and a better sum over the sentence's
  /// romanized-looking words (those some romanized language scores above English, and those
  /// the host weights know; all words if none), with its prior and ``ownWordBonus`` per word
  /// of its own, than each other romanized language. A word the host weights know adds its
  /// weight × ``hostWeightScale`` (learned from real text); any other its n-gram score.
  func sentenceLanguages(
    _ scores: [Float], states k: Int, own: [UInt8], host: [UInt64?], _ words: [Word],
    _ profile: ScriptProfile, into out: inout [Int]
  ) {
    out.reset(to: 1, count: words.count)
    guard k > 2 else { return }
    var start = 0
    while start < words.count {
      var end = start + 1
      while end < words.count, !Self.sentenceEnds(between: words[end - 1], words[end], profile) {
        end += 1
      }
      var sums = (0..<k).map { $0 == 0 ? -Float.infinity : states[$0].prior }
      var evidence = [Bool](repeating: false, count: k)
      evidence[1] = true
      var looking = false
      for pass in 0..<2 where pass == 0 || !looking {
        for w in start..<end {
          var best = -Float.infinity
          for j in 1..<k { best = max(best, scores[w * k + j]) }
          guard pass == 1 || host[w] != nil || best > scores[w * k] else { continue }
          looking = true
          for j in 1..<k {
            sums[j] += scores[w * k + j]
            if let h = host[w] {
              sums[j] += Self.hostWeightScale * ScoreCache.hostWeight(h, states[j].romanizedIndex)
            }
            if own[w] & states[j].ownBit != 0 {
              sums[j] += Self.ownWordBonus
              evidence[j] = true
            }
          }
        }
      }
      for j in 2..<k where Self.hostSum(host[start..<end], states[j]) >= Self.hostEvidence {
        evidence[j] = true
      }
      var chosen = 1
      for j in 2..<k where evidence[j] && sums[j] > sums[chosen] { chosen = j }
      for w in start..<end { out[w] = chosen }
      start = end
    }
  }

  /// Whether a sentence ends between two words of a span.
  static func sentenceEnds(between a: Word, _ b: Word, _ profile: ScriptProfile) -> Bool {
    profile.scalars[a.scalars.upperBound..<b.scalars.lowerBound].contains {
      switch $0.value {
      case 0x21, 0x2E, 0x3F, 0x0A, 0x0D, 0x0964, 0x0965: return true
      default: return false
      }
    }
  }

  /// Labels each word 0 (English) or 1 (its sentence's romanized language), maximising the
  /// words' scores minus ``switchPenalty`` per change of label, with the romanized prior paid
  /// once at the start.
  /// `labels` gets the labels; `back` is scratch space.
  func viterbi(
    _ scores: [(Float, Float)], prior: Float, into labels: inout [Int], back: inout [UInt8]
  ) {
    labels.reset(to: 0, count: scores.count)
    guard !scores.isEmpty else { return }
    var best: (Float, Float) = (scores[0].0, scores[0].1 + prior)
    // back[w] bit s: the label before word w on the best path that gives word w label s.
    back.reset(to: 0, count: scores.count)
    for w in 1..<scores.count {
      let changeTo0 = best.1 - Self.switchPenalty
      let changeTo1 = best.0 - Self.switchPenalty
      let from0: UInt8 = best.0 >= changeTo0 ? 0 : 1
      let from1: UInt8 = best.1 >= changeTo1 ? 1 : 0
      best = (max(best.0, changeTo0) + scores[w].0, max(best.1, changeTo1) + scores[w].1)
      back[w] = from0 | from1 << 1
    }
    var s = best.0 >= best.1 ? 0 : 1
    for w in stride(from: scores.count - 1, through: 0, by: -1) {
      labels[w] = s
      s = Int(back[w] >> UInt8(s) & 1)
    }
  }

  /// 1 / (1 + 10^-margin): a margin of 1 (log10) gives 0.91, 2 gives 0.99.
  static func confidence(_ margin: Float) -> Double {
    1 / (1 + pow(10, -Double(max(-10, min(10, margin)))))
  }

  /// The Bengali-or-Assamese decision for `span`, whose text is that of the Bengali-script
  /// spans (language `bn`) among `spans`.
  func refineBengali(
    _ span: LanguageSpan, _ profile: ScriptProfile, _ content: [UInt8],
    spans: ArraySlice<LanguageSpan>
  ) -> LanguageSpan {
    var s = span
    var assamese = 0
    var bengali = 0
    // The word's key (``ClauseMarkers/appendKey(_:to:)``, a letter at a time), with room for
    // ordinary words at once (growing from empty reallocates several times).
    var inWord = false
    var key: [UInt32] = []
    key.reserveCapacity(40)
    func endWord() {
      guard inWord else { return }
      let hash = LanguageModel.hash(key: key)
      let flags = bengaliScriptWords.flags(of: hash)
      if flags & Self.assameseWordFlag != 0 { assamese += 2 }
      if flags & Self.bengaliOnlyWordFlag != 0 { bengali += 2 }
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
      key.removeAll(keepingCapacity: true)
      inWord = false
    }
    for part in spans where part.language == .bn {
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
          ClauseMarkers.appendKey(CollectionOfOne(scalar.value), to: &key)
          inWord = true
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

extension Array {
  /// Empties the array, keeping its storage, and fills it with `count` copies of `value`.
  fileprivate mutating func reset(to value: Element, count: Int) {
    removeAll(keepingCapacity: true)
    append(contentsOf: repeatElement(value, count: count))
  }

  /// Empties the array, keeping its storage, and fills it with `elements`.
  fileprivate mutating func reset(to elements: [Element]) {
    removeAll(keepingCapacity: true)
    append(contentsOf: elements)
  }

  /// The array, leaving an empty one behind (no copy: the caller holds the only reference).
  fileprivate mutating func taken() -> [Element] {
    var taken: [Element] = []
    swap(&taken, &self)
    return taken
  }
}
