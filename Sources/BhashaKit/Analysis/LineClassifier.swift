/// What Bhasha found in one line.
public struct LineAnalysis: Sendable, Equatable {
  /// The line's label.
  public var label: LineLabel
  /// The language carrying the line (most letters; ties to more words, then to the first);
  /// nil for neutral lines.
  public var matrix: Language?
  /// Confidence in the label, 0…1. For single-language lines: the share of letters in the
  /// matrix language or in embedded spans, times n/(n+1) for n letters (41 Bengali letters →
  /// 0.98, one letter → 0.5), times the identifier's confidence in the matrix spans. For `mixed`
  /// lines: the matrix language's share of the letters, times n/(n+1). Neutral lines score 1.
  public var confidence: Double
  /// Letters per script outside neutral units (URLs, numbers with units…), counted in canonical
  /// decomposition so that ো and ে + া count alike. Always holds `Beng` and `Latn`.
  public var letters: [(script: Script, count: Int)]
  /// The spans, tiling the content; empty for an empty line.
  public var spans: [LanguageSpan]
  /// Code points in the content (each invalid byte counts as one U+FFFD).
  public var codepoints: Int
  /// Bytes of invalid UTF-8 in the content.
  public var invalidBytes: Int
  /// Offset in the content of the first invalid byte.
  public var firstInvalidOffset: Int?
  /// Byte ranges of markup (HTML tags, comments, script and style bodies) given to
  /// ``LineClassifier/classify(_:cache:markup:)``: neutral here, kept out of streams by `split`.
  public var markup: [Range<Int>] = []

  public static func == (a: LineAnalysis, b: LineAnalysis) -> Bool {
    a.label == b.label && a.matrix == b.matrix && a.confidence == b.confidence
      && a.letters.elementsEqual(b.letters, by: { $0 == $1 }) && a.spans == b.spans
      && a.invalidBytes == b.invalidBytes && a.codepoints == b.codepoints
  }

  /// The analyses of the sentences of a line (each with its offset in the line, in order, not
  /// overlapping) put together: their spans shifted into the line, with neutral spans for the
  /// bytes between them (so the spans tile the line); letters summed per script; the label of
  /// their one language (`neutral` if none, `mixed` if several); the matrix language as
  /// ``LineClassifier`` picks it (most letters, then words, then first); confidence their
  /// letter-weighted mean. Code points and invalid bytes are those of all of `content`:
  /// the parts' own, summed, when they tile it.
  static func joining(
    _ parts: [(offset: Int, analysis: LineAnalysis)], length: Int, content: [UInt8]
  ) -> LineAnalysis {
    var spans: [LanguageSpan] = []
    var letters: [(script: Script, count: Int)] = []
    var at = 0
    var weighted = 0.0
    var weight = 0
    func gap(to end: Int) {
      guard end > at else { return }
      spans.append(LanguageSpan(start: at, end: end, language: .neutral, script: .common))
      at = end
    }
    for (offset, analysis) in parts {
      gap(to: offset)
      for var span in analysis.spans {
        span.start += offset
        span.end += offset
        spans.append(span)
        at = span.end
      }
      at = max(at, offset)
      var count = 0
      for (script, n) in analysis.letters {
        count += n
        if let i = letters.firstIndex(where: { $0.script == script }) {
          letters[i].count += n
        } else {
          letters.append((script, n))
        }
      }
      weighted += analysis.confidence * Double(count)
      weight += count
    }
    gap(to: length)
    let totals = LineClassifier.languageTotals(spans[...])
    let matrix = totals.first?.language
    let label: LineLabel =
      totals.isEmpty ? .neutral : totals.count == 1 ? LineLabel(totals[0].language) : .mixed
    let (codepoints, invalid, firstInvalid) =
      summedCounts(parts, content) ?? decodedCounts(content)
    var out = LineAnalysis(
      label: label, matrix: matrix, confidence: weight > 0 ? weighted / Double(weight) : 1,
      letters: letters, spans: spans, codepoints: codepoints, invalidBytes: invalid)
    out.firstInvalidOffset = firstInvalid
    return out
  }

