import ArgumentParser
import StoreMetrics

/// `--metrics FILE`: the run's results also as a Prometheus text file, for node_exporter's textfile collector.
struct MetricsOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Also write the results as Prometheus metrics to this file, atomically (for node_exporter's textfile "
                + "collector: a .prom file in its directory).", valueName: "file"),
        completion: .file(extensions: ["prom"]))
    var metrics: String?

    /// Fills and writes the file when `--metrics` is given; a file that cannot be written exits 2.
    func write(store: String, _ fill: (MetricsFile) -> Void) throws {
        guard let metrics else { return }
        let file = MetricsFile(path: metrics, store: store)
        fill(file)
        do {
            try file.write()
        } catch {
            throw CommandFailure.unusable("cannot write the metrics file: \(error)")
        }
    }
}
