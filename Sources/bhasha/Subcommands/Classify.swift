import ArgumentParser
@_spi(Stages) import BhashaKit

extension Bhasha {
  /// `bhasha classify`: one record per input line.
  struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Label every line (\(LineLabel.allCases.map(\.rawValue).joined(separator: ", "))), one record per line.",
      discussion: """
        Records come in input order, one per line (empty lines too). JSONL records carry the \
        line's byte offset and length, its label, matrix language, confidence and spans (byte \
        offsets into the line); TSV records are file, line number, label and text.

        Examples:
          bhasha classify news.txt
          bhasha classify --format tsv *.txt | awk -F'\\t' '$3 == "bn"'
          tail -f feed.log | bhasha classify --format tsv
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case jsonl, tsv
    }

    @OptionGroup var input: InputOptions

    @Option(
      help: "Output format: jsonl (one JSON object per line) or tsv (file, line, label, text).")
    var format: Format = .jsonl

    @Option(
      help: ArgumentHelp(
        "Add the next N most likely languages to each span (jsonl), with how far each is behind in log10 units: \"alternatives\":[{\"lang\":\"nl\",\"behind\":1.8},…]. At most 8; needs the model.",
        valueName: "n"))
    var alternatives = 0

    func validate() throws {
      guard alternatives != 0 else { return }
      guard (1...8).contains(alternatives) else {
        throw ValidationError("--alternatives must be 0 to 8")
      }
      if format != .jsonl { throw ValidationError("--alternatives needs --format jsonl") }
      if input.scriptOnly {
        throw ValidationError("--alternatives needs the language model; leave out --script-only")
      }
    }

    func run() throws {
      try runReporting {
        try input.checkInputsReadable()
        var out = StandardOutput()
        let classifier = try input.makeClassifier(alternatives: alternatives)
        for path in input.paths {
          let name = path == "-" ? "stdin" : path
          let quoted = JSONText.quote(RawPath.display(name))
          let streaming = !input.isRegularFile(path)
          try input.forEachLine(
            in: path, classifier: classifier,
            prepare: { line, analysis, _ in
              // Records are formatted on the worker threads too.
              var record: [UInt8] = []
              switch format {
              case .jsonl:
                ClassificationRecord.appendJSONL(
                  to: &record, quotedFile: quoted, line: line, analysis: analysis)
              case .tsv:
                ClassificationRecord.appendTSV(
                  to: &record, file: name, line: line, analysis: analysis)
              }
              return record
            },
            consume: { _, _, record in
              out.buffer.append(contentsOf: record)
              if input.lineBuffered { try out.flush() } else { try out.flushIfFull() }
            },
            // Input that arrives as it is written (a pipe) is answered as it arrives.
            afterBatch: { if streaming { try out.flush() } })
        }
        try out.flush()
      }
    }
  }
}
