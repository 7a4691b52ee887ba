extension FuzzHarness {
  /// A named input for a harness.
  public typealias Seed = (name: String, bytes: [UInt8])

  /// Built-in seeds for `target`: the pathological shapes for the text harnesses (with option
  /// bytes in front for `roundtrip`), hand-written edge cases for `manifest` and `report`.
  /// `Scripts/fuzz.sh` adds them to the seed corpus; `FuzzRegressionTests` runs them.
  public static func seeds(for target: Target) -> [Seed] {
    switch target {
    case .classify, .stats:
      return shapes
    case .roundtrip:
      // Line and sentence units, every mixed mode, both formats, routing and left-out streams.
      let options: [UInt8] = [0x00, 0x01, 0x03, 0x05, 0x0E, 0x0F, 0x37, 0x5A, 0xB4, 0xFF]
      return shapes.enumerated().map { k, shape in
        let byte = options[k % options.count]
        return ("\(shape.name)-\(String(byte, radix: 16))", [byte] + shape.bytes)
      }
    case .manifest:
      return manifests.enumerated().map { k, text in ("manifest-\(k + 1)", Array(text.utf8)) }
    case .report:
      return reports.enumerated().map { k, text in ("report-\(k + 1)", Array(text.utf8)) }
    }
  }

  /// Text that has broken or slowed text tools: script switches at every character and every
  /// word, long runs of combining marks, joiners and dandas, bytes that are not UTF-8, every
  /// line terminator, byte-order marks and NUL.
  public static var shapes: [Seed] {
    func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }
    func repeated(_ text: String, _ count: Int) -> [UInt8] {
      utf8(String(repeating: text, count: count))
    }
    let bengali = Array("আমিভাতখাইকরেছেনবাংলাদেশ")
    let english = Array("IeatricewiththemToday")
    var everyCharacter = ""
    for k in 0..<600 {
      everyCharacter.append(bengali[k % bengali.count])
      everyCharacter.append(english[k % english.count])
    }
    var everyWord = ""
    let bengaliWords = ["আমি", "ভাত", "খাই", "তিনি", "বলেছেন", "আজকে", "মিটিং"]
    let englishWords = ["I", "eat", "rice", "the", "meeting", "was", "Facebook"]
    for k in 0..<300 {
      everyWord += bengaliWords[k % bengaliWords.count] + " " + englishWords[k % 7] + " "
    }
    return [
      ("alternate-every-character", utf8(everyCharacter) + [0x0A]),
      ("alternate-every-word", utf8(everyWord) + [0x0A]),
      (
        "alternate-every-sentence",
        repeated("আমি ভাত খাই। I eat rice. তিনি বলেছেন, OK. ", 60) + [0x0A]
      ),
      // U+0301 acute, U+09BC nukta, U+09CD virama, U+0981 candrabindu, with and without a base.
      (
        "combining-marks",
        repeated("\u{0301}", 200) + utf8("a") + repeated("\u{0301}", 300) + [0x0A]
          + utf8("ক") + repeated("\u{09CD}\u{09BC}\u{0981}", 200) + utf8(" e") + [0x0A]
          + repeated("\u{09CD}", 100) + utf8(" I eat rice.") + [0x0A]
      ),
      // U+200D joiner, U+200C non-joiner: ক্‍ষ, runs of them, at line start, between scripts.
      (
        "zwj-runs",
        utf8("ক্\u{200D}ষ ") + repeated("\u{200D}", 300) + utf8("a") + repeated("\u{200C}", 300)
          + utf8("ক") + [0x0A] + repeated("\u{200D}\u{200C}", 200) + [0x0A]
          + repeated("👨\u{200D}👩\u{200D}👧 ", 50) + [0x0A]
      ),
      // U+0964 danda, U+0965 double danda: runs, between English words, alone on lines.
      (
        "danda-runs",
        repeated("।", 500) + [0x0A] + repeated("I eat।rice॥ ", 50) + [0x0A]
          + repeated("।\n", 50) + repeated("॥ ", 100)
      ),
      // Stray continuation bytes, overlong forms, a cut sequence, a surrogate, past U+10FFFF.
      (
        "invalid-utf8",
        utf8("আমি ") + [0xFF, 0xFE, 0xC0, 0x80, 0xE0, 0xA6] + utf8(" I eat\n")
          + [0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0x80, 0x0A, 0xE0, 0xA6]
          + repeated("\u{0995}", 40).map { $0 == 0x95 ? 0xFF : $0 } + [0xE0]
      ),
      (
        "line-terminators",
        utf8("আমি ভাত খাই।\r\nI eat rice.\rতিনি\n\r\n\r\r\n\n  \t \r\n") + repeated("a\r", 100)
          + [0x0D]
      ),
      (
        "byte-order-marks",
        utf8("\u{FEFF}আমি ভাত খাই।\n\u{FEFF}\nI \u{FEFF}eat\u{FEFF}\n") + repeated("\u{FEFF}", 100)
      ),
      ("nul", [0x00] + utf8("আমি\u{0}ভাত I\u{0}eat\n\u{0}\n") + [UInt8](repeating: 0, count: 200)),
      (
        "long-words",
        repeated("a", 3000) + [0x20] + repeated("ক", 1000) + [0x20] + repeated("ab", 700) + [0x0A]
      ),
      (
        "neutral-runs",
        utf8("২১.৯ C ৳১০০ 21.9 C https://a.example/x?q=১ @user #ট্যাগ +880 1711-000000\n")
          + repeated("1234567890", 200) + [0x0A] + repeated(" ", 500) + [0x0A]
      ),
      (
        "other-scripts",
        utf8("मैं चावल खाता हूँ। আমি ভাত খাই। أنا آكل الأرز। ৰঙা ৱৰ Ça va? Tôi ăn cơm.\n")
          + repeated("Ωक", 300) + [0x0A]
      ),
      ("romanized", repeated("ami tomake onek bhalobashi, I love you. ", 60) + [0x0A]),
    ]
  }

  /// Manifests: real shapes, and values at the edges (huge and negative numbers, base64 that
  /// is not, records after the end).
  static let manifests = [
    """
    \(textHeader)
    {"id":"doc:1","stream":"en","index":0,"gap":""}
    {"id":"doc:2","stream":"bn","index":0,"lang":"as","gap":"\\r\\n"}
    {"id":"doc:3","label":"other","raw_b64":"/w==","gap":" "}
    {"id":"doc:4","stream":"en","index":1,"gap":"\\n"}
    {"gap":"\\n\\n"}
    {"end":true,"gap":"\\n"}
    """,
    """
    \(jsonlHeader)
    {"id":"doc:1","stream":"eng_Latn","index":0,"gap_b64":"/w=="}
    {"id":"doc:2","label":"bn","raw":"আমি","gap":""}
    {"id":"doc:3","stream":"ben_Beng","index":0,"gap":"\\u0964"}
    {"id":"doc:4","stream":"eng_Latn","index":1,"gap":""}
    {"end":true,"gap":""}
    """,
    """
    {"bhasha_manifest":1,"source":"a","name":"a","bytes":9223372036854775807,"sha256":"",\
    "unit":"line","mixed":"matrix","codes":"bcp47","format":"text","split":"",\
    "streams":{"en":{"file":"a.en.txt","segments":1,"sha256":""}}}
    {"id":"a:1","stream":"en","index":9223372036854775807,"gap":""}
    {"id":"a:2","stream":"en","index":-1,"gap":""}
    {"id":"a:3","stream":"en","index":1e308,"gap":""}
    {"end":true,"gap":""}
    {"id":"a:4","stream":"xx","index":0,"gap":""}
    """,
    """
    {"bhasha_manifest":1,"source":"","name":"","bytes":-1,"sha256":"","unit":"","mixed":"",\
    "codes":"","format":"jsonl","split":"","streams":{"../x":{"file":"/etc/passwd",\
    "segments":-1,"sha256":""},"":{"file":"","segments":9223372036854775807,"sha256":""}}}
    {"id":":1","stream":"","index":0,"gap_b64":"not base64"}
    {"end":false,"gap":""}
    {"end":true}
    """,
  ]

  /// Stats reports: a real one, and counts at the edges of `Int`.
  static let reports = [
    """
    {"schema":1,"total":{"lines":3,"segments":4,"words":6,"embedded_words":1,"graphemes":30,\
    "codepoints":31,"bytes":60,"invalid_bytes":0},"labels":{"bn":{"lines":1,"segments":2,\
    "words":3,"embedded_words":1,"graphemes":20,"codepoints":21,"bytes":45,"invalid_bytes":0},\
    "en":{"lines":2,"segments":2,"words":3,"graphemes":10,"codepoints":10,"bytes":15}},\
    "files":[{"name":"a.txt","total":{"lines":3,"words":6,"graphemes":30,"codepoints":31,\
    "bytes":60},"labels":{}},{"total":{"lines":0,"words":0,"graphemes":0,"codepoints":0,\
    "bytes":0},"labels":{"x|\\"y\\",\\n":{"lines":0,"words":0,"graphemes":0,"codepoints":0,\
    "bytes":0}}}]}
    """,
    """
    {"schema":1,"total":{"lines":9223372036854775807,"words":9223372036854775807,\
    "graphemes":1,"codepoints":1,"bytes":1},"labels":{"en":{"lines":-9223372036854775808,\
    "words":9223372036854775807,"graphemes":0,"codepoints":0,"bytes":9223372036854775807}}}
    """,
    """
    {"schema":1,"total":{"lines":1e308,"words":-1,"graphemes":0,"codepoints":0,"bytes":0},\
    "labels":{}}
    """,
  ]
}
