import FileIO
import Prometheus

/// A metrics file for node_exporter's textfile collector: the Prometheus text exposition format (written by
/// swift-prometheus), replaced atomically so that the collector never reads half a file. The temporary name
/// (`.<name>.ollama-scan-<pid>.tmp`) does not end in `.prom`, so the collector never reads it either.
public struct MetricsFile {
    public let path: String
    let registry = PrometheusCollectorRegistry()
    /// Every metric carries the store it describes, so that one machine's several stores stay apart.
    let storeLabel: (String, String)

    public init(path: String, store: String) {
        self.path = path
        storeLabel = ("store", store)
    }

    /// Sets a gauge; `labels` come after the store's.
    func gauge(_ name: String, _ value: Double, labels: [(String, String)] = [], help: String) {
        let descriptor = MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
        registry.makeGauge(descriptor: descriptor, labels: [storeLabel] + labels).set(value)
    }

    func gauge(_ name: String, _ value: Int64, labels: [(String, String)] = [], help: String) {
        gauge(name, Double(value), labels: labels, help: help)
    }

    /// The text as it will be written.
    public var text: String { registry.emitToString() }

    /// Writes the file atomically.
    public func write() throws(FileIOError) {
        try AtomicFile.write(Array(text.utf8), to: path)
    }

    /// The value of a sample without labels other than `store` in the file as it is now, if any: what a
    /// failed run keeps of the last successful one.
    func previousValue(of name: String) -> Double? {
        guard let bytes = try? ReadOnlyFile.contents(ofFile: path, limit: 64 << 20) else { return nil }
        let prefix = "\(name){"
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix(prefix) {
            guard let value = line.split(separator: " ").last.flatMap({ Double($0) }) else { continue }
            return value
        }
        return nil
    }
}