  /// Code points, invalid bytes and the first invalid byte of `content`, decoded as a profile
  /// decodes it (each invalid byte one U+FFFD).
  static func decodedCounts(_ content: [UInt8]) -> (
    codepoints: Int, invalidBytes: Int, firstInvalid: Int?
  ) {
    var codepoints = 0
    var invalid = 0
    var firstInvalid: Int? = nil
    content.withUnsafeBufferPointer { buffer in
      var i = 0
      while i < buffer.count {
        let (_, n) = UTF8Decoding.decode(buffer, at: i)
        codepoints += 1
        if n == 0 {
          invalid += 1
          if firstInvalid == nil { firstInvalid = i }
          i += 1
        } else {
          i += n
        }
      }
    }
    return (codepoints, invalid, firstInvalid)
  }

  /// ``decodedCounts(_:)`` of `content` from its parts' own counts, when the parts tile it and
  /// each starts at a byte that is not a continuation byte (a decoder restarts at every such
  /// byte, so decoding the parts one by one decodes the whole); nil otherwise.
  static func summedCounts(
    _ parts: [(offset: Int, analysis: LineAnalysis)], _ content: [UInt8]
  ) -> (codepoints: Int, invalidBytes: Int, firstInvalid: Int?)? {
    var at = 0
    var codepoints = 0
    var invalid = 0
    var firstInvalid: Int? = nil
    for (offset, analysis) in parts {
      guard offset == at, offset == 0 || offset == content.count || content[offset] & 0xC0 != 0x80
      else { return nil }
      // A part's spans tile it; an empty part has none.
      at = offset + (analysis.spans.last?.end ?? 0)
      codepoints += analysis.codepoints
      invalid += analysis.invalidBytes
      if firstInvalid == nil, let first = analysis.firstInvalidOffset {
        firstInvalid = offset + first
      }
    }
    return at == content.count ? (codepoints, invalid, firstInvalid) : nil
  }

  /// The language code of the line: the matrix language, or for `other` the code of its
  /// largest `other` span when the model knows it (`fr`); nil for neutral lines.
  public var languageCode: String? {
    guard let matrix else { return nil }
    guard matrix == .other else { return matrix.rawValue }
    return spans.filter { $0.language == .other }.max { $0.letters < $1.letters }?.code
      ?? matrix.rawValue
  }

  /// False when the line's language is a guess: its matrix spans are all unreliable.
  public var reliable: Bool {
    guard let matrix else { return true }
    return spans.contains { $0.language == matrix && $0.reliable }
  }

  /// Letters per language over the spans.
  public var languageLetters: [(language: Language, count: Int)] {
    var out: [(language: Language, count: Int)] = []
    for span in spans where span.language != .neutral && span.letters > 0 {
      if let k = out.firstIndex(where: { $0.language == span.language }) {
        out[k].count += span.letters
      } else {
        out.append((span.language, span.letters))
      }
    }
    return out
  }
}

/// Labels a line from its spans: `en`, `bn`, `other`, `neutral` or `mixed`.
///
/// - A line with no letters outside neutral units is `neutral`.
/// - Its *matrix language* has the most letters (ties go to more words, then to the language
///   met first).
/// - The line is cut into sentences after spans ending in `. ! ? । …` (a sentence of fewer than
///   2 words joins its neighbour). Each sentence has its own host language: the only one in it,
///   or the one with more function words and verb forms (for a romanized language, its own
///   words), ties to more letters. Sentences with
///   different hosts make the line `mixed` ("প্রধানমন্ত্রী বলেছেন। The economy grew.").
/// - Inside a sentence, every span in another language is *embedded* (a brand, an acronym, a
///   term: not a switch) unless it is a clause of its own, which makes the line `mixed`. A span
///   is a clause when it has at least ``switchMinimumWords`` words (not English in a romanized
///   Bengali or Hindi sentence, which needs its grammar); or at least 2 words with a
///   function word (pronoun, auxiliary, wh-word, negation) or, in Bengali, a finite verb form
///   ("what a match", "ঠিক আছে"); or at least 4 words with two articles or prepositions. Words
///   inside `( )` or `[ ]` do not count ("PTC (paid to click)" is a term), nor do titles such as
///   "The Alchemist".
/// - After this decision, the spaces and punctuation after an embedded span go to its sentence's
///   language (embedded spans are bare words), and a neutral unit between such words and their
///   sentence joins the sentence.
///
///     LineClassifier().classify(Array("আমি Facebook এ পোস্ট দিয়েছি".utf8)).label   // .bn
///     LineClassifier().classify(Array("বলেছেন। The economy grew 6%.".utf8)).label  // .mixed
///     LineClassifier().classify(Array("21.9 C".utf8)).label                         // .neutral
@_spi(Stages) public struct LineClassifier: Sendable {
  /// A span in another language with this many words is a switch whatever else holds.
  public static let switchMinimumWords = 6

