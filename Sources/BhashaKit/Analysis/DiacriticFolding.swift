/// Romanized Bengali and Hindi typed with the diacritics of scholarly transliteration (ISO
/// 15919, IAST: `Āmāra natuna bhāgnēkē`, `kṛṣṇa`, `śānti`) are the words people type without
/// them (`amara`, `krishna` less the `h`, `santi`). The romanized models learned ASCII spellings,
/// so a word with these letters is scored for `bn-Latn` and `hi-Latn` in its folded form too.
///
/// Only the letters of those schemes fold: long vowels with a macron (`ā ī ū ē ō`), the dotted
/// retroflex and nasal consonants (`ṭ ḍ ṇ ṣ ṛ ṝ ḷ ṃ ṁ ḥ ṅ ẏ`), `ś`, `ñ`, and the combining
/// ring below (`r̥`) and candrabindu (`m̐`). French, Vietnamese or Polish letters (`é`, `ơ`,
/// `ł`) do not, and a word that keeps any of them after folding is not folded at all: it is no
/// transliteration.
enum DiacriticFolding {
  /// The ASCII letter each folding letter becomes (lowercase, NFC), or 0 for a combining mark
  /// that is dropped.
  static let folds: [UInt32: UInt8] = {
    var table: [UInt32: UInt8] = [:]
    let pairs: [(String, Character)] = [
      ("āīūēō", "-"), ("ṭ", "t"), ("ḍ", "d"), ("ṇṅñ", "n"), ("ṣś", "s"), ("ṛṝ", "r"), ("ḷ", "l"),
      ("ṃṁ", "m"), ("ḥ", "h"), ("ẏ", "y"),
    ]
    for (letters, ascii) in pairs {
      for scalar in letters.unicodeScalars {
        // A macron vowel folds to its own base letter.
        let base = ascii == "-" ? baseVowel(scalar) : ascii.asciiValue ?? 0
        table[scalar.value] = base
      }
    }
    table[0x0325] = 0  // combining ring below (r̥)
    table[0x0310] = 0  // combining candrabindu (m̐)
    return table
  }()

  private static func baseVowel(_ scalar: Unicode.Scalar) -> UInt8 {
    switch scalar {
    case "ā": UInt8(ascii: "a")
    case "ī": UInt8(ascii: "i")
    case "ū": UInt8(ascii: "u")
    case "ē": UInt8(ascii: "e")
    default: UInt8(ascii: "o")
    }
  }

  /// `word` (lowercase NFC UTF-8) with its transliteration letters folded to ASCII, or nil if it
  /// has none or keeps a non-ASCII letter after folding.
  static func folded(_ word: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard word.contains(where: { $0 >= 0x80 }) else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(word.count)
    var decoder = UTF8()
    var iterator = word.makeIterator()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar) where scalar.isASCII:
        out.append(UInt8(scalar.value))
      case .scalarValue(let scalar):
        guard let ascii = folds[scalar.value] else { return nil }
        if ascii != 0 { out.append(ascii) }
      case .emptyInput:
        return out.isEmpty ? nil : out
      case .error:
        return nil
      }
    }
  }
}
