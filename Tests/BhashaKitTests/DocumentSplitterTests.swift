import Foundation
import PropertyBased
import Testing

@_spi(Stages) @testable import BhashaKit

/// Trimming a piece from its ends gives what the profile of the whole piece gives:
/// for pieces of ASCII, white space (ASCII and other), byte-order marks, Bengali and invalid
/// bytes, cut anywhere.
@Test func trimmingFromTheEndsIsWhatTheProfileTrims() async {
  let alphabet: [[UInt8]] = [
    [0x61], [0x2E], [0x20], [0x09], [0x0B], [0x1F], [0x7F], [0x00], [0xEF, 0xBB, 0xBF],
    [0xE0, 0xA6, 0x95], [0xC2, 0xA0], [0xE2, 0x80, 0x83], [0xFF], [0xE0, 0xA6], [0x80],
  ]
  let text = Gen.int(in: 0...(alphabet.count - 1)).map { alphabet[$0] }.array(of: 0...12)
  await propertyCheck(count: 3000, input: text, Gen.int(in: 0...40), Gen.int(in: 0...40)) {
    parts, a, b in
    let content = parts.flatMap { $0 }
    let lo = min(a, b, content.count)
    let hi = min(max(a, b), content.count)
    #expect(
      DocumentSplitter.trim(content, lo..<hi) == DocumentSplitter.trimmedByProfile(content, lo..<hi)
    )
  }
}

@Test func validUTF8IsWhatStringValidatingAccepts() async {
  let alphabet: [[UInt8]] = [
    [0x61], [0x00], [0x7F], [0xC2, 0xA0], [0xE0, 0xA6, 0x95], [0xF0, 0x9F, 0x98, 0x80], [0xFF],
    [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0xA6], [0x80], [0xC2],
  ]
  let text = Gen.int(in: 0...(alphabet.count - 1)).map { alphabet[$0] }.array(of: 0...8)
  await propertyCheck(count: 1000, input: text) { parts in
    let bytes = parts.flatMap { $0 }
    #expect(
      DocumentSplitter.isValidUTF8(bytes) == (String(validating: bytes, as: UTF8.self) != nil))
  }
}

/// Every record's id is NAME:ORDINAL as a JSON string, whatever NAME holds (quotes,
/// backslashes, control characters and Bengali are escaped or kept as `JSONText.quote` does):
/// records build it from the name quoted once.
@Test func recordIdsAreTheQuotedNameAndOrdinal() throws {
  let name = "a\"b\\c\u{1}দ:"
  var options = DocumentSplitter.Options()
  options.format = .jsonl
  options.streams = [.en]  // bn pieces go inline, en pieces to a stream
  let splitter = try DocumentSplitter(name: name, source: "s", options: options)
  var ids: [String] = []
  let text = "Hello there. আমি ভাত খাই।\n\n" + String(repeating: "Again and again.\n", count: 12)
  for line in try lines(of: Array(text.utf8)) {
    for output in splitter.add(line, classifier.classify(line.content)) {
      let record: [UInt8]
      switch output {
      case .manifest(let r): record = r
      case .stream(_, let r): record = r
      }
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(record)) as? [String: Any])
      if let id = object["id"] as? String { ids.append(id) }
    }
  }
  // The distinct ids are NAME:1 … NAME:n; each en segment's id is in the manifest and in
  // its stream record.
  let distinct = Set(ids)
  #expect(distinct.count >= 13)
  #expect(distinct == Set((1...distinct.count).map { "\(name):\($0)" }), "\(ids)")
  #expect(ids.count > distinct.count)
}
