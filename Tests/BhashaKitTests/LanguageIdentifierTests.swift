import Foundation
import Testing

@_spi(Stages) @testable import BhashaKit

func analysis(_ text: String) -> LineAnalysis { classifier.classify(Array(text.utf8)) }

@Test func bundledModelLoads() throws {
  let model = try #require(LanguageModel.bundled)
  #expect(model.codes.prefix(2) == ["en", "bn-Latn"])
  #expect(model.slot("hi-Latn") != nil)
  #expect(model.codes.count >= 27)
  #expect(model.codes.contains("fr"))
  #expect(!model.assameseWords.isEmpty)
}

@Test(arguments: [
  ("ami tomake onek miss kori", "bn-Latn"),
  ("ki khobor bhai, kemon acho?", "bn-Latn"),
  ("kal office e meeting ache, tarpor dinner", "bn-Latn"),
  // Dhaka colloquial: a Bengali frame of a few grammar words around English nouns.
  ("app ta install dile black screen ase", "bn-Latn"),
  ("server down naki? login hoitese na", "bn-Latn"),
  ("update dewar por theke phone hang kortese", "bn-Latn"),
  ("Coach, Cara Jay, made some adjustments to the lineups.", "en"),
  ("I will call you tomorrow after the meeting.", "en"),
  ("The government announced new measures on Sunday.", "en"),
  ("El gobierno anunció nuevas medidas económicas.", "es"),
  ("Die Regierung hat neue Maßnahmen angekündigt.", "de"),
  ("Le gouvernement a annoncé de nouvelles mesures.", "fr"),
  ("Pemerintah mengumumkan langkah-langkah baru.", "id"),
  // Romanized Hindi: its own function words, or words that real Hindi text uses far more than
  // real Bengali text (learned host weights: "ko", "kar", "padega"), decide it; without them,
  // text is Bengali's.
  ("mujhe nahi pata tha ki tum aaj aaoge", "hi-Latn"),
  ("sab log mil kar ghar ko chalo", "hi-Latn"),
  ("pakistan ko sabak sikhana padega", "hi-Latn"),
  ("ei app ta khub valo", "bn-Latn"),
  ("amar phone e kaj kore na", "bn-Latn"),
  ("kya haal hai bhai, sab theek?", "hi-Latn"),
  ("yaar ye movie bahut acchi thi, tumhe dekhni chahiye", "hi-Latn"),
  ("accha thik ache", "bn-Latn"),
  ("toss ke jitse?", "bn-Latn"),
  ("Hai ragione, è troppo tardi per uscire stasera.", "it"),
  ("মই আজি বজাৰলৈ যাম।", "as"),
  ("আমাৰ গাঁৱত এখন নতুন স্কুল খোলা হৈছে।", "as"),
  ("আমরা আজ বাজারে যাব।", "bn"),
  ("मैं चावल खाता हूँ।", "other"),
])
func languageOfLines(text: String, code: String) {
  #expect(analysis(text).languageCode == code, "\(text)")
}

@Test func otherLatinLanguagesAreLabelledOther() {
  let a = analysis("Le gouvernement a annoncé de nouvelles mesures.")
  #expect(a.label == .other)
  #expect(a.spans.first?.code == "fr")
}

@Test func romanizedWordsAndEnglishLoanwordsAreLabelledWordByWord() {
  let a = analysis("ajke friend der sathe party ache")
  #expect(a.label == .bnLatn)
  let english = a.spans.filter { $0.language == .en }
  #expect(!english.isEmpty)
  #expect(english.allSatisfy { $0.embedded })
}

@Test func shortOrUnknownEvidenceIsUnreliable() {
  #expect(!analysis("OK").reliable)
  #expect(analysis("ক").spans.first?.reliable == false)
  #expect(analysis("I will call you tomorrow after the meeting.").reliable)
}

@Test func latinNamesInBengaliSentencesStayEnglish() {
  let a = analysis("আমার প্রিয় খেলোয়াড় Shakib Al Hasan।")
  #expect(a.label == .bn)
  #expect(a.spans.contains { $0.language == .en && $0.embedded })
}