  public let identifier: LanguageIdentifier
  public let segmenter: SpanSegmenter

  public init(identifier: LanguageIdentifier = LanguageIdentifier()) {
    self.identifier = identifier
    self.segmenter = SpanSegmenter(identifier: identifier)
  }

  /// Classifies a line's content (without its terminator).
  ///
  /// - Complexity: O(n) in the line's bytes.
  ///
  /// - Parameter markup: with `--markup html`, the byte ranges of markup in the line
  ///   (``MarkupScanner``, possibly none): they and the character references outside them are
  ///   neutral units. Nil for plain text.
  public func classify(
    _ content: [UInt8], cache: ScoreCache? = nil, markup: [Range<Int>]? = nil
  ) -> LineAnalysis {
    let profile = ScriptProfile(content)
    var units = NeutralUnits.find(in: profile, bytes: content)
    if let markup, !markup.isEmpty || content.contains(0x26) {
      // Markup and references are byte ranges; units are ranges of scalar indices.
      let references = MarkupScanner.characterReferences(in: content, outside: markup)
      let scalarRanges = Self.merged(markup, references).map { bytes in
        profile.scalarIndex(
          atOrAfter: bytes.lowerBound)..<profile.scalarIndex(
            atOrAfter: bytes.upperBound)
      }
      units = Self.merged(units, scalarRanges)
    }
    var spans = identifier.refine(
      segmenter.spans(in: profile, units: units, byteCount: content.count), profile: profile,
      content: content, cache: cache)
    let letters = scriptLetters(profile, units)
    var analysis = LineAnalysis(
      label: .neutral, matrix: nil, confidence: 1, letters: letters, spans: [],
      codepoints: profile.scalars.count, invalidBytes: profile.invalidBytes,
      firstInvalidOffset: profile.firstInvalidOffset, markup: markup ?? [])
    let languages = Self.languageTotals(spans[...])
    guard var matrix = languages.first else {
      count(&spans, profile)
      analysis.spans = spans
      return analysis
    }
    analysis.matrix = matrix.language
    // Embedded or switch, sentence by sentence.
    var hosts = [Language?](filledWith: nil, count: spans.count)
    // Sentences in two languages make a switch.
    var previousHost: Language? = nil
    var switched = false
    for group in sentences(spans, profile) {
      guard let host = host(of: spans[group], profile) else { continue }
      if let previousHost, previousHost != host { switched = true }
      previousHost = host
      for k in group {
        hosts[k] = host
        guard spans[k].language != .neutral, spans[k].language != host else { continue }
        if isSwitch(spans[k], host: host, profile, content) {
          switched = true
        } else {
          spans[k].embedded = true
        }
      }
    }
    spans = bareEmbedded(spans, hosts: hosts, profile)
    // The matrix carries the sentences: embedded words do not count towards it.
    if let carrier = Self.languageTotals(spans[...], excludingEmbedded: true).first {
      matrix = carrier
      analysis.matrix = carrier.language
    }
    count(&spans, profile)
    analysis.spans = spans
    let total = Double(languages.letters)
    let evidence = total / (total + 1)
    if switched {
      analysis.label = .mixed
      analysis.confidence = Double(matrix.letters) / total * evidence
    } else {
      analysis.label = LineLabel(matrix.language)
      // The letters of the spans that agree (the matrix language's and embedded ones), times
      // the identifier's own confidence in the matrix spans (letter-weighted).
      var letters = 0
      var weight = 0
      var weighted = 0.0
      for span in spans where span.language == matrix.language || span.embedded {
        letters += span.letters
        guard span.language == matrix.language else { continue }
        weight += span.letters
        weighted += span.confidence * Double(span.letters)
      }
      let model = weight > 0 ? weighted / Double(weight) : 1
      analysis.confidence = Double(letters) / total * evidence * model
    }
    return analysis
  }

