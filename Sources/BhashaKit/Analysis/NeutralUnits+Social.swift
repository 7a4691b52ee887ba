/// Social-media neutral units: emoticons, laughter and interjections. Their letters (`:P`,
/// `XD`, `hahaha`, `lol`, `uffff`) are not evidence of any language: a line of only these is
/// `neutral`, and inside a sentence they attach like punctuation.
///
/// Recognised forms (listed in the README), whole tokens between spaces:
/// - emoticons in ``emoticons``, and any of them with its last character repeated (`:)))`,
///   `:DDD`, `=))`);
/// - laughter: `haha`, `hehe`, `hihi`, `hoho` and `ahaha` of two or more beats, `hah`, `heh`,
///   and `lol`, `lolz`, `lmao`, `lmfao`, `rofl`, `roflmao`;
/// - laughter spaced out, one syllable again and again: `ha ha`, `he he he`, `HA HA HA!`;
/// - interjections: `hm`, `uf`, `ugh`, `aw`, `ahem`, `wow`, `muah`, `mwah`, `duh`, `yay`,
///   `meh`, `omg`, `omfg`, `wtf`, `whew`, `phew`, `yikes`, `woohoo`, `whoa`, `woah`,
///   `yippee`, `geez`, `jeez`, `geesh`, `teehee`, `argh`, `yum` (listed with held letters let
///   go: `woho`, `gez`; not `sheesh`, which is Banglish `shesh`, "end"), and with a letter
///   held (`ahh`, `ohhh`, `oops`, `uhh`, `heyyy`, `shhh`, `woot`, `eww`, `grr`) also `ah`,
///   `oh`, `eh`, `uh`, `aha`, `oho`, `hey`, `sh`, `wot`, `ew`, `gr`; and `a`, `e`, `o`, `u`, `k` held to three or more (`aaaa`, `ooo`,
///   `kkkk`);
/// - words with letters starred out: `f***`, `f**k`, `sh*t`.
///
/// Any letter may be held (`lolll`, `lmaooo`, `hahahaaa`, `oopsss`, `hmmmm`), case does not
/// matter (`LOL`, `Hahaha`), a word may be of any length up to ``longestSocialToken``, and
/// trailing punctuation is not part of the unit (`LMAO!!!`, `hmmm...`, `hmm…`). Plain `ah`,
/// `oh`, `a`, `aa`, `ops`, and a lone `he` or `hi` stay words.
extension NeutralUnits {
  /// ASCII emoticons, matched exactly (letters in them keep their case: `:P`, `:p`, `XD`, `xD`).
  static let emoticons: Set<String> = [
    ":)", ":-)", ":(", ":-(", ":P", ":-P", ":p", ":-p", ":D", ":-D", ";)", ";-)", ";P", ";-P",
    ";D", "<3", "</3", "XD", "xD", "XP", "xP", ":'(", ":'-(", ":')", ":'D", "^_^", "^^", "^.^",
    "-_-", ":O", ":-O", ":o", ":-o", ":|", ":-|", ":/", ":-/", ":\\", ":3", ">_<", "T_T", "o_O",
    "O_o", "O.o", "o.O", ":*", ":-*", "=)", "=D", "=(", "=P", ":v", "B-)", "B)", "8-)", ":$",
    ":@", ">:(", ">:)", "<_<", ">_>", "._.", ":S", ":s", ":-S", ":-s", "B|", "B-|", ":-B",
    ";p", ";-p", "=p", ":]", "=]", "o.o", "O.O",
  ]

  /// The first two characters of each emoticon (``pairBits(_:)``).
  static let emoticonStarts = pairBits(emoticons.map { Array($0.utf8) })

  /// The first two letters a laughter or interjection word can start with, lowercased
  /// (``pairBits(_:)``): those of ``socialWords``, ``heldWords`` and laughter (``isLaughter(_:)``:
  /// `ha`, `he`, `hi`, `ho`, `ah`), and each first letter held (`lolll`, `aaa`).
  static let socialWordStarts: [UInt64] = {
    let laughter = ["ha", "he", "hi", "ho", "ah"].map { Array($0.utf8) }
    let words =
      socialWords + heldWords + laughter + ["a", "e", "o", "u", "k"].map { Array($0.utf8) }
    return pairBits(words.map { [$0[0], $0[0]] } + words)
  }()