/// Assamese with no ৰ or ৱ: only the model's word sets (words of Tesseract's Assamese list that
/// wordfreq's Bengali list lacks) or a final ৈ tell it from Bengali.
@Test(arguments: [
  "মানুহজন দোকানত বহি আছে।",
  "কিতাপখন বাটত পালোঁ।",
  "আজিকালি সকলো ব্যস্ত।",
  "কাইলৈ অফিচলৈ যাম।",
])
func assameseWithoutAssameseLettersIsAssamese(text: String) {
  #expect(analysis(text).languageCode == "as", "\(text)")
}

/// Bengali words that the Assamese word list lacks count for Bengali; a frequent Bengali word
/// ending in ৈ (হৈচৈ) is evened out by that.
@Test(arguments: ["হৈচৈ", "বড় হৈচৈ পড়ে গেছে।", "দোকানে যাব।", "আমি ভাত খাই।"])
func bengaliWithoutBengaliLettersStaysBengali(text: String) {
  #expect(analysis(text).languageCode == "bn", "\(text)")
}

@Test func bengaliWithoutEvidenceStaysBengali() {
  let a = analysis("আমি ভাত খাই।")
  #expect(a.label == .bn)
  #expect(a.spans.first?.confidence ?? 1 < 0.9)
}

@Test func romanizedBengaliAndHindiSwitchOnlyBetweenSentences() {
  let a = analysis("ami kal office e jabo. lekin tum kab aaoge?")
  #expect(a.label == .mixed)
  var languages: [Language] = []
  for span in a.spans where span.language != .neutral && !span.embedded {
    if languages.last != span.language { languages.append(span.language) }
  }
  #expect(languages == [.bnLatn, .hiLatn])
  // Inside one sentence the two do not alternate word by word.
  let one = analysis("bhai kal ki tor motorcycle ta pawa jabe")
  #expect(Set(one.spans.map(\.language)).isSubset(of: [.bnLatn, .en, .neutral]))
}

@Test(arguments: [
  // Welsh, which the model lacks: its short words are English-looking, its long ones are not.
  "Mae hi'n braf heddiw ac rydw i'n mynd i'r dref.",
  "Yr wyf yn hoffi darllen llyfrau Cymraeg yn y llyfrgell.",
  // Xhosa.
  "Molo, unjani namhlanje? Ndiyaphila enkosi.",
])
func latinTextNoModelLanguageFitsIsUnd(text: String) {
  let a = analysis(text)
  #expect(a.label == .other, "\(text)")
  #expect(a.languageCode == "und", "\(text)")
}

/// The host weights are one list per romanized language, in the order of one word list.
@Test func hostWeightsLineUpWithTheirWords() throws {
  let words = RomanizedLexicon.hostWords
  #expect(words.count > 1000)
  #expect(zip(words, words.dropFirst()).allSatisfy { $0 < $1 }, "sorted and unique")
  for language in Language.romanized {
    #expect(language.info.hostWeights.count == words.count, "\(language)")
  }
  // Learned from real text: "karne" is Hindi's, "kore" Bengali's.
  let karne = try #require(words.firstIndex(of: "karne"))
  let kore = try #require(words.firstIndex(of: "kore"))
  #expect(Language.hiLatn.info.hostWeights[karne] > 0)
  #expect(Language.bnLatn.info.hostWeights[kore] > 0)
}

@Test func textThatFitsItsLanguageIsNeverUnd() {
  for text in [
    "The committee will publish its final report on the flood damage next week.",
    "Visit https://example.com/events to see photos from the Sylhet fair.",
    "kalke khawabo inshallah",
    "ami tomake onek bhalobashi, tumi ki jano?",
    "mujhe nahi pata tha ki tum aaj aaoge",
  ] {
    #expect(analysis(text).languageCode != "und", "\(text)")
  }
}

