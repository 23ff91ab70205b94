import Foundation

/// The figures of one benchmark run, and their rendering as a Markdown table with ratios.
struct ResultTable {
    /// What a rate counts.
    enum Unit: String {
        case bytes
        case manifests
        case layers

        /// "median (min–max) unit", scaled by the median: GB/s from 1 GB/s up, MB/s below.
        func format(_ sample: Sample) -> String {
            let (scale, format, label): (Double, String, String)
            switch self {
            case .bytes: (scale, format, label) = sample.median >= 1e9 ? (1e9, "%.2f", "GB/s") : (1e6, "%.1f", "MB/s")
            case .manifests: (scale, format, label) = (1e3, "%.1fk", "manifests/s")
            case .layers: (scale, format, label) = (1e3, "%.1fk", "layers/s")
            }
            let f = { String(format: format, $0 / scale) }
            return "\(f(sample.median)) (\(f(sample.min))–\(f(sample.max))) \(label)"
        }
    }

    struct Row {
        var name: String
        /// Wall seconds per run; nil for a ceiling that reports a rate directly.
        var seconds: Sample?
        /// Bytes (or manifests) per second per run.
        var rate: Sample
        var unit = Unit.bytes
        var peakRSS: Int64?
    }

    let runs: Int
    private(set) var rows: [Row] = []

    init(runs: Int) { self.runs = runs }

    /// Runs each command once unmeasured, then `runs` times interleaved (so drift in a noisy machine hits
    /// every command alike), and records wall time, rate and peak RSS.
    /// - Parameter beforeEachRun: called before every run, the warm-up included (the cold-cache eviction).
    /// - Parameter unit: what each command's `bytes` counts.
    mutating func measure(
        _ commands: [(name: String, arguments: [String], bytes: Int64)], unit: Unit = .bytes,
        beforeEachRun: (() throws -> Void)? = nil
    ) throws {
        for command in commands {
            try beforeEachRun?()
            _ = try check(ChildProcess.run(command.arguments), command.name)
        }
        var times = [[Double]](repeating: [], count: commands.count)
        var rss = [Int64?](repeating: nil, count: commands.count)
        for _ in 0..<runs {
            for (i, command) in commands.enumerated() {
                try beforeEachRun?()
                let result = try check(ChildProcess.run(command.arguments), command.name)
                times[i].append(result.seconds)
                if let peak = result.peakRSS { rss[i] = max(rss[i] ?? 0, peak) }
            }
        }
        for (i, command) in commands.enumerated() {
            rows.append(
                Row(
                    name: command.name, seconds: Sample(times[i]),
                    rate: Sample(times[i].map { Double(command.bytes) / $0 }),
                    unit: unit, peakRSS: rss[i]))
            print("  \(command.name): median \(String(format: "%.3f", Sample(times[i]).median)) s")
        }
    }

    /// A figure measured by the caller (rates in bytes per second).
    mutating func add(_ name: String, rates: [Double]) {
        rows.append(Row(name: name, seconds: nil, rate: Sample(rates), peakRSS: nil))
    }

    /// The rows as JSON for `--json`.
    func jsonRows() -> [[String: Any]] {
        rows.map { row in
            var object: [String: Any] = [
                "name": row.name, "unit": row.unit.rawValue, "rate_median": row.rate.median, "rate_min": row.rate.min,
                "rate_max": row.rate.max,
            ]
            if let seconds = row.seconds {
                object["seconds_median"] = seconds.median
                object["seconds_min"] = seconds.min
                object["seconds_max"] = seconds.max
            }
            if let rss = row.peakRSS { object["peak_rss_bytes"] = rss }
            return object
        }
    }

    /// `openssl speed` on `processes` processes, `runs` times; left out, with a line saying so, where the
    /// `openssl` on `PATH` cannot measure it so (macOS's LibreSSL has no `-bytes` or `-mr`).
    mutating func measureCeiling(processes: Int) throws {
        let name = processes > 1 ? "openssl speed -multi \(processes)" : "openssl speed"
        let rates: [Double]
        do {
            rates = try (0..<runs).map { _ in try OpenSSLSpeed.measure(processes: processes) }
        } catch {
            print("  \(name): not measured (\(error)); install OpenSSL 3 for the hashing ceiling")
            return
        }
        rows.append(Row(name: name, seconds: nil, rate: Sample(rates), peakRSS: nil))
        print("  \(name): median \(String(format: "%.2f", Sample(rates).median / 1e9)) GB/s")
    }

