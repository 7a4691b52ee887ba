import ArgumentParser
@_spi(Stages) import BhashaKit

extension Bhasha {
  /// `bhasha transliterate`: ICU transliteration of each line (used to build the romanized
  /// Bengali model, and as a stand-in for translation in tests and examples).
  struct TransliterateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "transliterate",
      abstract:
        "Transliterate each line with an ICU transform (default Bengali-Latin; Latin-ASCII).",
      shouldDisplay: false)

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("id"), help: "ICU transform id, e.g. 'Bengali-Latin; Latin-ASCII'.")
    var transform: String = "Bengali-Latin; Latin-ASCII"

    func run() throws {
      try runReporting {
        try input.checkInputsReadable()
        let translit: Transliterator
        do {
          translit = try Transliterator(transform)
        } catch {
          throw BhashaError.usage(
            "unknown ICU transform '\(transform)' (\((error as? ICUError)?.name ?? "\(error)"))")
        }
        var out = StandardOutput()
        for path in input.paths {
          try LineReader(path: path, maxLineBytes: input.maxLineBytes).forEachLine { line in
            out.buffer.append(contentsOf: try translit.transliterate(line.content))
            out.buffer.append(contentsOf: line.terminator.bytes)
            try out.flushIfFull()
          }
        }
        try out.flush()
      }
    }
  }
}
