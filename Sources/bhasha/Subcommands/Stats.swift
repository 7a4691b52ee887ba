import ArgumentParser
@_spi(Stages) import BhashaKit

extension Bhasha {
  /// `bhasha stats`: lines, words, graphemes, code points and bytes per label.
  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Count lines, words, characters and bytes per language label.",
      discussion: """
        Lines count once each, to their line label (mixed included). Everything else counts \
        per span, to the span's language: English words inside Bengali lines count as English. \
        Bytes include line terminators, so the labels' bytes add up to the input size. With \
        --merge the inputs are JSON reports of earlier runs (shards), summed exactly into one \
        report; reports are checked (counts that add up, no overflow) before they are summed. \
        A report is one line, so --max-line-bytes (default 16 MiB, about 30,000 files of a \
        --per-file report) is the longest report read; raise it for larger ones.

        Examples:
          bhasha stats archive/*.txt
          bhasha stats --per-file --format csv a.txt b.txt > counts.csv
          bhasha stats --format json part1.txt > p1.json
          bhasha stats --merge p1.json p2.json
          bhasha stats --chart composition.svg Corpora/*.txt
        """)

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: table, json, csv or markdown.")
    var format: StatsFormat = .table

    @Flag(help: "Add a block per input file.")
    var perFile = false

    @Flag(help: "Treat the inputs as 'stats --format json' reports and sum them.")
    var merge = false

    @Flag(
      help:
        "Replace an existing --chart file; with --merge, also sum reports made with different models or settings."
    )
    var force = false

    @Option(
      help:
        "Also draw the composition as an SVG bar chart into this file (never one of the inputs; an existing file only with --force)."
    )
    var chart: String?

    @Option(help: "What the chart's bars measure: bytes or words.")
    var chartBy: ChartMeasure = .bytes

    func validate() throws {
      if merge && input.files.isEmpty {
        throw ValidationError("--merge needs the JSON reports to merge as arguments")
      }
    }

    func run() throws {
      try runReporting {
        try input.checkInputsReadable()
        // Checked before counting, and again as the chart is put in place (without --force,
        // a file that appeared meanwhile is not replaced).
        if let chart { try FileIdentity.checkOutput(chart, inputs: input.paths, force: force) }
        let report = merge ? try merged() : try counted()
        if let chart {
          let writer = try AtomicFileWriter(path: chart)
          try writer.write(Array(report.svgChart(by: chartBy, perFile: perFile).utf8))
          try writer.commit(replace: force)
        }
        var out = StandardOutput()
        try out.write(report.rendered(format, perFile: perFile))
        try out.flush()
      }
    }

    private func counted() throws -> StatsReport {
      let classifier = try input.makeClassifier()
      // One set of ICU break iterators per worker thread.
      let measurers = try (0..<input.workerSlots).map { _ in try TextMeasurer() }
      var report = StatsReport()
      report.tool = BhashaKit.version
      report.model = BhashaKit.modelID(scriptOnly: input.scriptOnly)
      for path in input.paths {
        let stats = try StatsAccumulator(measurer: measurers[0])
        try input.forEachLine(
          in: path, classifier: classifier,
          prepare: { line, analysis, worker in
            StatsAccumulator.contribution(of: line, analysis, measurer: measurers[worker])
          },
          consume: { _, _, contribution in stats.add(contribution) }, afterBatch: {})
        report.add(file: path == "-" ? "stdin" : RawPath.display(path), stats.block)
      }
      return report
    }

    private func merged() throws -> StatsReport {
      var reports: [StatsReport] = []
      var names: [String] = []
      for path in input.paths {
        var bytes: [UInt8] = []
        // A report is one line, read whole and decoded in memory (about 7 times its size at
        // the peak): --max-line-bytes bounds it, as it bounds every line.
        try LineReader(path: path, maxLineBytes: input.maxLineBytes).forEachLine {
          bytes += $0.bytes
        }
        let name = path == "-" ? "stdin" : RawPath.display(path)
        reports.append(try StatsReport.decode(bytes, file: name))
        names.append(name)
      }
      return try StatsReport.merge(reports, names: names, force: force)
    }
  }
}

extension StatsFormat: ExpressibleByArgument {}
extension ChartMeasure: ExpressibleByArgument {}
extension MixedMode: ExpressibleByArgument {}