    private func check(_ result: ChildProcess.Result, _ name: String) throws -> ChildProcess.Result {
        guard result.status == 0 else { throw BenchmarkError("\(name) exited with \(result.status)") }
        return result
    }

    func row(_ name: String) -> Row? { rows.first { $0.name == name } }

    /// How a command's median time grows per tenfold input between two rows of `inputs` and `base` items:
    /// `(t / t_base)^(1 / log10(inputs / base))`, 10 when the time is linear in the input, 100 when quadratic.
    func growthPerTenfold(_ growth: Growth) -> Double? {
        guard let large = row(growth.large)?.seconds, let small = row(growth.small)?.seconds,
            growth.inputs > growth.base, small.median > 0
        else { return nil }
        return pow(large.median / small.median, 1 / log10(Double(growth.inputs) / Double(growth.base)))
    }

    /// Two rows of one command at two input sizes, and the largest growth per tenfold input accepted.
    struct Growth {
        var large: String
        var small: String
        var inputs: Int
        var base: Int
        var limit: Double
    }

    /// The figures, then each ratio `a / b` of median rates with its target when there is one, then each
    /// growth per tenfold input, then the peak memory check.
    func render(ratios: [(String, String, Double?)], growths: [Growth] = [], rssLimits: [(String, Int64)]) -> String {
        func s(_ v: Double) -> String { String(format: "%.3f", v) }
        var lines = [
            "| figure | median s | min s | max s | rate median (min–max) | peak RSS |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for row in rows {
            let seconds = row.seconds.map { [s($0.median), s($0.min), s($0.max)] } ?? ["–", "–", "–"]
            let rss = row.peakRSS.map { String(format: "%.1f MiB", Double($0) / 1_048_576) } ?? "–"
            lines.append(
                "| \(row.name) | \(seconds.joined(separator: " | ")) | \(row.unit.format(row.rate)) | \(rss) |")
        }
        lines += ["", "| ratio (median rates) | value | target |", "|---|---:|---|"]
        for (a, b, target) in ratios {
            guard let ra = row(a), let rb = row(b) else { continue }
            let value = ra.rate.median / rb.rate.median
            let verdict =
                target.map {
                    value >= $0 ? "≥ \(String(format: "%.2f", $0)): met" : "≥ \(String(format: "%.2f", $0)): MISSED"
                } ?? ""
            // Small ratios (a run that reads nothing against one that reads everything) keep three decimals.
            lines.append("| \(a) / \(b) | \(String(format: value < 0.1 ? "%.3f" : "%.2f", value)) | \(verdict) |")
        }
        if !growths.isEmpty {
            lines += ["", "| time growth per tenfold input (median times) | value | target |", "|---|---:|---|"]
            for growth in growths {
                guard let value = growthPerTenfold(growth) else { continue }
                let met = value <= growth.limit ? "met" : "MISSED"
                let limit = String(format: "%.1f", growth.limit)
                lines.append(
                    "| \(growth.large) / \(growth.small) | \(String(format: "%.1f", value)) | ≤ \(limit) (linear: 10): \(met) |"
                )
            }
        }
        if ChildProcess.gnuTime == nil {
            lines.append("| peak RSS | not measured: install GNU time (apt-get install time) | |")
        }
        for (name, limit) in rssLimits {
            guard let row = row(name), let peak = row.peakRSS else { continue }
            let met = peak <= limit ? "met" : "MISSED"
            lines.append(
                "| peak RSS of \(name) | \(String(format: "%.1f MiB", Double(peak) / 1_048_576)) | ≤ \(limit >> 20) MiB: \(met) |"
            )
        }
        return lines.joined(separator: "\n")
    }
}
