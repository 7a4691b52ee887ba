import BhashaTestSupport
import PropertyBased
import Testing

@_spi(Stages) @testable import BhashaKit

/// Splits `bytes` fed in chunks ending at `cuts` and returns the lines (the fuzz harness's
/// helper, shared).
func lines(of bytes: [UInt8], cuts: [Int] = []) throws -> [Line] {
  try FuzzHarness.lines(of: bytes, cuts: cuts)
}

@Test(arguments: [
  ("a\nb\n", [("a", LineTerminator.lf), ("b", .lf)]),
  ("a\r\nb", [("a", .crlf), ("b", .none)]),
  ("a\rb\r", [("a", .cr), ("b", .cr)]),
  ("\n\n", [("", .lf), ("", .lf)]),
  ("\r\r\n\n", [("", .cr), ("", .crlf), ("", .lf)]),
  ("", []),
  ("আমি ভাত খাই।", [("আমি ভাত খাই।", .none)]),
])
func terminatorsAreKept(input: String, expected: [(String, LineTerminator)]) throws {
  let got = try lines(of: Array(input.utf8))
  #expect(got.map { String(decoding: $0.content, as: UTF8.self) } == expected.map(\.0))
  #expect(got.map(\.terminator) == expected.map(\.1))
  #expect(got.map(\.number) == Array(1...max(1, got.count)).prefix(got.count).map { $0 })
}

@Test func offsetsTileTheInput() throws {
  let input = Array("one\r\ntwo\rthree\n\nfour".utf8)
  let got = try lines(of: input)
  var offset = 0
  for line in got {
    #expect(line.offset == offset)
    offset += line.byteCount
  }
  #expect(offset == input.count)
  #expect(got.flatMap(\.bytes) == input)
}

@Test func everyCutPointGivesTheSameLines() throws {
  // A short mixed string with a CRLF, a lone CR, a Bengali sequence and an invalid byte.
  let input = Array("আ\r\nb\rগ".utf8) + [0xFF, 0x0A, 0x0D]
  let whole = try lines(of: input)
  for cut in 0...input.count {
    #expect(try lines(of: input, cuts: [cut]) == whole, "cut at \(cut)")
    for second in cut...input.count {
      #expect(try lines(of: input, cuts: [cut, second]) == whole)
    }
  }
}

@Test func anyChunkingGivesTheSameLines() async {
  let alphabet: [UInt8] = [0x0A, 0x0D, 0x61, 0xE0, 0xA6, 0xBE, 0xFF, 0x00, 0x20]
  let bytes = Gen.int(in: 0...(alphabet.count - 1)).map { alphabet[$0] }.array(of: 0...200)
  await propertyCheck(count: 300, input: bytes, Gen.int(in: 1...17).array(of: 0...12)) {
    input, sizes in
    let whole = try lines(of: input)
    var cuts: [Int] = []
    var at = 0
    for size in sizes {
      at += size
      cuts.append(at)
    }
    #expect(try lines(of: input, cuts: cuts) == whole)
    #expect(whole.flatMap(\.bytes) == input)
  }
}

@Test func lineLongerThanLimitIsAnError() throws {
  var splitter = LineSplitter(maxLineBytes: 4, source: "x.txt")
  #expect(try splitter.push(Array("abcd\n".utf8)).count == 1)
  #expect(throws: BhashaError.lineTooLong(file: "x.txt", line: 2, limit: 4)) {
    _ = try splitter.push(Array("abc".utf8))
    _ = try splitter.push(Array("de\n".utf8))
  }
}

/// Each line owns a buffer of its own size, whatever came before it: handing out the
/// splitter's buffer (which `Array(pending[...])` does) made every line after a long one hold a
/// buffer as large as the long one (a 2 MB line then 200,000 short lines: 324 MB for `stats`).
@Test func shortLinesAfterALongOneAreSmall() throws {
  var splitter = LineSplitter()
  var input = [UInt8](repeating: UInt8(ascii: "a"), count: 100_000)
  input += Array("\nhello world\nনমস্কার\n".utf8)
  let got = try splitter.push(input)
  #expect(got.map(\.content.count) == [100_000, 11, 21])
  #expect(got.dropFirst().allSatisfy { $0.content.capacity < 64 })
}

/// The word-at-a-time search finds the first CR or LF that a byte-by-byte scan finds, from any
/// start, among bytes next to them in value (0x0B, 0x0C, 0x8A, 0x8D, 0x09, 0x00, 0xFF).
@Test func nextBreakIsTheFirstCROrLF() {
  var state: UInt64 = 17
  func next(_ n: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(state >> 33) % n
  }
  let alphabet: [UInt8] = [0x0A, 0x0D, 0x0B, 0x0C, 0x8A, 0x8D, 0x09, 0x00, 0xFF, 0x61, 0xE0]
  for _ in 0..<20_000 {
    // Mostly plain bytes, so that breaks fall in every position of a word.
    let bytes = (0..<next(40)).map { _ in next(4) == 0 ? alphabet[next(alphabet.count)] : 0x61 }
    let start = next(bytes.count + 1)
    let expected = bytes[start...].firstIndex { $0 == 0x0A || $0 == 0x0D } ?? bytes.count
    bytes.withUnsafeBufferPointer { buffer in
      #expect(LineSplitter.nextBreak(buffer, from: start) == expected, "\(bytes) from \(start)")
    }
  }
}
