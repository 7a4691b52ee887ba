import Foundation

/// Bengali-script spans: Bengali or Assamese (see ``LanguageIdentifier``).
extension LanguageIdentifier {
  /// The Bengali-or-Assamese decision for `span`, whose text is that of the Bengali-script
  /// spans (language `bn`) among `spans`.
  func refineBengali(
    _ span: LanguageSpan, _ profile: ScriptProfile, _ content: [UInt8],
    spans: ArraySlice<LanguageSpan>
  ) -> LanguageSpan {
    var s = span
    var assamese = 0
    var bengali = 0
    // The word's key (``ClauseMarkers/appendKey(_:to:)``, a letter at a time), with room for
    // ordinary words at once (growing from empty reallocates several times).
    var inWord = false
    var key: [UInt32] = []
    key.reserveCapacity(40)
    func endWord() {
      guard inWord else { return }
      let hash = LanguageModel.hash(key: key)
      let flags = bengaliScriptWords.flags(of: hash)
      if flags & Self.assameseWordFlag != 0 { assamese += 2 }
      if flags & Self.bengaliOnlyWordFlag != 0 { bengali += 2 }
      // Assamese particles and suffixes Bengali does not use: the question particle নে
      // (ভাত খাবা নে?), and a final ৈ: the suffixes -লৈ (ঘৰলৈ "to the house"), -কৈ (কেনেকৈ) and
      // হৈ; wordfreq's 238,395 Bengali words have 34 such words, together 2 in 100,000 of
      // Bengali text (হৈচৈ, the one frequent one, is also a Bengali-only word, which evens it).
      // (Not -ানে: Bengali দোকানে.)
      if key == Self.questionParticle || (key.count >= 3 && key.last == 0x09C8) {
        assamese += 2
      }
      // Words with র, ৰ or ৱ already counted by their letters; the others by the word sets.
      if let model, !key.contains(where: { $0 == 0x09B0 || $0 == 0x09F0 || $0 == 0x09F1 }) {
        if model.assameseOnly.contains(hash) {
          assamese += 2
        } else if model.bengaliOnly.contains(hash) {
          bengali += 2
        }
      }
      key.removeAll(keepingCapacity: true)
      inWord = false
    }
    for part in spans where part.language == .bn {
      for i in scalarRange(part, profile) {
        let scalar = profile.scalars[i]
        switch scalar.value {
        case 0x09F0, 0x09F1: assamese += 3  // ৰ ৱ
        case 0x09B0: bengali += 3  // র
        default: break
        }
        if scalar.kind == .letter || scalar.kind == .mark || scalar.value == 0x27
          || scalar.value == 0x2019
        {
          ClauseMarkers.appendKey(CollectionOfOne(scalar.value), to: &key)
          inWord = true
        } else {
          endWord()
        }
      }
    }
    endWord()
    let margin = assamese - bengali
    if margin > 0 {
      s.language = .as
      s.confidence = 1 - 1 / pow(Double(2 + margin), 2)
      s.reliable = margin >= 2
    } else {
      s.confidence =
        bengali > assamese
        ? 1 - 1 / pow(Double(2 + bengali - assamese), 2) : span.letters >= 8 ? 0.75 : 0.6
      s.reliable = span.letters >= 3 && (bengali > assamese || span.letters >= 8)
    }
    return s
  }

  /// The scalar indices of `span`.
  func scalarRange(_ span: LanguageSpan, _ profile: ScriptProfile) -> Range<Int> {
    var lo = 0
    var hi = profile.scalars.count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if profile.scalars[mid].start < span.start { lo = mid + 1 } else { hi = mid }
    }
    var end = lo
    while end < profile.scalars.count, profile.scalars[end].start < span.end { end += 1 }
    return lo..<end
  }

  static let questionParticle = ClauseMarkers.key("নে".unicodeScalars.map(\.value))
  /// ``bengaliOnlyWords`` as hashes of their keys (``LanguageModel/hash(key:)``).
  static let bengaliOnlyKeyHashes = Set(
    ClauseMarkers.keys(bengaliOnlyWords).map(LanguageModel.hash(key:)))

  /// Frequent Bengali words that Assamese writes otherwise (এবং/আৰু, থেকে/পৰা, জন্য/বাবে…).
  static let bengaliOnlyWords: Set<String> = [
    "এবং", "থেকে", "জন্য", "সাথে", "নিয়ে", "হয়েছে", "হবে", "একটি", "তিনি", "যায়", "দিয়ে", "পারে",
    "আমাদের", "তাদের", "এখন", "কিছু", "ছিল", "হয়", "না।", "বলে",
  ]
}
