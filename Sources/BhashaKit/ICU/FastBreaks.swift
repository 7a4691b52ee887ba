import CICUShims

/// Word and grapheme-cluster boundaries for the common case without ICU's break iterators:
/// text whose code points all lie in ``ranges``: Latin and combining marks (U+0000–U+036F), the
/// dandas and the Bengali block (U+0964–U+09FF), Latin Extended Additional (Vietnamese),
/// General Punctuation, miscellaneous symbols and dingbats, variation selectors, and emoji
/// (U+1F000–U+1FAFF).
///
/// The `Word_Break` and `Grapheme_Cluster_Break` values of those code points are read from ICU
/// once, at first use, into flat tables; the rules are those of UAX #29 (Unicode 15.0, the
/// version of ICU 72) with ICU's root tailoring (`:` is not MidLetter, `@` is a letter), and a
/// segment is a word as ICU's rule status says (see ``forEachWordStart(_:_:)``). Anything else
/// (another block, regional indicators, invalid UTF-8, a line over 2 GiB) returns nil, and the
/// caller asks ICU. A property test checks the answers equal ICU's on
/// random strings; a conformance test checks them against Unicode's `WordBreakTest.txt` and
/// `GraphemeBreakTest.txt`.
enum FastBreaks {
  /// Word_Break values (ICU's UWordBreakValues) that the rules tell apart.
  enum Word: UInt8 {
    case other = 0
    case aLetter = 1
    case format = 2
    case midLetter = 4
    case midNum = 5
    case numeric = 6
    case extendNumLet = 7
    case cr = 8
    case extend = 9
    case lf = 10
    case midNumLet = 11
    case newline = 12
    case hebrewLetter = 14
    case singleQuote = 15
    case doubleQuote = 16
    case zwj = 21
    case wSegSpace = 22
    /// A class the fast path does not handle (Katakana, Regional_Indicator…).
    case unsupported = 255
  }

  /// Grapheme_Cluster_Break values (ICU's UGraphemeClusterBreak) that the rules tell apart.
  enum Grapheme: UInt8 {
    case other = 0
    case control = 1
    case cr = 2
    case extend = 3
    case lf = 5
    case spacingMark = 10
    case prepend = 11
    case zwj = 17
    case unsupported = 255
  }

  /// Per code point of the three ranges: word class, grapheme class, Extended_Pictographic,
  /// and its part in ICU's Indic conjunct rule.
  struct Entry {
    var word: Word
    var grapheme: Grapheme
    var pictographic: Bool
    var conjunct: Conjunct = .none
  }

  /// ICU 72's grapheme tailoring for Bengali conjuncts (CLDR 42, Unicode 15.1's GB9c in
  /// substance): LinkingConsonant ExtCccZwj* Virama ExtCccZwj* × LinkingConsonant, so ক্ষ is
  /// one cluster.
  enum Conjunct: UInt8 {
    case none
    /// A Bengali consonant (Indic_Syllabic_Category=Consonant).
    case consonant
    /// The Bengali virama U+09CD.
    case virama
    /// A combining mark with a non-zero combining class, or ZWJ.
    case extend
  }

  /// Bengali consonants (Indic_Syllabic_Category=Consonant).
  static let bengaliConsonants: [ClosedRange<UInt32>] = [
    0x0995...0x09A8, 0x09AA...0x09B0, 0x09B2...0x09B2, 0x09B6...0x09B9, 0x09DC...0x09DD,
    0x09DF...0x09DF, 0x09F0...0x09F1,
  ]

  /// The code points the tables hold, in table order (``entry(_:in:)`` has their offsets).
  static let ranges: [Range<UInt32>] = [
    0..<0x370, 0x964..<0xA00, 0x2000..<0x2070, 0x1E00..<0x1F00, 0x2600..<0x27C0, 0xFE00..<0xFE10,
    0x1F000..<0x1FB00,
  ]

