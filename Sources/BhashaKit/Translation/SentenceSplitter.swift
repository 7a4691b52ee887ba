/// Cuts a line into sentences with ICU's sentence break iterator, plus abbreviation rules.
///
/// - ICU's rules (locale `en@ss=standard`, which also suppresses breaks after common English
///   abbreviations) end a sentence after `. ! ?` and after the danda U+0964 (a Sentence_Terminal).
/// - On top of ICU, a break right after one of ``abbreviations`` followed by a letter is removed:
///   "Dr. Rahman", "Mr. Khan", "লে. কর্নেল", "মো. নাজিম", "ডা. সেলিনা" stay one sentence.
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
    let boundaries =
      (try? content.withUnsafeBufferPointer { try iterator.boundaries($0) }) ?? [0, content.count]
    var kept: [Int] = [0]
    for b in boundaries where b > 0 && b < content.count {
      if !followsAbbreviation(content, at: b) { kept.append(b) }
    }
    kept.append(content.count)
    return zip(kept, kept.dropFirst()).map { $0..<$1 }
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
