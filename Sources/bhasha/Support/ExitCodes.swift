import ArgumentParser
@_spi(Stages) import BhashaKit

/// Runs a subcommand's work and maps its errors to one `bhasha:` line on stderr and a sysexits
/// code (64 usage, 65 data, 66 no input, 73 cannot create, 74 I/O); a closed stdout exits 0.
func runReporting(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as BhashaError {
    StandardOutput.error("bhasha: \(error.description)")
    throw ExitCode(error.exitCode)
  } catch is StandardOutput.Closed {
    throw ExitCode.success
  } catch let error as ICUError {
    StandardOutput.error("bhasha: \(error.description)")
    throw ExitCode(70)
  }
}