  static let table: [Entry] = {
    var entries: [Entry] = []
    for range in ranges {
      for cp in range {
        let word = Word(rawValue: UInt8(truncatingIfNeeded: cicu_word_break(cp))) ?? .unsupported
        var grapheme =
          Grapheme(rawValue: UInt8(truncatingIfNeeded: cicu_grapheme_break(cp))) ?? .unsupported
        // ICU's root rules (CLDR) take ':' out of MidLetter and count '@' as a letter (so an
        // e-mail address is one word); Hangul jamo are not in range.
        var tailored: Word = cp == 0x3A ? .other : cp == 0x40 ? .aLetter : word
        // Devanagari letters and digits after the dandas: ICU's conjunct rule spans scripts,
        // so they go to ICU.
        if (0x966..<0x980).contains(cp) { tailored = .unsupported }
        // Han, Hangul, Hiragana and Katakana (🈀 among the emoji): ICU's word rules treat them
        // by script, with its dictionary.
        var status: Int32 = 0
        if [17, 18, 20, 22].contains(cicu_script(cp, &status)) { tailored = .unsupported }
        if tailored == .unsupported { grapheme = .unsupported }
        var conjunct = Conjunct.none
        if cp == 0x09CD {
          conjunct = .virama
        } else if bengaliConsonants.contains(where: { $0.contains(cp) }) {
          conjunct = .consonant
        } else if grapheme == .zwj || (grapheme == .extend && cicu_combining_class(cp) != 0) {
          conjunct = .extend
        }
        entries.append(
          Entry(
            word: tailored, grapheme: grapheme, pictographic: cicu_is_pictographic(cp) != 0,
            conjunct: conjunct))
      }
    }
    return entries
  }()

  /// Whether the tables support every ASCII code point (they do: ICU gives each a word and a
  /// grapheme class the rules handle), so that ``decode(_:into:)`` need not check them one by
  /// one.
  static let asciiSupported = table[0..<0x80].allSatisfy {
    $0.word != .unsupported && $0.grapheme != .unsupported
  }

  /// One decoded code point: its byte offset in the line and its table entry.
  struct Scalar {
    var offset: Int32
    var entry: Entry
  }

  /// The table entry of `cp` from `table`'s storage (one `swift_once` per line, not per code
  /// point), or nil outside ``ranges``. Each range's first entry follows the ranges before it.
  @inline(__always)
  static func entry(_ cp: UInt32, in t: UnsafeBufferPointer<Entry>) -> Entry? {
    switch cp {
    case 0..<0x370: return t[Int(cp)]
    case 0x964..<0xA00: return t[Int(cp - 0x964) + 0x370]
    case 0x2000..<0x2070: return t[Int(cp - 0x2000) + 0x40C]
    case 0x1E00..<0x1F00: return t[Int(cp - 0x1E00) + 0x47C]
    case 0x2600..<0x27C0: return t[Int(cp - 0x2600) + 0x57C]
    case 0xFE00..<0xFE10: return t[Int(cp - 0xFE00) + 0x73C]
    case 0x1F000..<0x1FB00: return t[Int(cp - 0x1F000) + 0x74C]
    default: return nil
    }
  }

