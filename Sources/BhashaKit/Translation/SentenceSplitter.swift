import CICUShims

/// Cuts a line into sentences with ICU's sentence break iterator, plus abbreviation rules.
///
/// - ICU's rules (locale `en@ss=standard`, which also suppresses breaks after common English
///   abbreviations) end a sentence after `. ! ?` and after the danda U+0964 (a Sentence_Terminal).
/// - On top of ICU, a break right after one of ``abbreviations`` followed by a letter is removed:
///   "Dr. Rahman", "Mr. Khan", "লে. কর্নেল", "মো. নাজিম", "ডা. সেলিনা" stay one sentence.
///
/// The cuts are ICU's, but few lines reach its iterator, which cost about 20 % of all
/// instructions of `split --unit sentence`: a line that cannot hold a sentence break is one
/// sentence (``isOneSentence(_:)``), and most others are cut by UAX #29's rules in our own
/// code (``ruleBreaks(_:)``); only a line with a break after one of ICU's exceptions, or with
/// invalid UTF-8, goes to ICU.
///
/// Not thread-safe (it holds an ICU iterator): one per thread.
@_spi(Stages) public final class SentenceSplitter {
  /// Abbreviations (with their dot) after which a name follows, not a new sentence.
  public static let abbreviations: Set<String> = [
    "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "St.", "Jr.", "Sr.", "Sgt.", "Col.", "Lt.", "Gen.",
    "Capt.", "Maj.", "Gov.", "Rev.", "Hon.", "No.", "vs.", "Md.", "Mst.", "Engr.", "Adv.",
    "e.g.", "i.e.", "etc.", "U.S.", "Inc.", "Ltd.", "Co.", "Jan.", "Feb.", "Aug.", "Sept.",
    "Oct.", "Nov.", "Dec.",
    "ড.", "ডা.", "মো.", "মোসা.", "মি.", "লে.", "কর্নেল.", "মেজর.", "প্রফে.", "অধ্যা.", "সা.", "রা.",
    "জে.", "এ.", "বি.", "এম.", "কে.",
  ]

  private let iterator: BreakIterator

  /// - Throws: ``ICUError`` if ICU has no sentence iterator.
  public init() throws(ICUError) {
    iterator = try BreakIterator(.sentence, locale: "en@ss=standard")
  }

  /// The sentences of `content` as byte ranges that tile it (one range for text without
  /// breaks; none for empty content).
  public func sentences(in content: [UInt8]) -> [Range<Int>] {
    guard !content.isEmpty else { return [] }
    if Self.isOneSentence(content) { return [0..<content.count] }
    if let breaks = Self.ruleBreaks(content) { return ranges(content, breaks) }
    return sentencesByICU(in: content)
  }

  /// ``sentences(in:)`` by ICU's iterator alone (the reference for the fast paths' tests).
  func sentencesByICU(in content: [UInt8]) -> [Range<Int>] {
    guard !content.isEmpty else { return [] }
    let boundaries =
      (try? content.withUnsafeBufferPointer { try iterator.boundaries($0) }) ?? [0, content.count]
    return ranges(content, boundaries)
  }

  /// The sentences between `boundaries` (breaks at 0 and at the end are implied), without the
  /// breaks after an abbreviation.
  private func ranges(_ content: [UInt8], _ boundaries: [Int]) -> [Range<Int>] {
    var kept: [Int] = [0]
    for b in boundaries where b > 0 && b < content.count {
      if !followsAbbreviation(content, at: b) { kept.append(b) }
    }
    kept.append(content.count)
    return zip(kept, kept.dropFirst()).map { $0..<$1 }
  }

