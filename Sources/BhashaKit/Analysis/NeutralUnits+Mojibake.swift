import Foundation

/// Emoji read in the wrong encoding: the UTF-8 bytes of 😂 (F0 9F 98 82) shown as Windows-1252
/// or Latin-1 text, `ðŸ˜‚`. Scraped comments are full of them; their letters (`ð`, `Ÿ`, `š`) are
/// not evidence of Icelandic or any other language, so each run of them is a neutral unit.
///
/// A run is recognised by undoing the mistake: a lead character that is the image of a UTF-8
/// lead byte (`â` E2, `ï` EF, `ð` F0), then the images of as many continuation bytes (80–BF:
/// Windows-1252 gives `€ ‚ ƒ … ˜ ™ š œ Ÿ` and the rest, Latin-1 the C1 controls and U+00A0–
/// U+00BF), and the bytes must decode to an emoji or a symbol: an `So` code point (U+2600–
/// U+27BF, U+1F000–U+1FAFF and more), a variation selector, a skin tone, the zero-width joiner
/// or the keycap mark. Mis-decoded punctuation (`â€™` for ’) decodes to punctuation and is left alone:
/// it sits inside words (`donâ€™t`).
extension NeutralUnits {
  /// The scalar ranges of mis-decoded emoji runs in `profile`, in order.
  ///
  /// - Complexity: O(n); a line whose bytes hold no C3 (the UTF-8 lead byte of `â`, `ï` and
  ///   `ð`, which no Bengali or ASCII text has) is refused by one `memchr`.
  static func mojibake(in profile: ScriptProfile, bytes: [UInt8]) -> [Range<Int>] {
    let hasLead = bytes.withUnsafeBytes { raw in
      raw.baseAddress.map { memchr($0, 0xC3, raw.count) != nil } ?? false
    }
    guard hasLead else { return [] }
    let scalars = profile.scalars
    var found: [Range<Int>] = []
    var i = 0
    while i < scalars.count {
      guard let end = Self.mojibakeEmoji(at: i, scalars) else {
        i += 1
        continue
      }
      // Neighbouring emoji (`ðŸ˜‚ðŸ˜‚`) make one unit.
      if let last = found.last, last.upperBound == i {
        found[found.count - 1] = last.lowerBound..<end
      } else {
        found.append(i..<end)
      }
      i = end
    }
    return found
  }

  /// The index after the mis-decoded emoji that starts at `i`, if one does.
  static func mojibakeEmoji(at i: Int, _ scalars: [ProfiledScalar]) -> Int? {
    guard let continuations = leadLength(scalars[i].value),
      i + continuations < scalars.count
    else { return nil }
    // The bytes the characters are images of (a lead byte's image is the byte itself:
    // U+00E2 for E2), decoded as UTF-8 was meant to be.
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4) { original in
      original[0] = UInt8(scalars[i].value)
      for k in 1...continuations {
        guard let byte = continuationByte(scalars[i + k].value) else { return nil }
        original[k] = byte
      }
      let (value, length) = UTF8Decoding.decode(
        UnsafeBufferPointer(rebasing: original[...continuations]), at: 0)
      guard length == continuations + 1, let scalar = Unicode.Scalar(value), isEmojiPart(scalar)
      else { return nil }
      return i + length
    }
  }

  /// How many continuation bytes follow the lead byte whose image is `value`: 2 for `â` (E2)
  /// and `ï` (EF), 3 for `ð` (F0); nil for any other character.
  @inline(__always)
  static func leadLength(_ value: UInt32) -> Int? {
    switch value {
    case 0xE2, 0xEF: 2
    case 0xF0: 3
    default: nil
    }
  }

  /// The byte 80–BF whose Windows-1252 or Latin-1 image is `value`, if any.
  static func continuationByte(_ value: UInt32) -> UInt8? {
    if (0x80...0xBF).contains(value) { return UInt8(value) }
    return windows1252High[value]
  }

  /// Windows-1252's characters for bytes 80–9F (81, 8D, 8F, 90 and 9D are unassigned there
  /// and come through as the C1 controls, which the Latin-1 rule covers).
  static let windows1252High: [UInt32: UInt8] = [
    0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86,
    0x2021: 0x87, 0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C,
    0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95,
    0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
    0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
  ]

  /// Whether `scalar` is a symbol an emoji run is made of.
  static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x200D, 0x20E3, 0xFE0E, 0xFE0F, 0x1F3FB...0x1F3FF: return true  // and skin tones
    default: return scalar.properties.generalCategory == .otherSymbol
    }
  }
}