  /// Decodes `bytes` into `out` (room for `bytes.count` scalars): the number of code points, or
  /// nil if any is outside the tables, unsupported, or invalid UTF-8.
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<Scalar>)
    -> Int?
  {
    guard bytes.count < Int(Int32.max) else { return nil }
    let asciiSupported = Self.asciiSupported
    return table.withUnsafeBufferPointer { t -> Int? in
      var i = 0
      var k = 0
      let n = bytes.count
      while i < n {
        let b = bytes[i]
        var e: Entry
        var length = 1
        if b < 0x80 {
          e = t[Int(b)]
          if asciiSupported {
            out[k] = Scalar(offset: Int32(truncatingIfNeeded: i), entry: e)
            k += 1
            i += 1
            continue
          }
        } else {
          let (value, l) = UTF8Decoding.decode(bytes, at: i)
          guard l > 0, let found = entry(value, in: t) else { return nil }
          e = found
          length = l
        }
        guard e.word != .unsupported, e.grapheme != .unsupported else { return nil }
        out[k] = Scalar(offset: Int32(truncatingIfNeeded: i), entry: e)
        k += 1
        i += length
      }
      return k
    }
  }

  /// Calls `body` with the code points of `bytes` in fresh storage, or returns nil when ICU
  /// must answer.
  static func withScalars<R>(
    _ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<Scalar>) -> R
  ) -> R? {
    let storage = UnsafeMutablePointer<Scalar>.allocate(capacity: max(1, bytes.count))
    defer { storage.deallocate() }
    guard let n = decode(bytes, into: storage) else { return nil }
    return body(UnsafeBufferPointer(start: storage, count: n))
  }

  /// Decoding storage kept between lines, for one thread: a line of up to ``kept`` bytes
  /// reuses one allocation; a longer one gets its own, freed after use, so that one long
  /// line does not stay resident.
  final class Decoder {
    static let kept = 1 << 16
    private let storage = UnsafeMutablePointer<Scalar>.allocate(capacity: Decoder.kept)

    deinit { storage.deallocate() }

    /// Calls `body` with the code points of `bytes`, or returns nil when ICU must answer.
    func withScalars<R>(
      _ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<Scalar>) -> R
    ) -> R? {
      guard bytes.count <= Self.kept else { return FastBreaks.withScalars(bytes, body) }
      guard let n = FastBreaks.decode(bytes, into: storage) else { return nil }
      return body(UnsafeBufferPointer(start: storage, count: n))
    }
  }

  // MARK: - Words

  /// Start offsets of the word-like words of `bytes`, as ICU's word break iterator gives them
  /// (``BreakIterator/wordStarts(_:)``), or nil when ICU must answer.
  static func wordStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int32]? {
    withScalars(bytes) { scalars in
      var starts: [Int32] = []
      forEachWordStart(scalars) { starts.append($0) }
      return starts
    }
  }

  /// Every word boundary of `bytes` as byte offsets, `0` and `bytes.count` included, or nil
  /// when ICU must answer (for the conformance test).
  static func wordBoundaries(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
    withScalars(bytes) { scalars in
      var out = [0]
      forEachWordBreak(scalars) { k, _, breaks in
        if breaks { out.append(Int(scalars[k].offset)) }
      }
      if !scalars.isEmpty { out.append(bytes.count) }
      return out
    }
  }

  /// Calls `body` with each word-like segment's start: segments by ``forEachWordBreak(_:_:)``,
  /// each word-like as ICU's rule status says, which is the status of the rule that matched
  /// last: a segment ending in a letter or digit (marks after it aside), or in a connector
  /// after a letter, a digit or another connector (`a_`, `__`), but not in a connector with
  /// marks after it (`a_` + U+0301) nor in a pictograph joined by ZWJ (`é` ZWJ `‼`).
  @inline(__always)
  static func forEachWordStart(_ scalars: UnsafeBufferPointer<Scalar>, _ body: (Int32) -> Void) {
    guard !scalars.isEmpty else { return }
    var segmentStart = 0
    var hasLetter = false
    var connectors = 0
    var last = Word.other
    var endsInMark = false
    forEachWordBreak(scalars) { k, w, breaks in
      if breaks {
        if isWordLike(last: last, endsInMark: endsInMark, hasLetter, connectors) {
          body(scalars[segmentStart].offset)
        }
        segmentStart = k
        hasLetter = false
        connectors = 0
        last = .other
      }
      switch w {
      case .aLetter, .hebrewLetter, .numeric: hasLetter = true
      case .extendNumLet: connectors += 1
      default: break
      }
      endsInMark = w == .extend || w == .format || w == .zwj
      if !endsInMark { last = w }
    }
    if isWordLike(last: last, endsInMark: endsInMark, hasLetter, connectors) {
      body(scalars[segmentStart].offset)
    }
  }

  /// Calls `body` with each scalar's index and word class, and whether UAX #29's word rules
  /// break before it (as ``breaksBefore(_:_:)`` says; never before the first).
  ///
  /// Most transitions are decided by ``wordPairs`` from two classes: the previous scalar's and
  /// the current one's, or after Extend and Format marks, the class WB4 attaches them to (so a
  /// Bengali consonant after a vowel sign is decided without looking around). The rest go to
  /// ``breaksBefore(_:_:)``.
  @inline(__always)
  static func forEachWordBreak(
    _ scalars: UnsafeBufferPointer<Scalar>, _ body: (Int, Word, Bool) -> Void
  ) {
    wordPairs.withUnsafeBufferPointer { pairs in
      // The row of `pairs` for the next scalar: the previous scalar's class, or after Extend
      // or Format marks attached by WB4, `afterMarks` plus the class they attach to.
      var row = 0
      // The class WB4 attaches marks to: the last scalar that is not a mark, or a mark at the
      // start or after a line break (WB4 does not apply there).
      var attachedTo = Word.other
      var previous = Word.other
      for k in 0..<scalars.count {
        let w = scalars[k].entry.word
        var breaks = false
        if k > 0 {
          let decision = pairs[row | Int(w.rawValue)]
          breaks = decision == lookFurther ? breaksBefore(k, scalars) : decision != 0
        }
        body(k, w, breaks)
        if w != .extend && w != .format && w != .zwj {
          attachedTo = w
          row = Int(w.rawValue) << 5
        } else {
          if k == 0 || previous == .cr || previous == .lf || previous == .newline { attachedTo = w }
          // After ZWJ, WB3c looks at the raw pair.
          row = w == .zwj ? Int(w.rawValue) << 5 : afterMarks | Int(attachedTo.rawValue) << 5
        }
        previous = w
      }
    }
  }

  /// In ``wordPairs``: the rules must look beyond the two classes.
  static let lookFurther: UInt8 = 2
  /// In ``wordPairs``: the first row of the classes that Extend and Format marks attach to.
  static let afterMarks = 32 << 5

  /// Word break decisions from two classes (raw values below 32), `previous << 5 | current`:
  /// 0 no break, 1 break, ``lookFurther``. Rows from ``afterMarks`` on are for a current
  /// scalar after Extend or Format marks, by the class WB4 attaches them to.
  static let wordPairs: [UInt8] = {
    let lineBreaks: [Word] = [.cr, .lf, .newline]
    let marks: [Word] = [.extend, .format, .zwj]
    let plain: [Word] = [.aLetter, .numeric, .other, .wSegSpace]
    func decision(_ b: Bool?) -> UInt8 { b.map { $0 ? 1 : 0 } ?? lookFurther }
    var pairs = [UInt8](repeating: lookFurther, count: 64 << 5)
    for p in 0..<32 {
      for c in 0..<32 {
        guard let previous = Word(rawValue: UInt8(p)), let current = Word(rawValue: UInt8(c))
        else { continue }
        // Adjacent: WB3, WB3a, WB3b, WB4 (a mark after anything but a line break), then the
        // common pairs.
        let raw: Bool?
        if previous == .cr && current == .lf {
          raw = false
        } else if lineBreaks.contains(previous) || lineBreaks.contains(current) {
          raw = true
        } else if marks.contains(current) {
          raw = false
        } else {
          raw = quickBreak(previous, current)
        }
        pairs[p << 5 | c] = decision(raw)
        // After marks attached to `previous`: as adjacent for plain classes, except that
        // WB3d (WSegSpace × WSegSpace) needs them adjacent.
        let attached: Bool?
        if lineBreaks.contains(current) {
          attached = true
        } else if marks.contains(current) {
          attached = false
        } else if plain.contains(previous) && plain.contains(current)
          && !(previous == .wSegSpace && current == .wSegSpace)
        {
          attached = quickBreak(previous, current)
        } else {
          attached = nil
        }
        pairs[afterMarks | p << 5 | c] = decision(attached)
      }
    }
    return pairs
  }()

  @inline(__always)
  private static func isWordLike(
    last: Word, endsInMark: Bool, _ hasLetter: Bool, _ connectors: Int
  ) -> Bool {
    last == .aLetter || last == .hebrewLetter || last == .numeric
      || (last == .extendNumLet && !endsInMark && (hasLetter || connectors >= 2))
  }

  /// The common transitions, decided from the two classes alone: inside a run of letters and
  /// digits (WB5, WB8–WB10), and between them and spaces or other characters (WB3d, WB999: no
  /// other rule can apply). Nil when the full rules must look further.
  @inline(__always)
  static func quickBreak(_ previous: Word, _ current: Word) -> Bool? {
    let plainPrevious = previous == .aLetter || previous == .numeric
    let simplePrevious = previous == .other || previous == .wSegSpace
    let plainCurrent = current == .aLetter || current == .numeric
    let simpleCurrent = current == .other || current == .wSegSpace
    if plainPrevious && plainCurrent { return false }
    if (plainPrevious || simplePrevious) && simpleCurrent {
      return !(previous == .wSegSpace && current == .wSegSpace)
    }
    if simplePrevious && plainCurrent { return true }
    return nil
  }

  /// Whether UAX #29's word rules break between scalars `k - 1` and `k`.
  static func breaksBefore(_ k: Int, _ s: UnsafeBufferPointer<Scalar>) -> Bool {
    let current = s[k].entry.word
    let previousRaw = s[k - 1].entry.word
    if let quick = quickBreak(previousRaw, current) { return quick }
    // WB3, WB3a, WB3b
    if previousRaw == .cr && current == .lf { return false }
    if previousRaw == .cr || previousRaw == .lf || previousRaw == .newline { return true }
    if current == .cr || current == .lf || current == .newline { return true }
    // WB3c: ZWJ × Extended_Pictographic
    if previousRaw == .zwj && s[k].entry.pictographic { return false }
    // WB3d: WSegSpace × WSegSpace
    if previousRaw == .wSegSpace && current == .wSegSpace { return false }
    // WB4: Extend, Format and ZWJ attach to what precedes them.
    if current == .extend || current == .format || current == .zwj { return false }
    // From here on, scalars are looked at with WB4's attached marks skipped.
    func skippingBack(_ from: Int) -> Int? {
      var j = from
      while j >= 0 {
        let w = s[j].entry.word
        if w == .extend || w == .format || w == .zwj {
          // WB4 does not apply at the start of text or after a line break.
          if j == 0 { return j }
          let before = s[j - 1].entry.word
          if before == .cr || before == .lf || before == .newline { return j }
          j -= 1
          continue
        }
        return j
      }
      return nil
    }
    func skippingForward(_ from: Int) -> Int? {
      var j = from
      while j < s.count {
        let w = s[j].entry.word
        if w == .extend || w == .format || w == .zwj {
          j += 1
          continue
        }
        return j
      }
      return nil
    }
    guard let p = skippingBack(k - 1) else { return true }
    let previous = s[p].entry.word
    let isAHLetter = { (w: Word) in w == .aLetter || w == .hebrewLetter }
    let isMidNumLetQ = { (w: Word) in w == .midNumLet || w == .singleQuote }
    let next = skippingForward(k + 1).map { s[$0].entry.word }
    let beforePrevious = p > 0 ? skippingBack(p - 1).map { s[$0].entry.word } : nil
    // WB5
    if isAHLetter(previous) && isAHLetter(current) { return false }
    // WB6, WB7
    if isAHLetter(previous) && (current == .midLetter || isMidNumLetQ(current)),
      let next, isAHLetter(next)
    {
      return false
    }
    if let beforePrevious, isAHLetter(beforePrevious),
      previous == .midLetter || isMidNumLetQ(previous), isAHLetter(current)
    {
      return false
    }
    // WB7a, WB7b, WB7c
    if previous == .hebrewLetter && current == .singleQuote { return false }
    if previous == .hebrewLetter && current == .doubleQuote, next == .hebrewLetter {
      return false
    }
    if beforePrevious == .hebrewLetter && previous == .doubleQuote && current == .hebrewLetter {
      return false
    }
    // WB8, WB9, WB10
    if previous == .numeric && current == .numeric { return false }
    if isAHLetter(previous) && current == .numeric { return false }
    if previous == .numeric && isAHLetter(current) { return false }
    // WB11, WB12
    if beforePrevious == .numeric, previous == .midNum || isMidNumLetQ(previous),
      current == .numeric
    {
      return false
    }
    if previous == .numeric, current == .midNum || isMidNumLetQ(current), next == .numeric {
      return false
    }
    // WB13a, WB13b
    if isAHLetter(previous) || previous == .numeric || previous == .extendNumLet,
      current == .extendNumLet
    {
      return false
    }
    if previous == .extendNumLet && (isAHLetter(current) || current == .numeric) {
      return false
    }
    // WB999
    return true
  }

  // MARK: - Grapheme clusters

  /// The grapheme cluster boundaries of `bytes` as byte offsets, `0` and `bytes.count`
  /// included (as ``BreakIterator/boundaries(_:)`` gives them), or nil when ICU must answer.
  static func graphemeBoundaries(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
    withScalars(bytes) { scalars in
      var out = [0]
      forEachGraphemeBoundary(scalars) { out.append(Int($0)) }
      if !scalars.isEmpty { out.append(bytes.count) }
      return out
    }
  }

  /// Calls `body` with each grapheme cluster boundary inside the text (not its start or end),
  /// as a byte offset. ``graphemePairs`` decides each pair of classes by GB3–GB9b; the
  /// conjunct rule and GB11 follow state kept along the way.
  @inline(__always)
  static func forEachGraphemeBoundary(
    _ s: UnsafeBufferPointer<Scalar>, _ body: (Int32) -> Void
  ) {
    guard !s.isEmpty else { return }
    // Whether the current cluster so far is ExtPict Extend* (for GB11).
    var pictographicRun = s[0].entry.pictographic
    // The conjunct rule's progress: 1 after a consonant (and marks), 2 after its virama.
    var conjunct = s[0].entry.conjunct == .consonant ? 1 : 0
    var previous = s[0].entry.grapheme
    graphemePairs.withUnsafeBufferPointer { pairs in
      for k in 1..<s.count {
        let e = s[k].entry
        let current = e.grapheme
        let linked = conjunct == 2 && e.conjunct == .consonant
        switch e.conjunct {
        case .consonant: conjunct = 1
        case .virama: conjunct = conjunct >= 1 ? 2 : 0
        case .extend: break
        case .none: conjunct = 0
        }
        let pair = pairs[Int(previous.rawValue) << 5 | Int(current.rawValue)]
        let joins =
          pair == joinsIfLinked
          ? linked || (previous == .zwj && pictographicRun && e.pictographic) : pair != 0
        if !joins {
          body(s[k].offset)
          pictographicRun = e.pictographic
        } else if previous == .zwj && !(pictographicRun && e.pictographic) {
          // After a ZWJ only a pictograph continues the run: ExtPict ZWJ ZWJ and ExtPict ZWJ
          // Extend are no ExtPict Extend* ZWJ, so a pictograph after them starts a cluster.
          pictographicRun = false
        } else if current == .extend || current == .zwj {
          // ExtPict Extend* stays a run; ZWJ keeps it for one more step (checked above).
        } else {
          pictographicRun = e.pictographic && pictographicRun
        }
        previous = current
      }
    }
  }

  /// In ``graphemePairs``: GB9c (ICU's conjunct rule) or GB11 joins the pair, or nothing does.
  static let joinsIfLinked: UInt8 = 2

  /// Grapheme cluster decisions from two classes (raw values below 32), `previous << 5 |
  /// current`: 0 break, 1 join (GB3–GB9b), ``joinsIfLinked``.
  static let graphemePairs: [UInt8] = {
    var pairs = [UInt8](repeating: 0, count: 32 << 5)
    for p in 0..<32 {
      for c in 0..<32 {
        guard let previous = Grapheme(rawValue: UInt8(p)),
          let current = Grapheme(rawValue: UInt8(c))
        else { continue }
        let controls: [Grapheme] = [.control, .cr, .lf]
        let joins: Bool?
        if previous == .cr && current == .lf {
          joins = true  // GB3
        } else if controls.contains(previous) || controls.contains(current) {
          joins = false  // GB4, GB5
        } else if current == .extend || current == .zwj || current == .spacingMark {
          joins = true  // GB9, GB9a
        } else if previous == .prepend {
          joins = true  // GB9b
        } else {
          joins = nil  // GB9c, GB11, GB999
        }
        pairs[p << 5 | c] = joins.map { $0 ? 1 : 0 } ?? joinsIfLinked
      }
    }
    return pairs
  }()
}
