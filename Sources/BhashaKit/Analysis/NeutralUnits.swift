/// Finds the pieces of a line that are neutral whatever letters they hold: URLs, e-mail
/// addresses, @mentions, #hashtags, numbers with units or currency (`21.9 C`, `৩০%`,
/// `৳৫০০`, `$5`, `Tk 500`, `10:30 am`), and emoticons, laughter and interjections (`:P`,
/// `hahaha`, `lol`, `uffff`: see `NeutralUnits+Social.swift`), and emoji shown in the wrong
/// encoding (`ðŸ˜‚`: `NeutralUnits+Mojibake.swift`). They are never cut and their
/// letters are not language evidence.
///
/// Recognised forms (documented in the README):
/// - URLs: `http://`, `https://`, `ftp://` or `www.` prefixes, or a bare domain ending in a
///   common top-level domain (`example.com/news`, `prothomalo.com`).
/// - E-mail: `local@domain.tld`.
/// - `@name` and `#tag` (a tag may be in any script: `#বাংলাদেশ`).
/// - Numbers (ASCII or Bengali digits, with `. , : / -` inside) with a currency sign or code
///   before them, or a unit after them, attached or after one space (see ``units``).
/// - Phone numbers: a leading `+`, or 8 or more digits with at most one `-` inside.
/// - Identifiers: ASCII letters and digits (`_`, `-` inside) with at least three digits or two
///   runs of them: user names, codes and hashes (`rafi1987`, `10-19-20sUser115`, `H1N1`,
///   `6IkF9EEH1n`). One or two digits in one run stay a word: Banglish writes sounds with
///   them (`a6e`, `2mi`, `gr8`).
///
/// Plain numbers (`30`, `2024-03-12`, `3.8`) are not units: they belong to the sentence they
/// are in.
@_spi(Stages) public enum NeutralUnits {
  /// Units and currency codes accepted after a number.
  public static let units: Set<String> = [
    "C", "F", "K", "°C", "°F", "°", "km", "m", "cm", "mm", "kg", "g", "mg", "lb", "lbs", "ml", "l",
    "L", "ft", "mph", "kmph", "km/h", "kph", "MB", "GB", "KB", "TB", "kb", "mb", "gb", "Mbps",
    "mbps", "GHz", "MHz", "Hz", "W", "kW", "V", "mAh", "am", "pm", "AM", "PM", "a.m.", "p.m.",
    "tk", "Tk", "TK", "BDT", "USD", "Rs", "x", "k", "M", "bn", "mn", "hrs", "hr", "h", "min",
    "s", "sec", "%", "৳", "sqft", "ha", "kWh", "MW",
  ]
  /// The most code points of any unit or currency word. A string with more cannot equal one
  /// of them: strings are equal when their canonical decompositions are, no string has more
  /// code points than its decomposition, and these words are their own decompositions.
  static let longestUnit = units.union(currencyWords).map(\.unicodeScalars.count).max() ?? 0
  /// Suffixes accepted only when attached to the number (`1st`, `2nd`).
  /// Ordinals, and the classifiers Bengali attaches to a count, in Latin letters and in Bengali
  /// (`6ta`, `3te`, `২টা`, `৫টি`): the number stays a neutral unit.
  /// A case ending after the classifier makes a word of its own (`১১টার`, "at eleven"): not
  /// listed.
  static let attachedOnly: Set<String> = [
    "st", "nd", "rd", "th", "ta", "te", "ti", "tay", "tai", "টা", "টি", "টে", "টাই",
  ]
  /// Currency codes written before a number (`Tk 500`, `Rs. 300`).
  static let currencyWords: Set<String> = [
    "Tk", "TK", "tk", "Tk.", "BDT", "USD", "Rs", "Rs.", "US$",
  ]
  /// Top-level domains accepted for bare domains without `www.` or a scheme.
  static let topLevelDomains: Set<String> = [
    "com", "org", "net", "bd", "io", "gov", "edu", "info", "co", "uk", "in", "me", "tv", "news",
    "app", "dev", "ai", "us", "pk", "lk", "np", "au", "ca", "de", "fr", "jp", "cn", "ru", "ly",
    "gl", "gg", "to",
  ]