  /// Whether `content` (valid UTF-8) can hold no sentence break, by the rules of UAX #29 that
  /// ICU's iterator implements: a break comes only after a sentence terminator (Sentence_Break
  /// ATerm or STerm) or a paragraph separator (Sep, CR, LF). With none of those, or with the
  /// terminators only at the end, followed by nothing but more terminators and spaces (Sp),
  /// rules SB8a, SB9 and SB10 keep the end together and SB2 breaks only at the end of the text.
  /// Anything else (a terminator inside, `3.5`, a closing quote after the full stop, invalid
  /// UTF-8) is left to ICU.
  static func isOneSentence(_ content: [UInt8]) -> Bool {
    sentenceBreakValues.withUnsafeBufferPointer { table in
      content.withUnsafeBufferPointer { content in
        // Where the scan is: in the text, in its final terminators, or in the spaces after them.
        var atEnd: (terminators: Bool, spaces: Bool) = (false, false)
        var i = 0
        while i < content.count {
          let (value, length) = UTF8Decoding.decode(content, at: i)
          guard length > 0 else { return false }
          switch sentenceBreak(value, table) {
          case .aTerm, .sTerm:
            // A terminator after the final spaces may start a sentence.
            if atEnd.spaces { return false }
            atEnd.terminators = true
          case .sp:
            // A space before the first terminator is ordinary text.
            if atEnd.terminators { atEnd.spaces = true }
          case .sep, .cr, .lf:
            return false
          default:
            if atEnd.terminators { return false }
          }
          i += length
        }
        return true
      }
    }
  }

  // MARK: - UAX #29 without ICU's iterator

  /// Sentence_Break values (ICU's USentenceBreak numbers).
  enum SentenceBreak: UInt8 {
    case other = 0
    case aTerm, close, format, lower, numeric, oLetter, sep, sp, sTerm, upper, cr,
      extend, lf, sContinue
  }

  /// The Sentence_Break value of every scalar below U+0A00 and then of General Punctuation
  /// (U+2000–U+206F: quotes, dashes, the ellipsis), from ICU once; nil for a value this type
  /// does not know.
  static let sentenceBreakValues: [SentenceBreak?] =
    (Array(0..<UInt32(0x0A00)) + Array(0x2000..<UInt32(0x2070))).map(sentenceBreak(ofICU:))

  static func sentenceBreak(ofICU value: UInt32) -> SentenceBreak? {
    SentenceBreak(rawValue: UInt8(truncatingIfNeeded: cicu_sentence_break(value)))
  }

  /// The Sentence_Break value of `value`, from `table` (``sentenceBreakValues``' storage, taken
  /// once per line) where it has it, else from ICU.
  @inline(__always)
  static func sentenceBreak(_ value: UInt32, _ table: UnsafeBufferPointer<SentenceBreak?>)
    -> SentenceBreak?
  {
    if value < 0x0A00 { return table[Int(value)] }
    if (0x2000..<0x2070).contains(value) { return table[Int(value - 0x2000) + 0x0A00] }
    return sentenceBreak(ofICU: value)
  }

  /// The strings after which ICU's filter (`ss=standard`) suppresses a break (`Mr.`, `U.S.`),
  /// read from ICU's data; nil if it has none.
  static let exceptions: [[UInt8]]? = {
    let needed = cicu_sentence_exceptions("en", nil, 0)
    guard needed > 0 else { return nil }
    var bytes = [CChar](repeating: 0, count: Int(needed))
    guard cicu_sentence_exceptions("en", &bytes, needed) == needed else { return nil }
    return bytes.split(separator: 0).map { $0.map { UInt8(bitPattern: $0) } }
  }()

  /// ``exceptions`` as the byte strings a break may follow for the filter to look closer: each
  /// exception and each of its prefixes that ends in a full stop (`Ph.` of `Ph.D.`, which ICU
  /// matches first and then checks forward). Nil without a list, or with a string over 16
  /// bytes: then ICU cuts every line with a break inside.
  static let exceptionEnds: ExceptionEnds? = {
    guard let exceptions, exceptions.allSatisfy({ $0.count <= 16 }) else { return nil }
    var ends = ExceptionEnds()
    for entry in exceptions {
      for (i, b) in entry.enumerated() where b == 0x2E { ends.insert(entry[...i]) }
      ends.insert(entry[...])
    }
    return ends
  }()

  /// A set of byte strings of up to 16 bytes, looked up by a text's suffixes without
  /// allocating: each string is packed into two words.
  struct ExceptionEnds {
    private struct Key: Hashable {
      var low: UInt64
      var high: UInt64
      var count: Int
    }
    private var keys: Set<Key> = []
    /// The longest string's length.
    private(set) var longest = 0
    /// Bit b of `lastBytes[b >> 6]`: some string ends in byte b.
    private var lastBytes: [UInt64] = [0, 0, 0, 0]

