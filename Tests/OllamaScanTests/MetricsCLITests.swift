import FixtureKit
import Foundation
import OrderedJSON
import Testing

/// `--metrics FILE` on verify and du: the files parse with Prometheus' own text-format parser
/// (`prometheus_client`), and their values are the JSON reports' of the same runs.
@Suite(.enabled(if: PythonTools.has(["prometheus_client"]), "needs prometheus_client: run .ci/run"))
struct MetricsCLITests {
    /// Every sample of the file as `name{label=value,…}` → value, labels sorted, the store label left out.
    static func samples(_ path: String) throws -> [String: Double] {
        let script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = {}
            for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                for s in family.samples:
                    labels = ",".join(f"{k}={v}" for k, v in sorted(s.labels.items()) if k != "store")
                    out[f"{s.name}{{{labels}}}"] = s.value
            print(json.dumps(out))
            """
        let result = try PythonTools.run(script, arguments: [path])
        #expect(result.code == 0, "prometheus_client refused \(path): \(result.err)")
        let object = try JSONReader.parse(result.out).objectValue ?? JSONObject()
        return Dictionary(uniqueKeysWithValues: object.members.map { ($0.key, $0.value.doubleValue ?? .nan) })
    }

    @Test func verifyMetricsAreTheReportsCounts() throws {
        let store = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        let metrics = try TemporaryDirectory()
        let file = metrics.file("ollama.prom")
        let run = try runCLI(["verify", "--store", store.path, "--json", "--metrics", file])
        #expect(run.code == 1)  // the bundled store has a missing blob
        let report = try JSONReader.parse(run.out)
        let samples = try Self.samples(file)
        for status in ["ok", "mismatch", "missing", "size_mismatch", "unreadable", "changed"] {
            #expect(
                samples["ollama_scan_verify_blobs{status=\(status)}"]
                    == report["counts"]?[status]?.doubleValue, "\(status)")
        }
        #expect(samples["ollama_scan_verify_orphan_blobs{}"] == report["counts"]?["orphans"]?.doubleValue)
        #expect(samples["ollama_scan_verify_partial_downloads{}"] == report["counts"]?["partials"]?.doubleValue)
        #expect(samples["ollama_scan_verify_hashed_bytes{}"] == report["bytes_hashed"]?.doubleValue)
        #expect(samples["ollama_scan_verify_cached_blobs{}"] == report["cached_blobs"]?.doubleValue)
        #expect(samples["ollama_scan_verify_duration_seconds{}"] == report["seconds"]?.doubleValue)
        #expect(samples["ollama_scan_verify_success{}"] == 0)
        #expect(samples["ollama_scan_verify_last_success_timestamp_seconds{}"] == nil)
        for model in report["models"]?.arrayValue ?? [] {
            let name = model["name"]?.stringValue ?? ""
            let status = model["status"]?.stringValue ?? ""
            #expect(samples["ollama_scan_model_verify_status{model=\(name),status=\(status)}"] == 1, "\(name)")
        }
        // Nothing but the file itself is left in the folder (the temporary name was renamed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: metrics.path) == ["ollama.prom"])
    }

    /// A passing run records its time as the last success; a failing run after it keeps that time.
    @Test func aFailedRunKeepsTheLastSuccess() throws {
        let store = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        let metrics = try TemporaryDirectory()
        let file = metrics.file("ollama.prom")
        let passing = try runCLI(["verify", "smollm2:135m", "--store", store.path, "-q", "--metrics", file])
        #expect(passing.code == 0)
        let first = try Self.samples(file)
        #expect(first["ollama_scan_verify_success{}"] == 1)
        let lastSuccess = try #require(first["ollama_scan_verify_last_success_timestamp_seconds{}"])
        #expect(lastSuccess == first["ollama_scan_verify_timestamp_seconds{}"])

        let failing = try runCLI(["verify", "--store", store.path, "-q", "--metrics", file])
        #expect(failing.code == 1)
        let second = try Self.samples(file)
        #expect(second["ollama_scan_verify_success{}"] == 0)
        #expect(second["ollama_scan_verify_last_success_timestamp_seconds{}"] == lastSuccess)
        #expect((second["ollama_scan_verify_timestamp_seconds{}"] ?? 0) >= lastSuccess)
    }

    @Test func duMetricsAreTheReportsSizes() throws {
        let metrics = try TemporaryDirectory()
        let file = metrics.file("du.prom")
        let run = try runCLI(["du", "--store", Repo.fixtureStore, "--json", "--metrics", file])
        #expect(run.code == 0)
        let report = try JSONReader.parse(run.out)
        let samples = try Self.samples(file)
        let models = report["models"]?.arrayValue ?? []
        #expect(samples["ollama_scan_store_models{}"] == Double(models.count))
        for model in models {
            let name = model["name"]?.stringValue ?? ""
            for (metric, key) in [
                ("declared", "size"), ("unique", "unique_bytes"), ("shared", "shared_bytes"),
                ("exclusive", "exclusive_bytes"),
            ] {
                #expect(
                    samples["ollama_scan_model_\(metric)_bytes{model=\(name)}"] == model[key]?.doubleValue,
                    "\(name) \(metric)")
            }
        }
        for key in ["referenced", "orphan", "partial", "temporary", "foreign", "manifest"] {
            #expect(samples["ollama_scan_store_\(key)_bytes{}"] == report["totals"]?["\(key)_bytes"]?.doubleValue)
        }
    }

    @Test func anUnwritableFileExitsTwoWithOneLine() throws {
        let run = try runCLI(["du", "--store", Repo.fixtureStore, "--metrics", "/nonexistent/folder/du.prom"])
        #expect(run.code == 2)
        #expect(run.err.contains("cannot write the metrics file") && run.err.contains("/nonexistent/folder"))
    }
}