  /// The scalar-index ranges of the neutral units in `profile`, in order, not overlapping.
  ///
  /// - Parameters:
  ///   - profile: the decoded line.
  ///   - bytes: the line's content bytes (for reading token text).
  /// - Complexity: O(n); only tokens holding a digit, `@`, `#`, `.`, `/` or a currency sign are
  ///   read as text.
  public static func find(in profile: ScriptProfile, bytes: [UInt8]) -> [Range<Int>] {
    let found = units(in: profile, bytes: bytes)
    let social = social(in: profile) + mojibake(in: profile, bytes: bytes)
    if social.isEmpty { return found }
    // The lists are ordered; a social unit or mis-decoded emoji that overlaps another unit
    // gives way.
    var merged = found
    for unit in social where !merged.contains(where: { $0.overlaps(unit) }) {
      merged.append(unit)
    }
    return merged.sorted { $0.lowerBound < $1.lowerBound }
  }

  /// URLs, addresses, mentions, tags, numbers with units and phone numbers (not social units).
  static func units(in profile: ScriptProfile, bytes: [UInt8]) -> [Range<Int>] {
    let scalars = profile.scalars
    // Most prose has no interesting token (a full stop ends a sentence, not a domain): skip
    // it in one pass. A token is interesting when one of its scalars is
    // (``isInteresting(_:_:)``), and every such scalar is inside a token (it is no space), so
    // this asks exactly whether any token is.
    if !scalars.indices.contains(where: { isInteresting(at: $0, scalars) }) { return [] }
    // 1. Tokens: maximal runs of non-space scalars.
    var tokens: [Token] = []
    tokens.reserveCapacity(scalars.count / 4 + 1)
    forEachToken(in: scalars) { range in
      tokens.append(Token(range: range, interesting: isInteresting(range, scalars)))
    }
    // 2. Classify tokens; numbers may take a unit token after them or a currency word before.
    return bytes.withUnsafeBufferPointer { all in
      var units: [Range<Int>] = []
      var t = 0
      while t < tokens.count {
        let token = tokens[t]
        guard token.interesting else {
          t += 1
          continue
        }
        let core = coreRange(token.range, scalars)
        guard !core.isEmpty else {
          t += 1
          continue
        }
        let text = TokenText(core, scalars, all)
        if text.isURL || text.isEmail || text.isMention || isHashtag(core, scalars)
          || text.isIdentifier
        {
          units.append(core)
          t += 1
          continue
        }
        if let hasUnit = text.numberWithUnit {
          var range = core
          var isUnit = hasUnit || text.hasCurrencyOrSign
          var consumedNext = false
          if !hasUnit, t + 1 < tokens.count {
            // A unit as the next token: "21.9 C", "10 km", "৳ 500" is handled below.
            let nextCore = coreRange(tokens[t + 1].range, scalars)
            if !nextCore.isEmpty, nextCore.lowerBound == tokens[t + 1].range.lowerBound,
              units.last.map({ $0.upperBound <= core.lowerBound }) ?? true,
              nextCore.count <= Self.longestUnit,
              Self.units.contains(string(nextCore, scalars, bytes))
            {
              range = core.lowerBound..<nextCore.upperBound
              consumedNext = true
              isUnit = true
            }
          }
          // A currency word before: "Tk 500", "Rs. 300".
          if t > 0 {
            let prevCore = coreRange(tokens[t - 1].range, scalars)
            if !prevCore.isEmpty, prevCore.upperBound == tokens[t - 1].range.upperBound,
              units.last.map({ $0.upperBound <= prevCore.lowerBound }) ?? true,
              prevCore.count <= Self.longestUnit,
              currencyWords.contains(string(prevCore, scalars, bytes))
            {
              range = prevCore.lowerBound..<range.upperBound
              isUnit = true
            }
          }
          // Plain numbers belong to their sentence; phone numbers are units.
          if isUnit || text.isPhoneNumber {
            units.append(range)
          }
          t += consumedNext ? 2 : 1
          continue
        }
        t += 1
      }
      return units
    }
  }

  struct Token {
    var range: Range<Int>
    var interesting: Bool
  }

  /// Calls `body` with each token of `scalars`: each maximal run of non-space scalars.
  @inline(__always)
  static func forEachToken(in scalars: [ProfiledScalar], _ body: (Range<Int>) -> Void) {
    var i = 0
    while i < scalars.count {
      if scalars[i].kind == .space {
        i += 1
        continue
      }
      var j = i + 1
      while j < scalars.count, scalars[j].kind != .space { j += 1 }
      body(i..<j)
      i = j
    }
  }