  // MARK: - Letters

  /// Letters per script outside neutral units; Bengali and Latin first, then others as met.
  func scriptLetters(_ profile: ScriptProfile, _ units: [Range<Int>]) -> [(
    script: Script, count: Int
  )] {
    var latin = 0
    var bengali = 0
    var others: [(script: Script, count: Int)] = []
    var unitIndex = 0
    profile.scalars.withUnsafeBufferPointer { scalars in
      for index in scalars.indices where scalars[index].kind == .letter {
        let scalar = scalars[index]
        while unitIndex < units.count, units[unitIndex].upperBound <= index { unitIndex += 1 }
        if unitIndex < units.count, units[unitIndex].contains(index) { continue }
        switch scalar.script {
        case .latin: latin += scalar.letterWeight
        case .bengali: bengali += scalar.letterWeight
        default:
          if let k = others.firstIndex(where: { $0.script == scalar.script }) {
            others[k].count += scalar.letterWeight
          } else {
            others.append((scalar.script, scalar.letterWeight))
          }
        }
      }
    }
    return [(Script.bengali, bengali), (Script.latin, latin)] + others
  }

  /// Languages by letters, most first (ties: more words, then first met); with
  /// `excludingEmbedded`, over the spans that are not embedded.
  static func languageTotals(
    _ spans: ArraySlice<LanguageSpan>, excludingEmbedded: Bool = false
  ) -> LanguageTotals {
    var totals = LanguageTotals()
    for (k, span) in spans.enumerated()
    where span.language != .neutral && span.letters > 0 && !(excludingEmbedded && span.embedded) {
      totals.add(span, first: k)
    }
    totals.sort()
    return totals
  }

  /// Letters per language, at most one entry per language (neutral not counted), kept inline:
  /// ``languageTotals(_:excludingEmbedded:)`` runs two or more times per line, and an array
  /// there was two allocations each time.
  struct LanguageTotals {
    typealias Entry = (language: Language, letters: Int, words: Int, first: Int)
    /// Room for every language but `neutral` (a test checks there is).
    private var entries = InlineArray<8, Entry>(repeating: (.neutral, 0, 0, 0))
    /// The number of languages.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }
    /// The language with most letters, and its letters.
    var first: (language: Language, letters: Int)? { isEmpty ? nil : self[0] }
    /// All the languages' letters.
    var letters: Int {
      var sum = 0
      for i in 0..<count { sum += entries[i].letters }
      return sum
    }

    subscript(i: Int) -> (language: Language, letters: Int) {
      (entries[i].language, entries[i].letters)
    }

    /// Counts `span`, the `first`-th span, to its language.
    mutating func add(_ span: LanguageSpan, first: Int) {
      for i in 0..<count where entries[i].language == span.language {
        entries[i].letters += span.letters
        entries[i].words += span.words
        return
      }
      entries[count] = (span.language, span.letters, span.words, first)
      count += 1
    }

    /// Most letters first, then most words, then first met (an insertion sort: a few entries;
    /// `first` differs between entries, so the order is total).
    mutating func sort() {
      func before(_ a: Entry, _ b: Entry) -> Bool {
        if a.letters != b.letters { return a.letters > b.letters }
        if a.words != b.words { return a.words > b.words }
        return a.first < b.first
      }
      guard count > 1 else { return }
      for i in 1..<count {
        let entry = entries[i]
        var j = i
        while j > 0 && before(entry, entries[j - 1]) {
          entries[j] = entries[j - 1]
          j -= 1
        }
        entries[j] = entry
      }
    }
  }

  // MARK: - Embedded or switch

