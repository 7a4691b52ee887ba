/// The token rules of `NeutralUnits.swift` (URL, e-mail, mention, number with a unit, currency,
/// phone number) read from the bytes of a token that is plain ASCII: no String is built, nothing
/// is lowercased into a copy or split into arrays. Most interesting tokens (`3.5`, `U.S.`,
/// `prothomalo.com`, `10:30`) are ASCII; before this, reading them as Strings was about 7 % of
/// `stats`.
///
/// "Plain ASCII" excludes CR, so one byte is one `Character` and the String rules' character
/// counts and prefixes mean the same on bytes. Other tokens take the String rules, which need
/// Unicode case mapping (`K`, the Kelvin sign, lowercases to `k`) and character comparison.
/// The property test `asciiTokenRulesAreTheStringRules` checks that both give the same answers
/// on random ASCII tokens.
extension NeutralUnits {
  enum ASCIIToken {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Whether `token` is plain ASCII (no byte above 0x7F, no CR): its String is its bytes.
    static func isPlain(_ token: Bytes) -> Bool {
      token.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
      b >= 0x41 && b <= 0x5A ? b | 0x20 : b
    }

    /// Whether `token` starts with `prefix`, comparing ASCII letters without case if `caseless`.
    static func starts(_ token: Bytes, with prefix: StaticString, caseless: Bool = false) -> Bool {
      guard token.count >= prefix.utf8CodeUnitCount else { return false }
      let p = prefix.utf8Start
      for i in 0..<prefix.utf8CodeUnitCount {
        let b = caseless ? lower(token[i]) : token[i]
        if b != p[i] { return false }
      }
      return true
    }

    /// `token[range]` as a String, lowercased if `lowercased`.
    static func string(_ token: Bytes, _ range: Range<Int>, lowercased: Bool = false) -> String {
      String(unsafeUninitializedCapacity: range.count) { buffer in
        for (k, i) in range.enumerated() { buffer[k] = lowercased ? lower(token[i]) : token[i] }
        return range.count
      }
    }

