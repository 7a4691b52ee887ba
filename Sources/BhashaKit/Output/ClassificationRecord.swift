/// One line of `bhasha classify` output.
public enum ClassificationRecord {
  /// The JSON Lines record for a line:
  /// `{"file":"a.txt","line":3,"offset":120,"length":42,"label":"bn","matrix":"bn",
  /// "confidence":0.98,"letters":{"Beng":41,"Latn":0}}`.
  ///
  /// `offset` and `length` are UTF-8 bytes in the input; `length` includes the terminator, so
  /// consecutive records tile the file.
  public static func jsonl(file: String, line: Line, analysis: LineAnalysis) -> String {
    var out = "{\"file\":\(JSONText.quote(file)),\"line\":\(line.number),"
    out += "\"offset\":\(line.offset),\"length\":\(line.byteCount),"
    out += "\"label\":\"\(analysis.label.rawValue)\","
    out += "\"matrix\":" + (analysis.matrix.map { "\"\($0.rawValue)\"" } ?? "null") + ","
    out += "\"confidence\":\(JSONText.number(analysis.confidence)),\"letters\":{"
    out += analysis.letters.map { "\"\($0.script.code)\":\($0.count)" }.joined(separator: ",")
    out += "}}\n"
    return out
  }

  /// The TSV record for a line: file, line number, label, text. Backslash, tab and other control
  /// characters in the file name and text are escaped (`\\`, `\t`, `\x00`), so every record is one
  /// line with four fields; invalid UTF-8 bytes are written as `\xFF`.
  public static func tsv(file: String, line: Line, analysis: LineAnalysis) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(line.content.count + file.utf8.count + 24)
    escapeTSV(Array(file.utf8), into: &out)
    out.append(0x09)
    out.append(contentsOf: "\(line.number)\t\(analysis.label.rawValue)\t".utf8)
    escapeTSV(line.content, into: &out)
    out.append(0x0A)
    return out
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
        let (_, length) = UTF8Decoding.decode(buffer, at: i)
        if length == 0 {
          out.append(contentsOf: [0x5C, 0x78, hex[Int(b >> 4)], hex[Int(b & 15)]])
          i += 1
        } else {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<(i + length)]))
          i += length
        }
      }
    }
  }
}
