/// One line of input with its exact bytes, its terminator and where it was.
///
/// `content` excludes the terminator; `content + terminator.bytes` are the input's bytes.
public struct Line: Sendable, Equatable {
  /// 1-based line number in its input.
  public var number: Int
  /// Byte offset of the line's first byte in its input.
  public var offset: Int
  /// The line's bytes without its terminator; may hold invalid UTF-8 or NUL.
  public var content: [UInt8]
  /// How the line ended.
  public var terminator: LineTerminator

  public init(number: Int, offset: Int, content: [UInt8], terminator: LineTerminator) {
    self.number = number
    self.offset = offset
    self.content = content
    self.terminator = terminator
  }

  /// Bytes of the line in the input, terminator included.
  public var byteCount: Int { content.count + terminator.byteCount }

  /// The line's input bytes: content then terminator.
  public var bytes: [UInt8] { content + terminator.bytes }
}
