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

  /// Romanized Bengali function words and verb forms, as typed ("ami", "kemon", "holo").
  static let romanized: Set<String> = [
    "ami", "tumi", "apni", "amra", "tomra", "se", "tui", "amar", "tomar", "apnar", "amake",
    "tomake", "ki", "kii", "na", "nai", "nei", "er", "ar", "ta", "ti", "te", "re", "to", "ei",
    "oi", "ache", "achi", "acho", "achen", "hobe", "hoy", "hoise", "hoyeche", "holo", "hoilo",
    "korbo", "kori", "korchi", "korsi", "kore", "koro", "koren", "korte", "dibo", "debo", "dao",
    "jabo", "jai", "jao", "kobe", "keno", "kothay", "kemon", "kamon", "ekta", "ektu", "jonno",
    "theke", "diye", "niye", "sathe", "shob", "sob", "onek", "khub", "bhai", "vai", "valo",
    "bhalo", "lagbe", "lage", "parbo", "pari", "jani", "bolo", "dekho", "tahole", "kintu",
    // Dhaka colloquial forms, as typed in comments: progressive -tesi/-tese/-tasi/-taso,
    // perfect -si/-se/-sos, future -mu/-bi, and ase/asi for ache/achi. (Not "jay": an
    // English name, "Cara Jay".)
    "ase", "asi", "aso", "asen", "hoitese", "hoitesi", "hocche", "hoche", "kortesi", "kortese",
    "kortaso", "kortasi", "korse", "korsos", "korlam", "dise", "disi", "disilam", "dilam",
    "dile", "nilam", "pailam", "paisi", "paini", "pabo", "pabi", "jaitesi", "jaitese", "jaay",
    "jacche", "jacchi", "jaccho", "ashche", "ashbe", "ashbi", "kormu", "jamu", "dimu", "khamu",
    "naki", "kno",
    "kivabe", "kemne", "ekhon", "ekhono", "bolse", "bolsi", "bollam", "hoye", "hoyni", "korlo",
    "korben", "koi", "dekhay", "chole",
  ]

  /// Romanized Bengali words no other Latin-script language in the model (romanized Hindi
  /// included) uses.
  /// (Words that are also words elsewhere are left out: vai and acho are Portuguese, tomar and
  /// amar Spanish, nei Italian, korte Dutch, diye Turkish, dila Tagalog, nai Vietnamese.)
  static let distinctlyRomanized: Set<String> = [
    "ami", "tumi", "apni", "amra", "tomra", "tui", "apnar", "amake", "tomake",
    "ache", "achi", "achen", "hobe", "hoise", "hoyeche", "holo", "hoilo", "korbo",
    "kori", "korchi", "korsi", "koro", "koren", "dibo", "debo", "jabo", "kobe", "keno",
    "kothay", "kemon", "kamon", "ekta", "ektu", "jonno", "theke", "niye", "sathe", "onek",
    "khub", "bhai", "valo", "bhalo", "lagbe", "parbo", "jani", "dekho", "tahole",
    "kintu", "ajke", "kalke", "tomader", "amader", "ekdom",
    "hoitese", "hoitesi", "kortesi", "kortese", "kortaso", "korsos", "korlam", "disilam",
    "pailam", "paisi", "jaitesi", "jaitese", "kormu", "jamu", "dimu", "khamu", "kivabe",
    "kemne", "ekhono", "bolse", "bolsi", "hoyni", "jacchi", "jaccho",
  ]

  /// Romanized Hindi function words and verb forms, as typed ("mujhe nahi pata tha"). (Not
  /// "main", "the", "me", "to", "par", "mat", "hum", "mere": English words; not "ke", "wala",
  /// "toh", "haan": Banglish uses them too; not "ka", "ko", "ne", "gaya", "agar", "hoge": common
  /// words of Latvian, Filipino, French, Indonesian, Dutch; not "raha": Finnish, Swahili. These
  /// words also let a span be romanized Hindi at all, so they must be Hindi's.)
  static let romanizedHindi: Set<String> = [
    "hai", "hain", "nahi", "nahin", "nhi", "kya", "kyaa", "mujhe", "mujhko", "tum", "tumhe",
    "tumko", "tumhara", "tumhari", "aap", "aapka", "aapki", "aapke", "aapko", "humein", "hume",
    "hamara", "hamari", "mera", "meri", "tera", "teri", "tere", "uska", "uski", "uske", "unka",
    "unki", "yeh", "woh", "bhi", "tha", "thi", "rahi", "rahe", "hoga", "hogi",
    "gayi", "gaye", "karna", "karo", "karta", "karti", "karte", "kaise", "kaisa", "kaisi",
    "kyun", "kyu", "kyunki", "kahan", "kuch", "abhi", "bahut", "bohot", "theek", "yaar", "hoon",
    "lekin", "aur", "matlab", "sirf", "zyada", "jyada", "thoda", "bilkul", "mein", "kitna",
    "kitni", "kitne", "pehle", "baad", "wahan", "yahan", "chahiye", "sakta", "sakti", "sakte",
    "jaana", "dena", "lena", "diya", "kiya", "liya", "ki", "se",
  ]

  /// Romanized Hindi words that neither romanized Bengali nor another Latin-script language in
  /// the model uses. (Left out: hai, Italian and Vietnamese; mera, Spanish; meri, Finnish
  /// "sea"; raha, Finnish; gaya and wala, Indonesian and Tagalog; karta and karte, Swedish and
  /// German; hoge, Dutch; karna, Indonesian; accha and thik, Bengali too.)
  static let distinctlyHindi: Set<String> = [
    "nahi", "nahin", "kya", "mujhe", "mujhko", "tumhe", "tumko", "tumhara", "tumhari", "aapka",
    "aapki", "aapko", "humein", "hamara", "hamari", "uska", "uski", "unka", "unki", "hoga",
    "hogi", "gayi", "kaise", "kyun", "kahan", "abhi", "bahut", "bohot", "hoon",
    "lekin", "matlab", "zyada", "jyada", "thoda", "bilkul", "yaar",
  ]

  /// Place names and brands of the region, lowercased, apostrophes dropped ("Cox's" is
  /// `coxs`): written the same in English and in romanized Bengali or Hindi, so they are
  /// evidence for no language. Their words get no score in any language; they take the
  /// language of the words around them (alone, the default: English).
  static let regionalNames: Set<String> = [
    "bangladesh", "bangladeshi", "dhaka", "chittagong", "chattogram", "sylhet", "khulna",
    "rajshahi", "barisal", "barishal", "rangpur", "mymensingh", "comilla", "cumilla", "gazipur",
    "narayanganj", "coxs", "bkash", "nagad", "daraz", "foodpanda", "pathao", "grameenphone",
    "banglalink", "teletalk", "chaldal", "shohoz", "evaly", "kolkata", "delhi", "mumbai",
  ]

  /// Words of the romanized languages' ``LanguageInfo/distinct`` lists, as UTF-8.
  static let distinctlyRomanizedKeys = Set(
    Language.romanized.flatMap { $0.info.distinct }.map { Array($0.utf8) })

  /// Per word (UTF-8): bit j set when it is a word of `Language.romanized[j]`'s own (one of
  /// its markers or distinct words, and no other romanized language's): "ache", "kemon" for
  /// Bengali; "hai", "nahi" for Hindi; not "ki", "na", "se", which both use.
  static let ownWordMasks: [[UInt8]: UInt8] = {
    var masks: [[UInt8]: UInt8] = [:]
    for (j, language) in Language.romanized.enumerated() {
      for word in language.info.markers.union(language.info.distinct) {
        masks[Array(word.utf8), default: 0] |= 1 << j
      }
    }
    return masks.filter { $0.value.nonzeroBitCount == 1 }
  }()

  /// ``ownWordMasks`` of a lowercased word (UTF-8), 0 if none.
  static func ownWordMask(_ word: [UInt8]) -> UInt8 { ownWordMasks[word] ?? 0 }

  /// Whether a lowercased word (UTF-8) is a distinct word of a romanized language (romanized
  /// Bengali or Hindi): the model's other Latin-script languages are ruled out.
  static func isDistinctlyRomanized(_ word: [UInt8]) -> Bool {
    distinctlyRomanizedKeys.contains(word)
  }

  // MARK: - Look-up on code points

  /// A word's code points in look-up form: ASCII lowercased, ’ as ', Bengali nukta letters and
  /// two-part vowel signs decomposed (so canonically equivalent spellings match), joiners dropped.
  static func key(_ word: some Sequence<UInt32>) -> [UInt32] {
    var out: [UInt32] = []
    appendKey(word, to: &out)
    return out
  }

  /// Appends ``key(_:)`` of `word` to `out` (a reused buffer).
  static func appendKey(_ word: some Sequence<UInt32>, to out: inout [UInt32]) {
    for v in word {
      switch v {
      case 0x41...0x5A: out.append(v + 0x20)
      case 0x2019: out.append(0x27)
      // Two appends each, not `+= [a, b]`: an array literal is an allocation per letter.
      case 0x09DC:
        out.append(0x09A1)
        out.append(0x09BC)
      case 0x09DD:
        out.append(0x09A2)
        out.append(0x09BC)
      case 0x09DF:
        out.append(0x09AF)
        out.append(0x09BC)
      case 0x09CB:
        out.append(0x09C7)
        out.append(0x09BE)
      case 0x09CC:
        out.append(0x09C7)
        out.append(0x09D7)
      case 0x200C, 0x200D: break
      default: out.append(v)
      }
    }
  }

  static func keys(_ words: Set<String>) -> Set<[UInt32]> {
    Set(words.map { key($0.unicodeScalars.map(\.value)) })
  }

  static let englishWeakKeys = KeySet(keys(englishWeak))
  /// Each language's ``LanguageInfo/markers`` in look-up form.
  static let markerKeys: [Language: KeySet] = Dictionary(
    uniqueKeysWithValues: Language.allCases.map { ($0, KeySet(keys($0.info.markers))) })
  /// The words that count for a language in a sentence's host (``LineClassifier``): its
  /// ``markerKeys``, and for a romanized language also its own words (``ownWordMasks``: its
  /// markers and distinct words, the learned ones included, that no other romanized language
  /// has).
  static let hostKeys: [Language: KeySet] = Dictionary(
    uniqueKeysWithValues: Language.allCases.map { language in
      var set = keys(language.info.markers)
      if let j = Language.romanized.firstIndex(of: language) {
        for (word, mask) in ownWordMasks where mask == 1 << j { set.insert(word.map(UInt32.init)) }
      }
      return (language, KeySet(set))
    })
  /// The romanized languages' markers together (``isStrongRomanized(_:)``).
  static let romanizedMarkerKeys = KeySet(
    Language.romanized.flatMap { keys($0.info.markers) })
  static let bengaliEndingKeys = bengaliVerbEndings.map { key($0.unicodeScalars.map(\.value)) }

  /// Whether `word` (code points) is a function word of `language` (English: any case, ’ as
  /// '), or for Bengali a finite verb form (by its ending, or a final ব after two letters).
  static func isStrong(_ word: [UInt32], language: Language) -> Bool {
    isStrong(key: key(word), markers: markerKeys[language], language: language)
  }

  /// ``isStrong(_:language:)`` of the word whose ``key(_:)`` is `k`, given its language's
  /// ``markerKeys`` (looked up once per span, not per word).
  static func isStrong(key k: [UInt32], markers: KeySet?, language: Language) -> Bool {
    if markers?.contains(k) == true { return true }
    guard language == .bn else { return false }
    for ending in bengaliEndingKeys
    where k.count > ending.count && k.suffix(ending.count).elementsEqual(ending) {
      return true
    }
    // First-person future (করব, যাব, আসব).
    return k.count >= 3 && k.last == 0x09AC
  }

  /// Whether `word` is a function word of any romanized language (romanized Bengali or Hindi).
  static func isStrongRomanized(_ word: [UInt32]) -> Bool {
    romanizedMarkerKeys.contains(key(word))
  }

  /// Whether `word` is a weak marker of `language` (articles, prepositions: English only).
  static func isWeak(_ word: [UInt32], language: Language) -> Bool {
    language == .en && englishWeakKeys.contains(key(word))
  }
}

extension Array where Element == UInt32 {
  /// Whether the code points end with `suffix`.
  func hasSuffix(_ suffix: [UInt32]) -> Bool {
    count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
  }
}
