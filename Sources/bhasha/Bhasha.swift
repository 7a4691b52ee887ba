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
        bhasha split page.txt -o out && bhasha merge out/page.manifest.jsonl -o page.txt
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
    main(arguments)
  }
}
