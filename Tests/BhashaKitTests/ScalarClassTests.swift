import Testing

@_spi(Stages) @testable import BhashaKit

@Test func dandaIsBengaliContext() throws {
  let c = ScalarClass.of(0x0964)
  #expect(c.kind == .danda)
  #expect(c.script == .bengali)
  // ICU: the danda is Common with Beng among its Script_Extensions.
  #expect(UnicodeProperties.script(of: 0x0964) == .common)
  #expect(try UnicodeProperties.scriptExtensions(of: 0x0964).contains(.bengali))
}

@Test(arguments: [
  (UInt32(0x0995), ScalarKind.letter, Script.bengali),  // ক
  (0x09BE, .letter, .bengali),  // া vowel sign: Alphabetic
  (0x09CD, .mark, .bengali),  // virama
  (0x09E7, .digit, .bengali),  // ১
  (0x0031, .digit, .common),  // 1
  (0x0061, .letter, .latin),  // a
  (0x00E9, .letter, .latin),  // é
  (0x200D, .mark, .inherited),  // ZWJ
  (0x200C, .mark, .inherited),  // ZWNJ
  (0x0020, .space, .common),
  (0x201C, .open, .common),  // “
  (0x201D, .close, .common),  // ”
  (0x0028, .open, .common),
  (0x0022, .quote, .common),
  (0x09F3, .symbol, .bengali),  // ৳
  (0x1F600, .symbol, .common),  // 😀
  (0xFEFF, .other, .common),  // BOM
  (0x0915, .letter, .devanagari),  // क
])
func scalarClasses(scalar: UInt32, kind: ScalarKind, script: Script) {
  let c = ScalarClass.of(scalar)
  #expect(c.kind == kind)
  #expect(c.script == script)
}

@Test func decomposedAndComposedVowelSignsWeighAlike() {
  // ো U+09CB ≡ ে U+09C7 + া U+09BE
  #expect(ScalarClass.of(0x09CB).letterWeight == 2)
  #expect(ScalarClass.of(0x09C7).letterWeight + ScalarClass.of(0x09BE).letterWeight == 2)
}

@Test func scriptCodesComeFromICU() {
  #expect(Script.bengali.code == "Beng")
  #expect(Script.latin.code == "Latn")
  #expect(Script.devanagari.code == "Deva")
  #expect(UnicodeProperties.script(of: 0x0627).code == "Arab")
}

@Test func scalarIndexAtOrAfterFindsEveryOffsetByBisection() {
  let text = Array("আমি I ভাত rice\u{FF}খাই।".utf8) + [0xE0, 0xA6]
  let profile = ScriptProfile(text)
  for offset in 0...(text.count + 1) {
    let expected = profile.scalars.firstIndex { $0.start >= offset } ?? profile.scalars.count
    #expect(profile.scalarIndex(atOrAfter: offset) == expected, "\(offset)")
  }
}

@Test func profiledScalarsArePacked() {
  // A long line holds one per code point: 16 bytes each, not 40.
  #expect(MemoryLayout<ProfiledScalar>.stride == 16)
  let s = ProfiledScalar(
    value: 0x09CB, start: 1 << 40, length: 3, kind: .mark, script: .bengali, letterWeight: 2,
    isInvalid: false)
  #expect(
    s.length == 3 && s.letterWeight == 2 && !s.isInvalid && s.range == (1 << 40)..<((1 << 40) + 3))
  let bad = ProfiledScalar(
    value: 0xFFFD, start: 0, length: 1, kind: .other, script: .unknown, letterWeight: 0,
    isInvalid: true)
  #expect(bad.isInvalid && bad.length == 1)
}