  /// Sentences as ranges of span indices: a sentence ends after a span that ends with `. ! ? । …`
  /// (before trailing spaces). A sentence of fewer than 2 words joins the next one (the one
  /// before, at the end of the line), so "OK." or "Wow!" does not count as a switch.
  func sentences(_ spans: [LanguageSpan], _ profile: ScriptProfile) -> [Range<Int>] {
    func words(_ g: Range<Int>) -> Int { spans[g].reduce(0) { $0 + $1.words } }
    var merged: [Range<Int>] = []
    merged.reserveCapacity(4)
    var start = 0
    var pending: Range<Int>? = nil
    for k in spans.indices where k + 1 == spans.count || endsSentence(spans[k], profile) {
      let group = (pending?.lowerBound ?? start)..<(k + 1)
      start = k + 1
      if words(group) < 2 {
        pending = group
      } else {
        merged.append(group)
        pending = nil
      }
    }
    if let pending {
      if let last = merged.popLast() {
        merged.append(last.lowerBound..<pending.upperBound)
      } else {
        merged.append(pending)
      }
    }
    return merged
  }

  /// The language carrying a sentence: the only one present; else the one with more function
  /// words and verb forms (a Bengali sentence full of English terms is still Bengali: "SEO পর্ব-৩
  /// HTML, Meta Tag, Back links চেক করার কিছু লিংক"); ties go to more letters. A romanized
  /// language's own words (``ClauseMarkers/hostKeys``, the learned lexicon's included: "kortei",
  /// "thake") count for it as function words do: in real comments they are its frame far more
  /// often than its terms.
  ///
  /// An acronym is never a function word ("IT", "WHO"), and in a sentence with letters of
  /// another script a one-word Latin span is a term, not a clause ("মই May মাহত যাম।"), so
  /// neither can take a Bengali-script sentence to English; a one-word Bengali-script span
  /// ("এর", "টা") still counts.
  func host(of spans: ArraySlice<LanguageSpan>, _ profile: ScriptProfile) -> Language? {
    let totals = Self.languageTotals(spans)
    guard totals.count > 1 else { return totals.first?.language }
    var hits: [(language: Language, count: Int)] = (0..<totals.count).map {
      (totals[$0].language, 0)
    }
    let scripts = Set((0..<totals.count).map { totals[$0].language.info.script })
    var key: [UInt32] = []
    key.reserveCapacity(32)
    for span in spans where span.language != .neutral {
      guard let k = hits.firstIndex(where: { $0.language == span.language }) else { continue }
      if scripts.count > 1 && span.words < 2 && span.language.info.script == .latin { continue }
      let markers = ClauseMarkers.hostKeys[span.language]
      forEachWord(in: span.range, profile) { word in
        if Self.isAcronym(word) { return }
        key.removeAll(keepingCapacity: true)
        ClauseMarkers.appendKey(word, to: &key)
        if ClauseMarkers.isStrong(key: key, markers: markers, language: span.language) {
          hits[k].count += 1
        }
      }
    }
    // Totals are in letter order: the first among equal hit counts wins.
    var best = 0
    for k in hits.indices where hits[k].count > hits[best].count { best = k }
    return hits[best].language
  }

  /// Whether `word` is written in capitals only, two or more (`IT`, `WHO`, `NASA`).
  static func isAcronym(_ word: UnsafeBufferPointer<UInt32>) -> Bool {
    word.count >= 2 && word.allSatisfy { (0x41...0x5A).contains($0) }
  }

  /// Whether a span in a language other than its sentence's (`host`) is a clause of its own.
  /// English inside a romanized sentence (the same letters) is one only by its grammar: a run
  /// of English nouns and adjectives of any length in a Hindi or Bengali frame ("cheap
  /// restaurant jo north part of town mein hai") is embedded, not a switch.
  func isSwitch(
    _ span: LanguageSpan, host: Language, _ profile: ScriptProfile, _ content: [UInt8]
  ) -> Bool {
    let byGrammar = span.language == .en && host.info.romanized
    if span.words >= Self.switchMinimumWords && !byGrammar { return true }
    let core = letterCore(span, profile)
    if isBracketed(core, content) { return false }
    // Words in brackets inside the span ("PTC (paid to click)") are an aside, not its clause.
    let outside = words(in: core, profile, skippingBrackets: true)
    if outside.count >= 2 {
      var weak = 0
      for word in outside {
        if ClauseMarkers.isStrong(word, language: span.language) { return true }
        if ClauseMarkers.isWeak(word, language: span.language) { weak += 1 }
      }
      if outside.count >= 4 && weak >= 2 { return true }
    }
    return false
  }

