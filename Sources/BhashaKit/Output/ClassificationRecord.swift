/// One line of `bhasha classify` output.
@_spi(Stages) public enum ClassificationRecord {
  /// The JSON Lines record for a line:
  /// `{"file":"a.txt","line":3,"offset":120,"length":42,"label":"bn","matrix":"bn",
  /// "lang":"bn","confidence":0.98,"reliable":true,"letters":{"Beng":41,"Latn":0},
  /// "spans":[{"start":0,"end":34,"label":"bn","lang":"bn","script":"Beng","confidence":0.98,
  /// "reliable":true,"embedded":false},…]}`. `lang` is the label's language, or for `other` the
  /// model's code (`fr`).
  ///
  /// `offset` and `length` are UTF-8 bytes in the input; `length` includes the terminator, so
  /// consecutive records tile the file. Span `start`/`end` are UTF-8 byte offsets into the line's
  /// content (terminator excluded); spans tile the content.
  public static func jsonl(file: String, line: Line, analysis: LineAnalysis) -> String {
    var out: [UInt8] = []
    appendJSONL(to: &out, quotedFile: JSONText.quote(file), line: line, analysis: analysis)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the JSON Lines record to `out`; `quotedFile` is the file name already quoted with
  /// ``JSONText/quote(_:)`` (quote it once per file, not per line).
  public static func appendJSONL(
    to out: inout [UInt8], quotedFile: String, line: Line, analysis: LineAnalysis
  ) {
    @inline(__always) func put(_ text: StaticString) {
      out.append(
        contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
    @inline(__always) func put(_ value: Int) {
      var v = value
      if v == 0 {
        out.append(0x30)
        return
      }
      var digits:
        (
          UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
          UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
        ) =
          (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
      var n = 0
      if v < 0 {
        out.append(0x2D)
        v = -v
      }
      withUnsafeMutableBytes(of: &digits) { d in
        while v > 0 && n < 20 {
          d[n] = UInt8(v % 10) + 0x30
          v /= 10
          n += 1
        }
        for k in stride(from: n - 1, through: 0, by: -1) { out.append(d[k]) }
      }
    }
    put("{\"file\":")
    out.append(contentsOf: quotedFile.utf8)
    put(",\"line\":")
    put(line.number)
    put(",\"offset\":")
    put(line.offset)
    put(",\"length\":")
    put(line.byteCount)
    put(",\"label\":\"")
    out.append(contentsOf: analysis.label.rawValue.utf8)
    put("\",\"matrix\":")
    if let matrix = analysis.matrix {
      out.append(0x22)
      out.append(contentsOf: matrix.rawValue.utf8)
      out.append(0x22)
    } else {
      put("null")
    }
    put(",\"lang\":")
    if let code = analysis.languageCode {
      out.append(0x22)
      out.append(contentsOf: code.utf8)
      out.append(0x22)
    } else {
      put("null")
    }
    put(",\"confidence\":")
    out.append(contentsOf: JSONText.number(analysis.confidence).utf8)
    put(analysis.reliable ? ",\"reliable\":true" : ",\"reliable\":false")
    put(",\"letters\":{")
    for (k, item) in analysis.letters.enumerated() {
      if k > 0 { out.append(0x2C) }
      out.append(0x22)
      out.append(contentsOf: item.script.code.utf8)
      put("\":")
      put(item.count)
    }
    put("},\"spans\":[")
    for (k, span) in analysis.spans.enumerated() {
      if k > 0 { out.append(0x2C) }
      put("{\"start\":")
      put(span.start)
      put(",\"end\":")
      put(span.end)
      put(",\"label\":\"")
      out.append(contentsOf: span.language.rawValue.utf8)
      put("\",\"lang\":\"")
      out.append(contentsOf: span.languageCode.utf8)
      put("\",\"script\":\"")
      out.append(contentsOf: span.script.code.utf8)
      put("\",\"confidence\":")
      out.append(contentsOf: JSONText.number(span.confidence).utf8)
      put(span.reliable ? ",\"reliable\":true" : ",\"reliable\":false")
      put(span.embedded ? ",\"embedded\":true" : ",\"embedded\":false")
      if !span.alternatives.isEmpty {
        put(",\"alternatives\":[")
        for (j, alternative) in span.alternatives.enumerated() {
          put(j > 0 ? ",{\"lang\":\"" : "{\"lang\":\"")
          out.append(contentsOf: alternative.code.utf8)
          put("\",\"behind\":")
          out.append(contentsOf: JSONText.number(alternative.behind).utf8)
          out.append(0x7D)
        }
        out.append(0x5D)
      }
      out.append(0x7D)
    }
    put("]}\n")
  }

  /// The TSV record for a line: file, line number, label, text. Backslash, tab and other control
  /// characters in the file name and text are escaped (`\\`, `\t`, `\x00`), so every record is one
  /// line with four fields; invalid UTF-8 bytes are written as `\xFF`.
  public static func tsv(file: String, line: Line, analysis: LineAnalysis) -> [UInt8] {
    var out: [UInt8] = []
    appendTSV(to: &out, file: file, line: line, analysis: analysis)
    return out
  }

  /// Appends the TSV record to `out`.
  public static func appendTSV(
    to out: inout [UInt8], file: String, line: Line, analysis: LineAnalysis
  ) {
    escapeTSV(RawPath.bytes(file), into: &out)
    out.append(0x09)
    out.append(contentsOf: "\(line.number)\t\(analysis.label.rawValue)\t".utf8)
    escapeTSV(line.content, into: &out)
    out.append(0x0A)
  }

  static func escapeTSV(_ bytes: [UInt8], into out: inout [UInt8]) {
    let hex = Array("0123456789ABCDEF".utf8)
    bytes.withUnsafeBufferPointer { buffer in
      var i = 0
      while i < buffer.count {
        let b = buffer[i]
        if b < 0x80 {
          switch b {
          case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
          case 0x09: out.append(contentsOf: [0x5C, 0x74])
          case 0..<0x20, 0x7F:
            out.append(contentsOf: [0x5C, 0x78, hex[Int(b >> 4)], hex[Int(b & 15)]])
          default: out.append(b)
          }
          i += 1
          continue
        }
        let (value, length) = UTF8Decoding.decode(buffer, at: i)
        if length == 0 {
          out.append(contentsOf: [0x5C, 0x78, hex[Int(b >> 4)], hex[Int(b & 15)]])
          i += 1
        } else if (0x80...0x9F).contains(value) {
          // C1 controls (U+009B is CSI on some terminals): both bytes escaped.
          let second = buffer[i + 1]
          out.append(contentsOf: [0x5C, 0x78, hex[Int(b >> 4)], hex[Int(b & 15)]])
          out.append(contentsOf: [0x5C, 0x78, hex[Int(second >> 4)], hex[Int(second & 15)]])
          i += 2
        } else {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<(i + length)]))
          i += length
        }
      }
    }
  }
}