    private static func key(_ bytes: some Collection<UInt8>) -> Key {
      var key = Key(low: 0, high: 0, count: bytes.count)
      for (i, b) in bytes.enumerated() {
        if i < 8 {
          key.low |= UInt64(b) << UInt64(8 * i)
        } else {
          key.high |= UInt64(b) << UInt64(8 * (i - 8))
        }
      }
      return key
    }

    mutating func insert(_ bytes: ArraySlice<UInt8>) {
      guard let last = bytes.last, bytes.count <= 16 else { return }
      keys.insert(Self.key(bytes))
      longest = max(longest, bytes.count)
      lastBytes[Int(last >> 6)] |= 1 << UInt64(last & 63)
    }

    func contains(_ bytes: ArraySlice<UInt8>) -> Bool { keys.contains(Self.key(bytes)) }

    /// Whether `text[..<end]` ends with one of the strings.
    func endsWithOne(_ text: UnsafeBufferPointer<UInt8>, at end: Int) -> Bool {
      guard end > 0 else { return false }
      let last = text[end - 1]
      guard lastBytes[Int(last >> 6)] & (1 << UInt64(last & 63)) != 0 else { return false }
      for length in 1...max(1, longest) where length <= end {
        if keys.contains(Self.key(UnsafeBufferPointer(rebasing: text[(end - length)..<end]))) {
          return true
        }
      }
      return false
    }
  }

  /// The sentence breaks inside `content` as ICU's filtered iterator gives them, worked out
  /// without it; nil when ICU must answer.
  ///
  /// The breaks are those of UAX #29's rules SB3–SB998 (ICU's root rules), from Sentence_Break
  /// values ICU gives. ICU's filter then only removes breaks: one that follows (after at most
  /// one space) an exception of its list, or a prefix of one ending in a full stop. A line
  /// with a break after any such string, or with invalid UTF-8, is left to ICU, so the answer
  /// is ICU's whenever it is not nil; a property test compares the two.
  ///
  /// - Complexity: O(n): the look-ahead of rule SB8 is remembered across the positions that
  ///   share it.
  static func ruleBreaks(_ content: [UInt8]) -> [Int]? {
    guard let exceptions = exceptionEnds else { return nil }
    return content.withUnsafeBufferPointer { content -> [Int]? in
      guard let breaks = uaxBreaks(content) else { return nil }
      for b in breaks where mayBeException(content, before: b, exceptions) { return nil }
      return breaks
    }
  }

  /// UAX #29's sentence breaks inside `content` (ICU's rules, before its exception filter), or
  /// nil for invalid UTF-8, a line of 2 GiB or more, or a Sentence_Break value this type does
  /// not know. Unicode's `SentenceBreakTest.txt` checks it.
  static func uaxBreaks(_ content: UnsafeBufferPointer<UInt8>) -> [Int]? {
    guard content.count < Int(Int32.max) else { return nil }
    var decoded = true
    let scalars = sentenceBreakValues.withUnsafeBufferPointer { table in
      [(SentenceBreak, Int32)](unsafeUninitializedCapacity: content.count) { out, count in
        var i = 0
        count = 0
        while i < content.count {
          let (value, length) = UTF8Decoding.decode(content, at: i)
          guard length > 0, let c = sentenceBreak(value, table) else {
            decoded = false
            return
          }
          out.initializeElement(at: count, to: (c, Int32(i)))
          count += 1
          i += length
        }
      }
    }
    guard decoded else { return nil }
    return scalars.withUnsafeBufferPointer { ruleBreaks($0) }
  }

