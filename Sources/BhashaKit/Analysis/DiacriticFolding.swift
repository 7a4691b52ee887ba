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
    let pairs: [(String, Character)] = [
      ("ā", "a"), ("ī", "i"), ("ū", "u"), ("ē", "e"), ("ō", "o"), ("ṭ", "t"), ("ḍ", "d"),
      ("ṇṅñ", "n"), ("ṣś", "s"), ("ṛṝ", "r"), ("ḷ", "l"), ("ṃṁ", "m"), ("ḥ", "h"), ("ẏ", "y"),
    ]
    var table: [UInt32: UInt8] = [0x0325: 0, 0x0310: 0]  // ring below (r̥), candrabindu (m̐)
    for (letters, ascii) in pairs {
      for scalar in letters.unicodeScalars { table[scalar.value] = ascii.asciiValue }
    }
    return table
  }()

  /// `word` (lowercase NFC UTF-8) with its transliteration letters folded to ASCII, or nil if it
  /// has none or keeps a non-ASCII letter after folding.
  static func folded(_ word: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard word.contains(where: { $0 >= 0x80 }) else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(word.count)
    var i = 0
    while i < word.count {
      let (value, length) = UTF8Decoding.decode(word, at: i)
      guard length > 0 else { return nil }
      if value < 0x80 {
        out.append(UInt8(value))
      } else {
        guard let ascii = folds[value] else { return nil }
        if ascii != 0 { out.append(ascii) }
      }
      i += length
    }
    return out.isEmpty ? nil : out
  }
}
