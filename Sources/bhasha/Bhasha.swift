import ArgumentParser
@_spi(Stages) import BhashaKit

#if canImport(Glibc)
  import Glibc
#endif

@main
struct Bhasha: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bhasha",
    abstract: "Find, split and count English and Bengali in mixed text.",
    discussion: """
      Every command reads files, several files, or standard input ('-' or no file), and keeps \
      each line's exact bytes and terminator. The language model is found beside the \
      executable, in ../share/bhasha/ from it, or through BHASHA_MODEL.

      Errors are one line on stderr starting 'bhasha:' and a sysexits code (64 usage, 65 bad \
      data, 66 no input, 69 no model, 73 cannot create, 74 I/O; 'man bhasha' lists them).

      Examples:
        bhasha classify --format tsv news.txt
        bhasha split page.txt -o out
        bhasha merge out/page.manifest.jsonl -o back.txt
        bhasha stats --per-file archive/*.txt

      Shell completion: bhasha --generate-completion-script bash > /etc/bash_completion.d/bhasha \
      (or zsh, fish).
      """,
    version: BhashaKit.version,
    subcommands: [Classify.self, Split.self, Merge.self, Stats.self, TransliterateCommand.self])

  static func main() {
    // A closed pipe must surface as EPIPE from write(2), not kill us: StandardOutput then
    // exits quietly with status 0, like coreutils.
    signal(SIGPIPE, SIG_IGN)
    SignalCleanup.install()
    PeakMemory.installIfAsked()
    // Paths are taken from argv's raw bytes: a file name that is not UTF-8 still opens.
    let arguments = RawPath.arguments()
    if arguments == ["--version"] {
      // The tool, the model and ICU; the model is read only when asked.
      StandardOutput.print(BhashaKit.versionReport())
      Glibc.exit(0)
    }
    if let message = CommandSuggestion.message(for: arguments) {
      StandardOutput.error(message)
      Glibc.exit(64)
    }
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch {
      exit(reporting: error, arguments: arguments)
    }
    Glibc.exit(0)
  }

  /// Ends the process for `error`: help, `--version` and the codes of ``runReporting(_:)``
  /// (whose line is already printed) as argument-parser ends them; usage and other errors as
  /// one line, `bhasha: MESSAGE (see 'bhasha COMMAND --help')`, with argument-parser's code
  /// (64 for usage).
  static func exit(reporting error: Error, arguments: [String]) -> Never {
    let code = exitCode(for: error)
    if error is ExitCode || code == .success { exit(withError: error) }
    let first = message(for: error).split(separator: "\n").first.map(String.init) ?? ""
    var text = first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first
    if text.isEmpty { text = "invalid arguments" }
    let command = arguments.first.flatMap { CommandSuggestion.commands.contains($0) ? $0 : nil }
    let help = command.map { "bhasha \($0) --help" } ?? "bhasha --help"
    StandardOutput.error("bhasha: \(text.lowercasedFirst) (see '\(help)')")
    Glibc.exit(code.rawValue)
  }
}
