import ArgumentParser

/// `store-bench`: measures ollama-scan against the tools users would otherwise run, side by side.
@main
struct StoreBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-bench",
        abstract: "Benchmarks for ollama-scan, measured as ratios against peer tools in the same run.",
        subcommands: [GenerateCommand.self, RunCommand.self, VerifyBenchmark.self])
}
