import ArgumentParser
import BhashaKit

extension Bhasha {
  /// `bhasha classify`: one record per input line.
  struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Label every line (en, bn, other, neutral, mixed), one record per line.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case jsonl, tsv
    }

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: jsonl (one JSON object per line) or tsv (file, line, label, text).")
    var format: Format = .jsonl

    func run() throws {
      try runReporting {
        try input.checkInputsReadable()
        let out = StandardOutput()
        let classifier = LineClassifier()
        for path in input.paths {
          let name = path == "-" ? "stdin" : path
          try input.forEachLine(in: path, classifier: classifier) { line, analysis in
            switch format {
            case .jsonl:
              try out.write(ClassificationRecord.jsonl(file: name, line: line, analysis: analysis))
            case .tsv:
              try out.write(bytes: ClassificationRecord.tsv(file: name, line: line, analysis: analysis))
            }
          }
        }
        try out.flush()
      }
    }
  }
}