  /// UAX #29's sentence breaks between `scalars` (their classes and byte offsets), as byte
  /// offsets.
  static func ruleBreaks(_ scalars: UnsafeBufferPointer<(SentenceBreak, Int32)>) -> [Int] {
    func isParaSep(_ c: SentenceBreak) -> Bool { c == .sep || c == .cr || c == .lf }
    // What SB8's look-ahead stops at: OLetter, Upper, Lower, ParaSep or SATerm.
    func endsLookahead(_ c: SentenceBreak) -> Bool {
      switch c {
      case .oLetter, .upper, .lower, .sep, .cr, .lf, .aTerm, .sTerm: return true
      default: return false
      }
    }
    var breaks: [Int] = []
    // The last two characters the rules see (SB5: marks and format characters after a
    // character are not seen), and where the text is in "SATerm Close* Sp*": the terminator,
    // and whether a space came after it.
    var previous = SentenceBreak.other
    var beforePrevious = SentenceBreak.other
    var terminator: SentenceBreak? = nil
    var spaced = false
    // SB8's look-ahead from the last position that needed it: the first letter, separator or
    // terminator at or after it (`lookahead.stop`), and whether it is lowercase.
    var lookahead = (from: Int.max, stop: -1, lower: false)
    var k = 0
    while k < scalars.count {
      if terminator == nil && k > 0 && !isParaSep(scalars[k - 1].0) {
        // Outside "SATerm Close* Sp*" and after no separator, no rule before SB998 applies
        // until a terminator or separator: run to the next one, keeping the last two
        // characters seen.
        while k < scalars.count {
          let c = scalars[k].0
          if c == .aTerm || c == .sTerm || isParaSep(c) { break }
          if c != .extend && c != .format {
            beforePrevious = previous
            previous = c
          }
          k += 1
        }
        if k == scalars.count { break }
      }
      defer { k += 1 }
      let c = scalars[k].0
      if k > 0 {
        let raw = scalars[k - 1].0
        var cut = false
        if raw == .cr && c == .lf {
          cut = false  // SB3
        } else if isParaSep(raw) {
          cut = true  // SB4
        } else if c == .extend || c == .format {
          cut = false  // SB5
        } else if previous == .aTerm && c == .numeric {
          cut = false  // SB6
        } else if previous == .aTerm && (beforePrevious == .upper || beforePrevious == .lower)
          && c == .upper
        {
          cut = false  // SB7
        } else if let terminator {
          if terminator == .aTerm && !(lookahead.from <= k && k <= lookahead.stop) {
            var j = k
            while j < scalars.count, !endsLookahead(scalars[j].0) { j += 1 }
            lookahead = (k, j, j < scalars.count && scalars[j].0 == .lower)
          }
          if terminator == .aTerm && lookahead.lower {
            cut = false  // SB8
          } else if c == .sContinue || c == .aTerm || c == .sTerm {
            cut = false  // SB8a
          } else if !spaced && (c == .close || c == .sp || isParaSep(c)) {
            cut = false  // SB9
          } else if c == .sp || isParaSep(c) {
            cut = false  // SB10
          } else {
            cut = true  // SB11
          }
        }
        if cut { breaks.append(Int(scalars[k].1)) }
        // SB5: a mark or format character after anything but a separator is not seen.
        if (c == .extend || c == .format) && !isParaSep(raw) { continue }
      }
      switch c {
      case .aTerm, .sTerm:
        terminator = c
        spaced = false
      case .close where terminator != nil && !spaced:
        break
      case .sp where terminator != nil:
        spaced = true
      default:
        terminator = nil
      }
      beforePrevious = previous
      previous = c
    }
    return breaks
  }

  /// Whether the text before `boundary`, after at most one space, ends with a string of
  /// `exceptions`: ICU's filter may then remove the break.
  static func mayBeException(
    _ content: UnsafeBufferPointer<UInt8>, before boundary: Int, _ exceptions: ExceptionEnds
  ) -> Bool {
    if exceptions.endsWithOne(content, at: boundary) { return true }
    return boundary > 0 && content[boundary - 1] == 0x20
      && exceptions.endsWithOne(content, at: boundary - 1)
  }

  /// Whether the text before `boundary` ends with an abbreviation (before spaces) and a letter
  /// follows.
  func followsAbbreviation(_ content: [UInt8], at boundary: Int) -> Bool {
    var end = boundary
    while end > 0, content[end - 1] == 0x20 || content[end - 1] == 0x09 { end -= 1 }
    var start = end
    while start > 0, content[start - 1] != 0x20, content[start - 1] != 0x09,
      content[start - 1] != 0x28
    {
      start -= 1
    }
    // Every abbreviation ends in its dot: most breaks are refused here, before a String is made.
    guard start < end, content[end - 1] == 0x2E else { return false }
    let word = String(decoding: content[start..<end], as: UTF8.self)
    guard Self.abbreviations.contains(word) else { return false }
    // A letter (not a digit or the end) must follow.
    let next = String(decoding: content[boundary...].prefix(4), as: UTF8.self).unicodeScalars.first
    return next.map { $0.properties.isAlphabetic } ?? false
  }
}
