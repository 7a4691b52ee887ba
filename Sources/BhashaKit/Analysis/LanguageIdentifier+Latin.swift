import Foundation

/// Latin-script spans: their words and scores, the unknown-language fit, the romanized
/// sentence labels and the Viterbi pass over words (see ``LanguageIdentifier``).
extension LanguageIdentifier {
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
    // One or two capitalized romanized-looking words without a romanized function word, in
    // mostly English text, are names ("Mirpur", "Dhanmondi Lake"): they stay English.
    // Lower-case ones ("kortei thake", "biryani") keep the language the scores gave them: in
    // the token-tagged sources, such words are romanized far more often than English.
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
        if m - i < 2 && !strong[i...m].contains(true)
          && words[i...m].allSatisfy({ Self.isCapitalized($0, profile) })
        {
          for x in i...m { labels[x] = 0 }
        }
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

  /// Whether a word starts with a capital letter, as names do ("Mirpur"; "kortei" does not).
  static func isCapitalized(_ word: Word, _ profile: ScriptProfile) -> Bool {
    let value = profile.scalars[word.scalars.lowerBound].value
    if value < 0x80 { return value >= 0x41 && value <= 0x5A }
    return Unicode.Scalar(value)?.properties.isUppercase ?? false
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
}