    /// ``NeutralUnits/isURL(_:)``.
    static func isURL(_ t: Bytes) -> Bool {
      for prefix: StaticString in ["http://", "https://", "ftp://", "www."]
      where starts(t, with: prefix, caseless: true) {
        return t.count > prefix.utf8CodeUnitCount
      }
      // A bare domain: labels of ASCII letters, digits and hyphens, a known TLD, optional path.
      let hostEnd = t.firstIndex(of: 0x2F) ?? t.count
      var labels = 1
      var labelStart = 0
      for i in 0..<hostEnd {
        let b = lower(t[i])
        if b == 0x2E {
          if i == labelStart { return false }
          labels += 1
          labelStart = i + 1
        } else if !((b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D) {
          return false
        }
      }
      guard labels >= 2, hostEnd > labelStart else { return false }
      return topLevelDomains.contains(string(t, labelStart..<hostEnd, lowercased: true))
    }

    /// ``NeutralUnits/isEmail(_:)``.
    static func isEmail(_ t: Bytes) -> Bool {
      guard let at = t.firstIndex(of: 0x40), at > 0 else { return false }
      for i in 0..<at {
        let b = t[i]
        guard isASCIIAlnum(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D
        else { return false }
      }
      var labels = 1
      var labelStart = at + 1
      for i in (at + 1)..<t.count {
        let b = t[i]
        if b == 0x2E {
          if i == labelStart { return false }
          labels += 1
          labelStart = i + 1
        } else if !(isASCIIAlnum(b) || b == 0x2D) {
          return false  // a second @ too
        }
      }
      return labels >= 2 && t.count > labelStart
    }

    /// ``NeutralUnits/isMention(_:)``.
    static func isMention(_ t: Bytes) -> Bool {
      guard t.count >= 2, t[0] == 0x40 else { return false }
      return t.dropFirst().allSatisfy { isASCIIAlnum($0) || $0 == 0x5F || $0 == 0x2E }
    }

    /// ``NeutralUnits/numberWithUnit(_:)``.
    static func numberWithUnit(_ t: Bytes) -> Bool? {
      var i = 0
      for word: StaticString in ["US$", "Tk.", "Tk", "Rs.", "Rs", "BDT"] where starts(t, with: word)
      {
        i = word.utf8CodeUnitCount
        break
      }
      // Of the signs, only $ + - are ASCII.
      while i < t.count, t[i] == 0x24 || t[i] == 0x2B || t[i] == 0x2D { i += 1 }
      var sawDigit = false
      var end = i
      while i < t.count {
        let b = t[i]
        if b >= 0x30 && b <= 0x39 {
          sawDigit = true
          end = i + 1
        } else if !(sawDigit && (b == 0x2E || b == 0x2C || b == 0x3A || b == 0x2F || b == 0x2D)) {
          break
        }
        i += 1
      }
      guard sawDigit else { return nil }
      if end == t.count { return false }
      let rest = string(t, end..<t.count)
      if units.contains(rest) || attachedOnly.contains(rest) { return true }
      if t[end] == 0x25 {
        return end + 1 == t.count || units.contains(string(t, (end + 1)..<t.count)) ? true : nil
      }
      return nil
    }

    /// ``NeutralUnits/hasCurrencyOrSign(_:)``.
    static func hasCurrencyOrSign(_ t: Bytes) -> Bool {
      t.first == 0x24 || starts(t, with: "Tk") || starts(t, with: "Rs") || starts(t, with: "BDT")
        || starts(t, with: "US$")
    }

    /// ``NeutralUnits/isPhoneNumber(_:next:_:)``.
    static func isPhoneNumber(_ t: Bytes) -> Bool {
      if t.first == 0x2B { return true }
      var digits = 0
      var separators = 0
      for b in t {
        if b >= 0x30 && b <= 0x39 {
          digits += 1
        } else if b == 0x2F || b == 0x2E || b == 0x3A {
          return false  // dates, times and decimals
        } else if b == 0x2D {
          separators += 1
        }
      }
      return digits >= 8 && separators <= 1
    }
  }
}

extension NeutralUnits {
  /// A token's text for the token rules: its bytes when plain ASCII (``ASCIIToken``), else its
  /// String (invalid bytes repaired, as ``string(_:_:_:)`` makes it).
  enum TokenText {
    case ascii(ASCIIToken.Bytes)
    case unicode(String)

    init(_ core: Range<Int>, _ scalars: [ProfiledScalar], _ line: ASCIIToken.Bytes) {
      let start = scalars[core.lowerBound].start
      let end = scalars[core.upperBound - 1].range.upperBound
      let token = ASCIIToken.Bytes(rebasing: line[start..<end])
      self =
        ASCIIToken.isPlain(token) ? .ascii(token) : .unicode(String(decoding: token, as: UTF8.self))
    }

    /// The rule `ascii` for a plain token, else `unicode`.
    private func apply<T>(_ ascii: (ASCIIToken.Bytes) -> T, _ unicode: (String) -> T) -> T {
      switch self {
      case .ascii(let bytes): ascii(bytes)
      case .unicode(let text): unicode(text)
      }
    }

    var isURL: Bool { apply(ASCIIToken.isURL, NeutralUnits.isURL) }
    var isEmail: Bool { apply(ASCIIToken.isEmail, NeutralUnits.isEmail) }
    var isMention: Bool { apply(ASCIIToken.isMention, NeutralUnits.isMention) }
    var numberWithUnit: Bool? { apply(ASCIIToken.numberWithUnit, NeutralUnits.numberWithUnit) }
    var hasCurrencyOrSign: Bool {
      apply(ASCIIToken.hasCurrencyOrSign, NeutralUnits.hasCurrencyOrSign)
    }
    var isPhoneNumber: Bool { apply(ASCIIToken.isPhoneNumber, NeutralUnits.isPhoneNumber) }
    var isIdentifier: Bool {
      apply({ NeutralUnits.isIdentifier($0) }, { NeutralUnits.isIdentifier($0.utf8) })
    }
  }
}