  /// The first two bytes of each of `words` (ASCII, one byte or more; a one-byte word is left
  /// out) as bits of a 128 × 128 table: ``hasPair(_:_:_:)`` reads it.
  static func pairBits(_ words: [[UInt8]]) -> [UInt64] {
    var bits = [UInt64](repeating: 0, count: 128 * 128 / 64)
    for word in words where word.count >= 2 {
      let pair = Int(word[0] & 0x7F) << 7 | Int(word[1] & 0x7F)
      bits[pair >> 6] |= 1 << UInt64(pair & 63)
    }
    return bits
  }

  /// Whether `bits` (``pairBits(_:)``) has the pair `first`, `second` (both below 128).
  @inline(__always)
  static func hasPair(_ bits: [UInt64], _ first: UInt8, _ second: UInt8) -> Bool {
    let pair = Int(first & 0x7F) << 7 | Int(second & 0x7F)
    return bits[pair >> 6] & (1 << UInt64(pair & 63)) != 0
  }

  /// The ASCII characters a social unit can start with, as bits (0–63, 64–127): the first
  /// characters of ``emoticons``, and in either case those of the words ``socialUnit(_:_:)``
  /// looks for (laughter starts with `h` or `a`; held vowels are `a e o u`). A token may also
  /// start with an opening bracket or quote before its core.
  static let socialFirsts: (UInt64, UInt64) = {
    var firsts = emoticons.compactMap { $0.utf8.first }
    for word in socialWords + heldWords + ["h", "a", "e", "o", "u", "k"].map({ Array($0.utf8) }) {
      if let f = word.first { firsts += [f & 0xDF, f | 0x20] }
    }
    var bits: (UInt64, UInt64) = (0, 0)
    for b in firsts {
      if b < 64 { bits.0 |= 1 << UInt64(b) } else { bits.1 |= 1 << UInt64(b - 64) }
    }
    return bits
  }()

  /// Laughter and interjections after held letters are let go (`lolll` → `lol`), lowercased.
  static let socialWords: [[UInt8]] = [
    "lol", "lolz", "lmao", "lmfao", "rofl", "roflmao", "hm", "uf", "ugh", "aw", "ahem", "wow",
    "muah", "mwah", "duh", "yay", "meh", "omg", "omfg", "wtf", "whew", "phew", "yikes", "woho",
    "whoa", "woah", "yipe", "gez", "jez", "gesh", "tehe", "argh", "yum",
  ].map { Array($0.utf8) }
  /// Interjections that are units only with a held letter (`ahh`, `oops`, not `ah`, `ops`;
  /// one letter held three times: `aaa`, not `AA`).
  static let heldWords: [[UInt8]] = [
    "ah", "oh", "eh", "uh", "aha", "oho", "ops", "hey", "sh", "wot", "ew", "gr",
  ].map { Array($0.utf8) }

  /// The longest token looked at as laughter or an interjection (`hahahaha…` of any length a
  /// person types); longer ones are words or junk.
  static let longestSocialToken = 256