  /// Two sorted lists of ranges as one sorted list of disjoint ranges (overlaps joined).
  static func merged(_ a: [Range<Int>], _ b: [Range<Int>]) -> [Range<Int>] {
    if b.isEmpty { return a }
    if a.isEmpty { return b }
    var out: [Range<Int>] = []
    for r in (a + b).sorted(by: { $0.lowerBound < $1.lowerBound }) where !r.isEmpty {
      if let last = out.last, r.lowerBound < last.upperBound {
        out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
      } else {
        out.append(r)
      }
    }
    return out
  }

  /// The scalar indices of the byte range `range` (scalars are sorted by offset).
  func scalarIndices(_ range: Range<Int>, _ profile: ScriptProfile) -> Range<Int> {
    let lo = profile.scalarIndex(atOrAfter: range.lowerBound)
    return lo..<max(lo, profile.scalarIndex(atOrAfter: range.upperBound))
  }

  /// The span's bytes from its first to its last letter-run scalar (brackets around included).
  func letterCore(_ span: LanguageSpan, _ profile: ScriptProfile) -> Range<Int> {
    var lo = span.end
    var hi = span.start
    for i in scalarIndices(span.range, profile) {
      let s = profile.scalars[i]
      if s.kind == .letter || s.kind == .mark || s.kind == .open || s.kind == .close
        || s.kind == .quote
      {
        lo = min(lo, s.start)
        hi = max(hi, s.range.upperBound)
      }
    }
    return lo < hi ? lo..<hi : span.start..<span.start
  }

  func isBracketed(_ core: Range<Int>, _ content: [UInt8]) -> Bool {
    guard core.count >= 3 else { return false }
    let first = content[core.lowerBound]
    let last = content[core.upperBound - 1]
    return (first == 0x28 && last == 0x29) || (first == 0x5B && last == 0x5D)
  }

  /// Whether `span` ends with sentence-final punctuation (`. ! ? । ॥ …`), looking past trailing
  /// spaces and emoji ("everyone! 🌙 ").
  func endsSentence(_ span: LanguageSpan, _ profile: ScriptProfile) -> Bool {
    let indices = scalarIndices(span.range, profile)
    var k = indices.upperBound - 1
    while k >= indices.lowerBound {
      let s = profile.scalars[k]
      if s.kind == .space || s.kind == .symbol || s.value == 0xFE0F || s.value == 0x200D {
        k -= 1
        continue
      }
      switch s.value {
      case 0x2E, 0x21, 0x3F, 0x0964, 0x0965, 0x2026: return true
      default: return false
      }
    }
    return false
  }

  /// The words (letters and marks, with apostrophes between letters) in the byte range, as
  /// code points; with `skippingBrackets`, words inside `( )` and `[ ]` are left out.
  func words(
    in range: Range<Int>, _ profile: ScriptProfile, skippingBrackets: Bool = false
  ) -> [[UInt32]] {
    var words: [[UInt32]] = []
    forEachWord(in: range, profile, skippingBrackets: skippingBrackets) { words.append(Array($0)) }
    return words
  }

  /// Calls `body` with the code points of each word of ``words(in:_:skippingBrackets:)``, in
  /// one buffer reused from word to word (valid only during the call).
  func forEachWord(
    in range: Range<Int>, _ profile: ScriptProfile, skippingBrackets: Bool = false,
    _ body: (UnsafeBufferPointer<UInt32>) -> Void
  ) {
    var current: [UInt32] = []
    current.reserveCapacity(32)
    var depth = 0
    let indices = scalarIndices(range, profile)
    for i in indices {
      let s = profile.scalars[i]
      if skippingBrackets {
        if s.value == 0x28 || s.value == 0x5B { depth += 1 }
        if (s.value == 0x29 || s.value == 0x5D) && depth > 0 { depth -= 1 }
      }
      let inWord: Bool
      switch s.kind {
      case .letter, .mark: inWord = true
      case .quote, .close, .punctuation:
        // An apostrophe between letters: don't, it’s.
        inWord =
          (s.value == 0x27 || s.value == 0x2019) && !current.isEmpty && i + 1 < indices.upperBound
          && profile.scalars[i + 1].kind == .letter
      default: inWord = false
      }
      if inWord && depth == 0 {
        current.append(s.value)
      } else if !current.isEmpty {
        current.withUnsafeBufferPointer(body)
        current.removeAll(keepingCapacity: true)
      }
    }
    if !current.isEmpty { current.withUnsafeBufferPointer(body) }
  }