@Test func everyLanguageHasItsTableRow() throws {
  let model = try #require(LanguageModel.bundled)
  for language in Language.allCases {
    let info = language.info
    #expect(!info.flores.isEmpty)
    // Each language the table says the model scores is found in it by code.
    if info.inModel { #expect(model.slot(language.rawValue) != nil, "\(language)") }
    #expect(LineLabel(rawValue: language.rawValue) == LineLabel(language))
    #expect(Router().stream(for: LineLabel(language)) == info.stream)
  }
  #expect(Language.hiLatn.floresCode == "hin_Latn")
  #expect(LineLabel.allCases.last == .mixed)
  #expect(LineLabel(rawValue: "xx") == nil)
}

@Test func routesAreData() {
  let hindi = analysis("mujhe nahi pata tha ki tum aaj aaoge")
  #expect(Router().stream(for: hindi) == .other)
  #expect(Router(routes: [.hiLatn: .hiLatn]).stream(for: hindi) == .hiLatn)
  #expect(Router(routes: [.hiLatn: .bn]).stream(for: hindi) == .bn)
  // A route wins over the --romanized shorthand.
  let romanized = analysis("ami tomake onek miss kori")
  #expect(Router(romanized: .separate, routes: [.bnLatn: .other]).stream(for: romanized) == .other)
}

@Test func routerFollowsRomanizedAndAssameseModes() {
  let romanized = analysis("ami tomake onek miss kori")
  let assamese = analysis("মই আজি বজাৰলৈ যাম।")
  #expect(Router().stream(for: romanized) == .bn)
  #expect(Router(romanized: .separate).stream(for: romanized) == .bnLatn)
  #expect(Router(romanized: .other).stream(for: romanized) == .other)
  #expect(Router().stream(for: assamese) == .other)
  #expect(Router(assamese: .bn).stream(for: assamese) == .bn)
  #expect(Router(assamese: .separate).stream(for: assamese) == .as)
  // The piece keeps its own label for the manifest.
  let piece = Router().pieces(for: romanized, contentLength: 25)
  #expect(piece.first?.label == .bnLatn)
  #expect(piece.first?.stream == .bn)
}

@Test func scriptOnlyRuleWithoutModel() {
  let plain = LineClassifier(identifier: LanguageIdentifier(model: nil))
  #expect(plain.classify(Array("ami tomake onek miss kori".utf8)).label == .en)
}

@Test func modelInfoRecordsTheModelsChecksum() throws {
  // languages.info's "sha256 HEX BYTES" line names the model without hashing it at start-up:
  // it must be the model's real checksum (Scripts/build-model.sh writes both).
  let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/BhashaKit/Resources")
  let model = try Data(contentsOf: resources.appendingPathComponent("languages.bin"))
  let info = try String(
    contentsOf: resources.appendingPathComponent("languages.info"), encoding: .utf8)
  var hash = SHA256()
  hash.update(model)
  #expect(info.contains("\nsha256 \(hash.hexDigest()) \(model.count)\n"))
  // And the located model reports the same.
  let located = try LanguageModel.located.get()
  #expect(located.sha256 == hash.hexDigest())
}

@Test func composedAndDecomposedTextGetTheSameAnswers() throws {
  // Every line of the evaluation sets and sample corpora, and lines whose letters decompose,
  // in NFC and in NFD: the same label and language.
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpora")
  var lines = [
    "Tôi không biết nói tiếng Việt.", "The naïve café owner sold crème brûlée.",
    "Le gouvernement a annoncé de nouvelles mesures économiques.",
    "Die Regierung hat neue Maßnahmen angekündigt.", "Ñandú y pingüino en el zoológico.",
    "Mẹ tôi đang nấu cơm ở nhà.", "Ça va très bien, merci.",
  ]
  for folder in [root, root.appendingPathComponent("eval")] {
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where name.hasSuffix(".txt") {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      lines += text.split(separator: "\n").map(String.init)
    }
  }
  #expect(lines.count > 1000)
  var differences: [String] = []
  for line in lines {
    let composed = try Normalizer.normalize(Array(line.utf8), to: .nfc)
    let decomposed = try Normalizer.normalize(Array(line.utf8), to: .nfd)
    let a = classifier.classify(composed)
    let b = classifier.classify(decomposed)
    if a.label != b.label || a.languageCode != b.languageCode {
      differences.append(
        "\(line): \(a.label)/\(a.languageCode ?? "-") vs \(b.label)/\(b.languageCode ?? "-")")
    }
  }
  #expect(differences.isEmpty, "\(differences.prefix(10))")
}