  /// The scalar ranges of the emoticons, laughter and interjections in `profile`, in order;
  /// also spaced laughter (`ha ha`, `he he he`: one unit over a run of one syllable) and
  /// censored words (`f***`, `sh*t`).
  ///
  /// - Complexity: O(n); most tokens are refused by their first character.
  static func social(in profile: ScriptProfile) -> [Range<Int>] {
    let scalars = profile.scalars
    var found: [Range<Int>] = []
    let (low, high) = socialFirsts
    // A run of one laughter syllable, one per token ("ha ha", not "hi he"): its range, how
    // many, and the syllable's vowel.
    var run: (range: Range<Int>, count: Int, vowel: UInt32)?
    func flush() {
      if let r = run, r.count >= 2 { found.append(r.range) }
      run = nil
    }
    forEachToken(in: scalars) { token in
      let core = coreRange(token, scalars)
      if isLaughterSyllable(core, scalars) {
        let vowel = scalars[core.lowerBound + 1].value | 0x20
        if let r = run, r.vowel == vowel {
          run = (r.range.lowerBound..<core.upperBound, r.count + 1, vowel)
        } else {
          flush()
          run = (core, 1, vowel)
        }
        // Punctuation after a syllable ends the run ("ha ha. He said").
        if core.upperBound != token.upperBound { flush() }
        return
      }
      flush()
      if isCensored(core, scalars) {
        found.append(core)
        return
      }
      // Most words are refused by their first character, before a closer look.
      guard mayStartSocialUnit(scalars[token.lowerBound], (low, high)),
        token.count <= longestSocialToken,
        let unit = socialUnit(token, scalars)
      else { return }
      found.append(unit)
    }
    flush()
    return found
  }

  /// `ha`, `he`, `hi` or `ho` alone (any case): a beat of spaced laughter.
  static func isLaughterSyllable(_ core: Range<Int>, _ scalars: [ProfiledScalar]) -> Bool {
    guard core.count == 2 else { return false }
    let h = scalars[core.lowerBound].value | 0x20
    let v = scalars[core.lowerBound + 1].value | 0x20
    return h == 0x68 && (v == 0x61 || v == 0x65 || v == 0x69 || v == 0x6F)
  }

  /// A word with letters starred out: ASCII letters and `*` only, starting with a letter, with
  /// two stars or more (`f***`, `f**k`) or one between letters (`sh*t`).
  static func isCensored(_ core: Range<Int>, _ scalars: [ProfiledScalar]) -> Bool {
    guard core.count >= 2, core.count <= 16, scalars[core.lowerBound].kind == .letter,
      scalars[core.lowerBound].value < 0x80
    else { return false }
    var stars = 0
    for s in scalars[core] {
      if s.value == 0x2A {
        stars += 1
      } else if !(s.kind == .letter && s.value < 0x80) {
        return false
      }
    }
    return stars >= 2 || (stars == 1 && scalars[core.upperBound - 1].value != 0x2A)
  }

  /// Whether a token starting with `first` may be a social unit, by ``socialFirsts`` (passed
  /// in, so that a loop reads the static once).
  @inline(__always)
  static func mayStartSocialUnit(_ first: ProfiledScalar, _ firsts: (UInt64, UInt64)) -> Bool {
    let v = first.value
    guard v < 0x80 else { return false }
    return first.kind == .open || first.kind == .quote
      || (v < 64 ? firsts.0 >> UInt64(v) : firsts.1 >> UInt64(v - 64)) & 1 != 0
  }

  /// The unit in token `range`, if it is one: the whole token for an emoticon, the token
  /// without its trailing punctuation for a word.
  static func socialUnit(_ range: Range<Int>, _ scalars: [ProfiledScalar]) -> Range<Int>? {
    if isEmoticon(range, scalars) { return range }
    let core = coreRange(range, scalars)
    guard !core.isEmpty else { return nil }
    // Every such word starts with a pair of letters that starts one of them
    // (``socialWordStarts``; most words stop here: "the", "and", "on", "us").
    let first = scalars[core.lowerBound].value | 0x20
    let second = core.count > 1 ? scalars[core.lowerBound + 1].value | 0x20 : first
    guard first < 0x80, second < 0x80,
      mayBeSocialWord(UInt8(truncatingIfNeeded: first), UInt8(truncatingIfNeeded: second))
    else { return nil }
    return matchesSocialWord(core, scalars) ? core : nil
  }

  /// Whether a word of ASCII letters starting with `first` and `second` (lowercased) may be
  /// laughter or an interjection (``matchesSocialWord(_:_:)``): a pair of
  /// ``socialWordStarts`` (test `socialWordsPassTheSecondLetterFilter`).
  @inline(__always)
  static func mayBeSocialWord(_ first: UInt8, _ second: UInt8) -> Bool {
    hasPair(socialWordStarts, first, second)
  }

