import CICUShims

/// A failed ICU call, with ICU's name for its status code (`U_ILLEGAL_ARGUMENT_ERROR`).
public struct ICUError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The raw UErrorCode value.
  public let status: Int32
  /// What was being done when ICU failed.
  public let operation: String

  public init(status: Int32, operation: String) {
    self.status = status
    self.operation = operation
  }

  /// ICU's name for ``status``.
  public var name: String { String(cString: cicu_error_name(status)) }

  public var description: String { "ICU \(operation) failed: \(name)" }

  /// ICU's status values above zero are errors; zero and below are success or warnings.
  static func check(_ status: Int32, _ operation: String) throws(ICUError) {
    if status > 0 { throw ICUError(status: status, operation: operation) }
  }

  /// `U_BUFFER_OVERFLOW_ERROR`, returned by preflighting calls.
  static let bufferOverflow: Int32 = 15
}

/// The version of the ICU library Bhasha runs on, e.g. "72.1".
public var icuVersion: String { String(cString: cicu_version()) }
