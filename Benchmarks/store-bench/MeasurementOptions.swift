import ArgumentParser
import Foundation

/// The options every measuring command shares: runs, jobs, the binary under test and the Markdown output.
struct MeasurementOptions: ParsableArguments {
    @Option(help: "Measured runs per figure (at least 5 for a median worth stating).")
    var runs = 5

    @Option(
        name: .shortAndLong, help: "Parallel jobs for the parallel figures (default: the number of active processors).")
    var jobs: Int?

    @Option(help: "The ollama-scan binary (default: the one built beside store-bench).")
    var ollamaScan: String?

    @Option(help: "Also write the table as Markdown to this file.")
    var markdown: String?

    func validate() throws {
        if runs < 1 { throw ValidationError("--runs must be at least 1.") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    }

    /// The parallel job count.
    var parallel: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    /// The `ollama-scan` binary, which must be built.
    func binary() throws -> String {
        let binary =
            ollamaScan
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("ollama-scan").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchmarkError("\(binary) is not built; run: swift build -c release")
        }
        return binary
    }

    /// Writes `report` to `--markdown` when it was given.
    func writeMarkdown(_ report: String) throws {
        if let markdown { try report.write(toFile: markdown, atomically: true, encoding: .utf8) }
    }
}