  /// Whether a token may hold a unit: a digit, `@`, `#`, a currency sign, or a dot or slash
  /// inside it (domains, paths), not a full stop at its end.
  static func isInteresting(_ token: Range<Int>, _ scalars: [ProfiledScalar]) -> Bool {
    token.contains { isInteresting(at: $0, scalars) }
  }

  /// Whether scalar `j` makes its token interesting: a digit, `@`, `#`, a currency sign, or a
  /// dot or slash before a letter or digit.
  @inline(__always)
  static func isInteresting(at j: Int, _ scalars: [ProfiledScalar]) -> Bool {
    let s = scalars[j]
    // Most scalars are letters, marks or spaces, which none of the characters below is (test
    // `interestingScalarsAreFoundByKindFirst`): decided by kind alone.
    switch s.kind {
    case .digit: return true
    case .letter, .mark, .space: return false
    default: break
    }
    switch s.value {
    case 0x40, 0x23, 0x24, 0x09F3, 0x20AC, 0xA3, 0x20B9, 0xA5:  // @ # and currency signs
      return true
    case 0x2E, 0x2F:
      return j + 1 < scalars.count
        && (scalars[j + 1].kind == .letter || scalars[j + 1].kind == .digit)
    default:
      return false
    }
  }

  /// The token without leading opening brackets/quotes and trailing closing punctuation.
  static func coreRange(_ range: Range<Int>, _ scalars: [ProfiledScalar]) -> Range<Int> {
    var lo = range.lowerBound
    var hi = range.upperBound
    while lo < hi, scalars[lo].kind == .open || scalars[lo].kind == .quote { lo += 1 }
    while hi > lo {
      let s = scalars[hi - 1]
      let trailing: Bool
      switch s.kind {
      case .close, .quote, .danda: trailing = true
      case .punctuation:
        switch s.value {
        // . , ; : ! ? and the ellipsis (…): "hmm…", "LOL!!!".
        case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x2026: trailing = true
        default: trailing = false
        }
      default: trailing = false
      }
      if !trailing { break }
      hi -= 1
    }
    // Keep "a.m." and "Rs." whole: a final dot after letters is part of them if listed.
    if hi < range.upperBound, hi > lo, scalars[hi].value == 0x2E, hi - lo < 8 {
      var text = ""
      for s in scalars[lo...hi] { text.unicodeScalars.append(Unicode.Scalar(s.value) ?? ".") }
      if units.contains(text) || currencyWords.contains(text) { return lo..<(hi + 1) }
    }
    return lo..<hi
  }

  static func string(_ range: Range<Int>, _ scalars: [ProfiledScalar], _ bytes: [UInt8]) -> String {
    guard !range.isEmpty else { return "" }
    let start = scalars[range.lowerBound].start
    let end = scalars[range.upperBound - 1].range.upperBound
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  static func isURL(_ text: String) -> Bool {
    // Each form needs a `.` or `:` (a prefix, or a domain's dot), and lowercasing makes
    // neither: text without them is not read further.
    guard text.utf8.contains(where: { $0 == 0x2E || $0 == 0x3A }) else { return false }
    let lower = text.lowercased()
    for prefix in ["http://", "https://", "ftp://", "www."] where starts(lower, with: prefix) {
      return lower.count > prefix.count
    }
    // A bare domain: labels of ASCII letters, digits and hyphens, a known TLD, optional path.
    let host = lower.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0]
    let labels = host.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2, let tld = labels.last, topLevelDomains.contains(String(tld)) else {
      return false
    }
    return labels.allSatisfy { label in
      !label.isEmpty
        && label.utf8.allSatisfy {
          ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D
        }
    }
  }

  static func isEmail(_ text: String) -> Bool {
    guard text.utf8.contains(0x40) else { return false }
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty else { return false }
    let localOK = parts[0].utf8.allSatisfy { isASCIIAlnum($0) || "._%+-".utf8.contains($0) }
    let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
    guard localOK, domain.count >= 2 else { return false }
    return domain.allSatisfy {
      !$0.isEmpty && $0.utf8.allSatisfy { isASCIIAlnum($0) || $0 == 0x2D }
    }
  }

  static func isMention(_ text: String) -> Bool {
    let u = Array(text.utf8)
    guard u.count >= 2, u[0] == 0x40 else { return false }
    return u.dropFirst().allSatisfy { isASCIIAlnum($0) || $0 == 0x5F || $0 == 0x2E }
  }

