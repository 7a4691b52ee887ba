/// Function words that mark a clause: a span of two or more words holding one is a language
/// switch, not an embedded term ("what a match" vs "HTML, Meta Tag, Back links", "The
/// Alchemist").
enum ClauseMarkers {
  /// English words that make a clause: pronouns, auxiliaries, wh-words, negation.
  static let english: Set<String> = [
    "is", "are", "was", "were", "be", "been", "being", "am", "i", "you", "he", "she", "it", "we",
    "they", "me", "him", "her", "us", "them", "my", "your", "his", "its", "our", "their", "this",
    "that", "these", "those", "not", "will", "would", "can", "could", "should", "shall", "may",
    "might", "must", "do", "does", "did", "have", "has", "had", "what", "why", "how", "when",
    "where", "who", "which", "if", "so", "there", "here", "i'm", "it's", "don't", "that's",
    "let's", "i'll", "we'll", "you're", "can't", "won't", "isn't", "didn't", "i've", "what's",
    "he's", "she's", "there's", "let", "please", "than", "then",
  ]
  /// English words common in names and titles too ("The Alchemist", "University of Dhaka"): two
  /// of them in a span of four or more words make a clause.
  static let englishWeak: Set<String> = [
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "from", "by", "and", "or",
    "but", "no", "all", "some", "any", "very",
  ]
  static let bengali: Set<String> = [
    "আমি", "তুমি", "আপনি", "সে", "তিনি", "আমরা", "তোমরা", "তারা", "এই", "ওই", "সেই", "কি", "কী", "না",
    "না।", "এবং", "ও", "আর", "কিন্তু", "যে", "তার", "আমার", "তোমার", "আপনার", "হয়", "হবে", "ছিল",
    "আছে", "নেই", "করে", "করা", "করি", "করো", "করুন", "থেকে", "জন্য", "দিয়ে", "সাথে", "নিয়ে", "একটা",
    "একটি", "কেন", "কোথায়", "কেমন", "খুব", "সব", "যদি", "তবে", "তাহলে", "হয়েছে", "গেছে", "যাবে",
    "কিছু", "করার", "একটু", "হ্যাঁ", "তো", "কোন", "কোনো", "এর", "এটা", "এটি", "ওটা", "তা", "যা",
    "আমাদের", "তোমাদের", "তাদের", "উপর", "মধ্যে", "পর", "আগে", "কাছে", "মতো", "মত", "অনেক",
  ]
  /// Endings of finite Bengali verbs (করছি, গেছে, যাবেন, দেখুন, খেলাম…): a span of three or more
  /// Bengali words with one is a clause.
  static let bengaliVerbEndings = [
    "ছি", "ছে", "ছেন", "ছিল", "ছিলাম", "লাম", "লেন", "বেন", "বো", "ুন", "েছি", "তেছ", "চ্ছ", "চ্ছে", "চ্ছি",
  ]

  /// Whether `word` is a weak marker of `language` (articles, prepositions: English only).
  static func isWeak(_ word: String, language: Language) -> Bool {
    language == .en && englishWeak.contains(word.lowercased())
  }

  /// Whether `word` is a function word of `language` (English: any case, ’ as '), or for Bengali
  /// a finite verb form.
  static func contains(_ word: String, language: Language) -> Bool {
    switch language {
    case .en:
      return english.contains(word.lowercased().replacingCurlyApostrophes())
    case .bn:
      if bengali.contains(word) || bengaliVerbEndings.contains(where: { word.hasSuffix($0) }) {
        return true
      }
      // First-person future (করব, যাব, আসব): a final ব after at least two letters.
      return word.unicodeScalars.count >= 3 && word.unicodeScalars.last == "ব"
    default:
      return false
    }
  }
}

extension String {
  fileprivate func replacingCurlyApostrophes() -> String {
    guard contains("\u{2019}") else { return self }
    return String(map { $0 == "\u{2019}" ? "'" : $0 })
  }
}
