import CICUShims

/// Cuts a line into sentences with ICU's sentence break iterator, plus abbreviation rules.
///
/// - ICU's rules (locale `en@ss=standard`, which also suppresses breaks after common English
///   abbreviations) end a sentence after `. ! ?` and after the danda U+0964 (a Sentence_Terminal).
/// - On top of ICU, a break right after one of ``abbreviations`` followed by a letter is removed:
///   "Dr. Rahman", "Mr. Khan", "লে. কর্নেল", "মো. নাজিম", "ডা. সেলিনা" stay one sentence.
///
/// A line that cannot hold a sentence break is not given to ICU (``isOneSentence(_:)``): in
/// `split --unit sentence`, ICU's iterator cost about 20 % of all instructions, most of it on
/// such lines.
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
    return sentencesByICU(in: content)
  }

  /// ``sentences(in:)`` by ICU's iterator alone (the reference for the fast path's test).
  func sentencesByICU(in content: [UInt8]) -> [Range<Int>] {
    guard !content.isEmpty else { return [] }
    let boundaries =
      (try? content.withUnsafeBufferPointer { try iterator.boundaries($0) }) ?? [0, content.count]
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
    let classes = breakClasses
    func sentenceBreak(_ value: UInt32) -> BreakClass {
      value < 0x0A00 ? classes[Int(value)] : breakClass(ofICU: value)
    }
    return content.withUnsafeBufferPointer { content in
      // Where the scan is: in the text, in its final terminators, or in the spaces after them.
      var atEnd: (terminators: Bool, spaces: Bool) = (false, false)
      var i = 0
      while i < content.count {
        let (value, length) = UTF8Decoding.decode(content, at: i)
        guard length > 0 else { return false }
        switch sentenceBreak(value) {
        case .terminator:
          // A terminator after the final spaces may start a sentence.
          if atEnd.spaces { return false }
          atEnd.terminators = true
        case .space:
          // A space before the first terminator is ordinary text.
          if atEnd.terminators { atEnd.spaces = true }
        case .separator:
          return false
        case .other:
          if atEnd.terminators { return false }
        }
        i += length
      }
      return true
    }
  }

  /// What a scalar is to ``isOneSentence(_:)``.
  enum BreakClass: UInt8 {
    case other, terminator, space, separator
  }

  /// The ``BreakClass`` of every scalar below U+0A00 (ASCII, Latin, Bengali), from ICU once.
  static let breakClasses: [BreakClass] = (0..<UInt32(0x0A00)).map { breakClass(ofICU: $0) }

  /// ICU's Sentence_Break value of `value` as a ``BreakClass`` (USentenceBreak numbers:
  /// ATerm 1, Sep 7, Sp 8, STerm 9, CR 11, LF 13).
  static func breakClass(ofICU value: UInt32) -> BreakClass {
    switch cicu_sentence_break(value) {
    case 1, 9: return .terminator
    case 8: return .space
    case 7, 11, 13: return .separator
    default: return .other
    }
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
    guard start < end else { return false }
    let word = String(decoding: content[start..<end], as: UTF8.self)
    guard Self.abbreviations.contains(word) else { return false }
    // A letter (not a digit or the end) must follow.
    let next = String(decoding: content[boundary...].prefix(4), as: UTF8.self).unicodeScalars.first
    return next.map { $0.properties.isAlphabetic } ?? false
  }
}