  // MARK: - Bare embedded spans

  /// Moves what follows the last letter of each embedded span (spaces, punctuation, emoji) to
  /// its sentence's language (its host): into the next span if that is in the host language,
  /// else into a span of its own. Then a neutral span between two spans of one sentence that
  /// are each in the host language or embedded joins the host language.
  func bareEmbedded(
    _ spans: [LanguageSpan], hosts: [Language?], _ profile: ScriptProfile
  ) -> [LanguageSpan] {
    guard spans.contains(where: \.embedded) else { return spans }
    // Room for every span and a few tails at once (growing reallocates).
    var out: [LanguageSpan] = []
    out.reserveCapacity(spans.count + 4)
    var outHosts: [Language?] = []
    outHosts.reserveCapacity(spans.count + 4)
    var k = 0
    while k < spans.count {
      var span = spans[k]
      let host = hosts[k]
      k += 1
      let core = span.embedded ? letterCore(span, profile) : span.range
      guard span.embedded, let host, !core.isEmpty, core.upperBound < span.end else {
        out.append(span)
        outHosts.append(host)
        continue
      }
      let tailStart = core.upperBound
      let tailEnd = span.end
      span.end = tailStart
      out.append(span)
      outHosts.append(host)
      if k < spans.count, spans[k].language == host, !spans[k].embedded {
        var next = spans[k]
        next.start = tailStart
        out.append(next)
        outHosts.append(hosts[k])
        k += 1
      } else {
        out.append(
          LanguageSpan(
            start: tailStart, end: tailEnd, language: host, script: .common, letters: 0, words: 0
          ))
        outHosts.append(host)
      }
    }
    // Neutral units inside a sentence, between its host language and embedded words.
    for i in out.indices where out[i].language == .neutral && i > 0 && i + 1 < out.count {
      guard let host = outHosts[i], outHosts[i - 1] == host, outHosts[i + 1] == host else {
        continue
      }
      let before = out[i - 1].language == host || out[i - 1].embedded
      let after = out[i + 1].language == host || out[i + 1].embedded
      if before && after { out[i].language = host }
    }
    // Neighbours with one language (and neither embedded) merge back; `other` spans of two
    // scripts or codes stay apart.
    var merged: [LanguageSpan] = []
    merged.reserveCapacity(out.count)
    for span in out {
      let l = merged.count - 1
      if l >= 0, merged[l].language == span.language, !merged[l].embedded, !span.embedded,
        merged[l].code == span.code,
        merged[l].script == span.script || merged[l].script == .common || span.script == .common
      {
        merged[l].end = span.end
        merged[l].letters += span.letters
        merged[l].words += span.words
        if merged[l].script == .common { merged[l].script = span.script }
      } else {
        merged.append(span)
      }
    }
    return merged
  }

  /// Fills in each span's code points and invalid bytes.
  ///
  /// A code point counts to the first span that ends after its start, so a span's count is
  /// the number of code points starting between the previous span's end and its own: one
  /// binary search per span, not a walk over the line. Invalid bytes are looked for only in a line
  /// that has some.
  func count(_ spans: inout [LanguageSpan], _ profile: ScriptProfile) {
    let scalars = profile.scalars
    spans.withUnsafeMutableBufferPointer { spans in
      var lower = 0
      for k in spans.indices {
        let upper = max(lower, profile.scalarIndex(atOrAfter: spans[k].end))
        spans[k].codepoints += upper - lower
        if profile.invalidBytes > 0 {
          for i in lower..<upper where scalars[i].isInvalid { spans[k].invalidBytes += 1 }
        }
        lower = upper
      }
    }
  }
}