  static func isHashtag(_ core: Range<Int>, _ scalars: [ProfiledScalar]) -> Bool {
    guard core.count >= 2, scalars[core.lowerBound].value == 0x23 else { return false }
    return scalars[(core.lowerBound + 1)..<core.upperBound].allSatisfy {
      $0.kind == .letter || $0.kind == .mark || $0.kind == .digit || $0.value == 0x5F
    }
  }

  /// If `text` is a number with an optional currency sign and an optional attached unit,
  /// whether it has the unit; otherwise nil.
  static func numberWithUnit(_ text: String) -> Bool? {
    var scalars = Substring(text).unicodeScalars[...]
    // Currency sign(s) before: ৳ $ € £ ₹ ¥, or "US$", "Tk", "Rs." attached.
    for word in ["US$", "Tk.", "Tk", "Rs.", "Rs", "BDT"] where starts(text, with: word) {
      scalars = scalars.dropFirst(word.unicodeScalars.count)
      break
    }
    while let f = scalars.first, "৳$€£₹¥+-".unicodeScalars.contains(f) {
      scalars = scalars.dropFirst()
    }
    // Digits with separators inside.
    var sawDigit = false
    var end = scalars.startIndex
    var k = scalars.startIndex
    while k < scalars.endIndex {
      let v = scalars[k].value
      if (v >= 0x30 && v <= 0x39) || (v >= 0x09E6 && v <= 0x09EF) {
        sawDigit = true
        end = scalars.index(after: k)
      } else if sawDigit, ".,:/-".unicodeScalars.contains(scalars[k]) {
        // a separator, only if a digit follows
      } else {
        break
      }
      k = scalars.index(after: k)
    }
    guard sawDigit else { return nil }
    let rest = String(String.UnicodeScalarView(scalars[end...]))
    if rest.isEmpty { return false }
    if units.contains(rest) || attachedOnly.contains(rest) { return true }
    if starts(rest, with: "%") || starts(rest, with: "৳") {
      let after = rest.dropFirst()
      return after.isEmpty || units.contains(String(after)) ? true : nil
    }
    return nil
  }

  /// Whether `text` starts with a currency sign or code, or ends with `%`/`৳`.
  static func hasCurrencyOrSign(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first else { return false }
    return "৳$€£₹¥".unicodeScalars.contains(first) || starts(text, with: "Tk")
      || starts(text, with: "Rs") || starts(text, with: "BDT") || starts(text, with: "US$")
  }

  /// An identifier (user name, code, hash): ASCII letters, digits, `_` and `-` only, starting
  /// with a letter or digit, with at least one letter and at least
  /// ``identifierMinDigits`` digits or two runs of digits.
  static func isIdentifier<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
    var letters = 0
    var digits = 0
    var runs = 0
    var inRun = false
    var first = true
    for b in bytes {
      let isDigit = b >= 0x30 && b <= 0x39
      if isDigit {
        digits += 1
        if !inRun { runs += 1 }
      } else if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
        letters += 1
      } else if first || (b != 0x5F && b != 0x2D) {
        return false
      }
      inRun = isDigit
      first = false
    }
    return letters > 0 && (digits >= identifierMinDigits || runs >= 2)
  }
  /// The fewest digits (in one run or several) that make letters and digits an identifier
  /// (`rafi1987`).
  static let identifierMinDigits = 3

  /// A phone number: a leading `+`, or at least 8 digits (with `-` or spaces inside).
  static func isPhoneNumber(_ text: String) -> Bool {
    if starts(text, with: "+") { return true }
    let digits = text.unicodeScalars.filter {
      ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0x09E6 && $0.value <= 0x09EF)
    }.count
    let separators = text.unicodeScalars.filter { $0 == "-" || $0 == "/" || $0 == "." || $0 == ":" }
    // Dates (2024-03-12, ১২/০৩/২০২৪) and times are not phone numbers.
    return digits >= 8 && separators.count <= 1 && !text.contains("/") && !text.contains(":")
      && !text.contains(".")
  }

  /// `text.hasPrefix(prefix)`, with its bytes compared first. For the prefixes used here the
  /// byte test is necessary: no other character is canonically equivalent to a sequence that
  /// starts with one of their characters (as the Kelvin sign is to `K`). `hasPrefix` compares
  /// by canonical equivalence and costs thousands of instructions on non-ASCII text, and it
  /// still decides (`Tk` + U+0301 does not start with `Tk`).
  @inline(__always) static func starts(_ text: String, with prefix: String) -> Bool {
    text.utf8.starts(with: prefix.utf8) && text.hasPrefix(prefix)
  }

  @inline(__always) static func isASCIIAlnum(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
  }
}