  /// Whether `core` (ASCII letters only, else false) is laughter or an interjection: lowercased
  /// with held letters let go, one of ``isLaughter(_:)``, ``socialWords``, a vowel held three
  /// times or more, or one of ``heldWords`` with a letter held.
  static func matchesSocialWord(_ core: Range<Int>, _ scalars: [ProfiledScalar]) -> Bool {
    guard scalars[core].allSatisfy({ $0.kind == .letter && $0.value < 0x80 }) else { return false }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: core.count) { buffer in
      // Lowercase, letting go of held letters.
      var n = 0
      for s in scalars[core] {
        let b = UInt8(truncatingIfNeeded: s.value) | 0x20
        if n > 0 && buffer[n - 1] == b { continue }
        buffer[n] = b
        n += 1
      }
      let word = UnsafeBufferPointer(rebasing: buffer[0..<n])
      if isLaughter(word) || socialWords.contains(where: { $0.elementsEqual(word) }) {
        return true
      }
      if n == 1 { return core.count >= 3 && "aeouk".utf8.contains(word[0]) }
      return n < core.count && heldWords.contains(where: { $0.elementsEqual(word) })
    }
  }

  /// `haha`, `hehe`, `hihi`, `hoho`, `ahaha` (two or more beats), `hah`, `heh`.
  static func isLaughter(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
    var k = 0
    if word.first == UInt8(ascii: "a") { k = 1 }
    var beats = 0
    while k + 1 < word.count, word[k] == UInt8(ascii: "h"),
      word[k + 1] == UInt8(ascii: "a") || word[k + 1] == UInt8(ascii: "e")
        || word[k + 1] == UInt8(ascii: "i") || word[k + 1] == UInt8(ascii: "o")
    {
      beats += 1
      k += 2
    }
    if k == word.count - 1, word[k] == UInt8(ascii: "h"), beats >= 1 {
      // "hah", "heh", "hahah"
      return word.first != UInt8(ascii: "a") || beats >= 2
    }
    return k == word.count && beats >= 2
  }

  /// An emoticon, or one with its last character repeated (`:)))`, `=))`, `:DDD`).
  static func isEmoticon(_ range: Range<Int>, _ scalars: [ProfiledScalar]) -> Bool {
    guard range.count >= 2, range.count <= 24, scalars[range].allSatisfy({ $0.value < 0x80 })
    else { return false }
    // Emoticons start with one of : ; < ^ - = > 8 B T X x o O . (quick refusal of words).
    let first = scalars[range.lowerBound].value
    switch first {
    case 0x3A, 0x3B, 0x3C, 0x5E, 0x2D, 0x3D, 0x3E, 0x38, 0x42, 0x54, 0x58, 0x78, 0x6F, 0x4F,
      0x2E:
      break
    default:
      return false
    }
    // Its first two characters start some emoticon (a repeat starts with the emoticon too):
    // words like "of" and "The" stop here, before a String is made.
    let second = scalars[range.lowerBound + 1].value
    guard second < 0x80,
      hasPair(
        emoticonStarts, UInt8(truncatingIfNeeded: first), UInt8(truncatingIfNeeded: second))
    else { return false }
    var end = range.upperBound
    while end - range.lowerBound > 2, scalars[end - 1].value == scalars[end - 2].value {
      end -= 1
    }
    var text = ""
    for s in scalars[range.lowerBound..<end] {
      text.unicodeScalars.append(Unicode.Scalar(UInt8(truncatingIfNeeded: s.value)))
    }
    if emoticons.contains(text) { return true }
    // "<3 <3" is two tokens; "<3<3" and ":):)" one: whole repeats of one emoticon.
    for size in 2...4 where text.count > size && text.count % size == 0 {
      let unit = String(text.prefix(size))
      if emoticons.contains(unit) && String(repeating: unit, count: text.count / size) == text {
        return true
      }
    }
    return false
  }
}
