/// Finds HTML markup in lines, carrying its state from line to line: tags (`<div class="x">`,
/// `</p>`), comments, `<!DOCTYPE …>`, and the bodies of `<script>` and `<style>` with their
/// tags. For `--markup html`: markup is a neutral unit for classification (the text between
/// tags is classified as usual) and stays in the manifest when splitting, so `merge` rebuilds
/// the page byte for byte with translated text in place.
///
///     var scanner = MarkupScanner()
///     scanner.markup(in: Array("<p class=\"x\">আমি ভালো আছি</p>".utf8))   // [0..<13, 47..<51]
///
/// Character references (`&amp;`, `&nbsp;`, `&#2453;`) are found by ``characterReferences(in:)``:
/// neutral for classification, but kept in the text sent to translation. Not a full HTML
/// parser: a `<` not followed by a letter, `/`, `!` or `?` is text (`a < b`).
@_spi(Stages) public struct MarkupScanner: Sendable {
  enum State: Sendable, Equatable {
    case text
    /// Inside a tag; the quote that is open in an attribute value, if any. `rawText` names
    /// the element whose body follows the tag (`script`, `style`).
    case tag(quote: UInt8?, rawText: [UInt8]?)
    case comment
    /// Inside the body of `script` or `style`, up to its closing tag.
    case rawText([UInt8])
  }

  private var state: State = .text

  public init() {}

  /// The byte ranges of markup in `content`, sorted and disjoint.
  ///
  /// - Complexity: O(n) in the line's bytes.
  public mutating func markup(in content: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start: Int? = state == .text ? nil : 0
    var i = 0
    let n = content.count
    func close(at end: Int) {
      if let s = start, s < end { ranges.append(s..<end) }
      start = nil
    }
    while i < n {
      switch state {
      case .text:
        guard content[i] == 0x3C, i + 1 < n else {
          i += 1
          continue
        }
        let next = content[i + 1]
        if next == 0x21, content[(i + 1)...].starts(with: Array("!--".utf8)) {
          start = i
          state = .comment
          i += 4
        } else if Self.isLetter(next) || next == 0x2F || next == 0x21 || next == 0x3F {
          start = i
          let name = Self.tagName(content, from: i + 1)
          let raw = (name == Array("script".utf8) || name == Array("style".utf8)) ? name : nil
          state = .tag(quote: nil, rawText: raw)
          i += 1
        } else {
          i += 1
        }
      case .tag(let quote, let raw):
        let b = content[i]
        if let quote {
          if b == quote { state = .tag(quote: nil, rawText: raw) }
        } else if b == 0x22 || b == 0x27 {
          state = .tag(quote: b, rawText: raw)
        } else if b == 0x3E {
          // A self-closing <script … /> has no body.
          let selfClosing = i > 0 && content[i - 1] == 0x2F
          if let raw, !selfClosing {
            state = .rawText(raw)
          } else {
            state = .text
            close(at: i + 1)
          }
        }
        i += 1
      case .comment:
        if content[i] == 0x2D, content[i...].starts(with: Array("-->".utf8)) {
          state = .text
          i += 3
          close(at: i)
        } else {
          i += 1
        }
      case .rawText(let name):
        // The body ends at "</name" (any case); that closing tag is markup too.
        if content[i] == 0x3C, i + 1 < n, content[i + 1] == 0x2F,
          Self.tagName(content, from: i + 2) == name
        {
          state = .tag(quote: nil, rawText: nil)
          i += 2
        } else {
          i += 1
        }
      }
    }
    if let s = start, s < n { ranges.append(s..<n) }
    return ranges
  }

  /// The byte ranges of character references (`&amp;`, `&nbsp;`, `&#2453;`, `&#x9A4;`) in
  /// `content` outside `markup`.
  public static func characterReferences(in content: [UInt8], outside markup: [Range<Int>])
    -> [Range<Int>]
  {
    var out: [Range<Int>] = []
    var m = 0
    var i = 0
    while i < content.count {
      while m < markup.count, markup[m].upperBound <= i { m += 1 }
      if m < markup.count, markup[m].contains(i) {
        i = markup[m].upperBound
        continue
      }
      guard content[i] == 0x26 else {
        i += 1
        continue
      }
      var j = i + 1
      if j < content.count, content[j] == 0x23 {
        j += 1
        if j < content.count, content[j] | 0x20 == 0x78 { j += 1 }
      }
      let bodyStart = j
      while j < content.count, j - bodyStart < 32,
        Self.isLetter(content[j]) || Self.isDigit(content[j])
      {
        j += 1
      }
      if j > bodyStart, j < content.count, content[j] == 0x3B {
        out.append(i..<(j + 1))
        i = j + 1
      } else {
        i += 1
      }
    }
    return out
  }

  /// The lowercased ASCII tag name at `from` (letters and digits).
  static func tagName(_ content: [UInt8], from: Int) -> [UInt8] {
    var name: [UInt8] = []
    var j = from
    while j < content.count, Self.isLetter(content[j]) || Self.isDigit(content[j]), name.count < 16
    {
      name.append(content[j] | 0x20)
      j += 1
    }
    return name
  }

  static func isLetter(_ b: UInt8) -> Bool {
    (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
  }
  static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
}
