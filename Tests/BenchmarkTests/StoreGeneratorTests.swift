import FixtureKit
import Foundation
import OllamaStore
import Testing
import Verification

@Suite struct ByteCountTests {
    @Test func sizes() {
        #expect(
            ByteCount.parse("8GiB") == 8 << 30 && ByteCount.parse("8g") == 8 << 30
                && ByteCount.parse("8GB") == 8_000_000_000)
        #expect(
            ByteCount.parse("512MiB") == 512 << 20 && ByteCount.parse("1.5k") == 1536 && ByteCount.parse(" 100 ") == 100
        )
        #expect(ByteCount.parse("2 TB") == 2_000_000_000_000 && ByteCount.parse("7b") == 7)
        for bad in ["", "GiB", "-1", "x", "1e30", "nan", "inf"] { #expect(ByteCount.parse(bad) == nil, "\(bad)") }
    }
}

@Suite struct StoreGeneratorTests {
    static func options() -> StoreGenerator.Options {
        var options = StoreGenerator.Options(models: 12, totalSize: 24 << 20, sharedFraction: 0.25, seed: "test")
        options.realisticHeaderThreshold = 4 << 20
        options.vocabularySize = 20_000
        return options
    }

    @Test func writesAValidStore() throws {
        let dir = try TemporaryDirectory()
        let summary = try StoreGenerator(options: Self.options()).write(to: dir.url)
        #expect(summary.manifests == 12)
        let scan = try StoreScanner(root: StoreRoot(path: dir.path)).scan()
        #expect(scan.warnings.isEmpty && scan.models.count == 12)
        // Every manifest parses, every model's GGUF header reads, with no problem.
        for model in scan.models {
            #expect(model.status == .ok, "\(model.displayName): \(model.problems)")
            #expect(model.ggufHeader?.problems.isEmpty == true)
        }
        #expect(Set(scan.models.map(\.name.host)) == ["registry.ollama.ai", "hf.co"])
        #expect(scan.models.contains { $0.name.namespace != "library" && $0.name.host == "registry.ollama.ai" })
        #expect(scan.models.contains { !$0.projectorBlobs.isEmpty })
        // Derived models share their base's blob; templates, licenses and params are shared.
        #expect(Set(scan.models.compactMap(\.modelBlob)).count == 9)
        // The large blobs carry realistic headers: a full tokenizer and 291 tensors.
        let large = try #require(scan.models.compactMap(\.ggufHeader).max { $0.dataOffset < $1.dataOffset })
        #expect(large.tensors.count == 291 && large.dataOffset > 400_000)
        // Every blob's digest is its name.
        let report = try StoreVerifier(scan: scan, options: VerifyOptions(workerCount: 2)).verify()
        #expect(report.passed() && report.counts.ok == report.blobs.count && report.leftovers.isEmpty)
        #expect(summary.modelBlobBytes > 20 << 20 && summary.modelBlobBytes < 40 << 20)
    }

    @Test func isDeterministicForASeed() throws {
        let a = try TemporaryDirectory(), b = try TemporaryDirectory()
        _ = try StoreGenerator(options: Self.options()).write(to: a.url)
        _ = try StoreGenerator(options: Self.options()).write(to: b.url)
        func listing(_ dir: TemporaryDirectory) throws -> [String] {
            let manifests = FileManager.default.enumerator(atPath: dir.path + "/manifests")!.compactMap {
                $0 as? String
            }
            .map { path -> String in
                let bytes = (try? Data(contentsOf: URL(fileURLWithPath: dir.path + "/manifests/" + path))) ?? Data()
                return "\(path) \(bytes.count) \(bytes.hashValue)"
            }
            return (try FileManager.default.contentsOfDirectory(atPath: dir.path + "/blobs")).sorted()
                + manifests.sorted()
        }
        #expect(try listing(a) == listing(b))
        var other = Self.options()
        other.seed = "another"
        let c = try TemporaryDirectory()
        _ = try StoreGenerator(options: other).write(to: c.url)
        #expect(try listing(c) != listing(a))
    }
}

@Suite struct HarnessEndToEndTests {
    /// A tiny run of the whole harness: every measurement, one run, a few MB.
    @Test func tinyRun() throws {
        let dir = try TemporaryDirectory()
        let storePath = dir.path + "/store"
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = BuiltProducts.executable(named: "store-bench")
            process.arguments = arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let generated = try run(["generate", "--out", storePath, "--models", "6", "--total-size", "3MiB"])
        #expect(generated.0 == 0 && generated.1.hasPrefix("wrote "))
        let measured = try run([
            "run", "--store", storePath, "--runs", "1", "--scan-sizes", "20,200", "--layer-sizes", "20,200", "--json",
            dir.path + "/r.json", "--markdown", dir.path + "/r.md",
        ])
        #expect(measured.0 == 0)
        for figure in [
            "ollama-scan models --json", "ollama-scan gguf --json (every model blob)", "ollama-scan verify --jobs 1",
            "openssl speed", "ollama-scan verify --incremental", "ollama-scan export", "cp and sync of its blob",
            "ollama-scan import --hash",
        ] {
            #expect(measured.1.contains("| \(figure)"), "\(figure)")
        }
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/r.json")))
            as? [String: Any]
        #expect((json?["figures"] as? [Any])?.isEmpty == false && (json?["ratios"] as? [Any])?.isEmpty == false)
        let markdown = try String(contentsOfFile: dir.path + "/r.md", encoding: .utf8)
        #expect(
            markdown.hasPrefix("Machine: ") && markdown.contains("\n| figure |")
                && markdown.contains("| ratio (median rates) |"))
        // The largest model alone, and the scan rates in manifests per second.
        #expect(measured.1.contains("--jobs 1 | ") && measured.1.contains("manifests/s"))
        // The scaling rows: import of many models, du and verify of one model with many layers, and how each
        // one's time grows per tenfold input.
        for figure in [
            "ollama-scan import --dry-run (200 manifests)", "ollama-scan du (one model, 200 layers)",
            "ollama-scan verify --jobs \(ProcessInfo.processInfo.activeProcessorCount) (one model, 200 layers)",
        ] {
            #expect(measured.1.contains("| \(figure)"), "\(figure)")
        }
        #expect(
            measured.1.contains("layers/s") && measured.1.contains("| time growth per tenfold input (median times) |"))
        // (Import's growth is measured from 1,000 manifests up, where start-up no longer dominates.)
        #expect(
            measured.1.contains("| ollama-scan du (one model, 200 layers) / ollama-scan du (one model, 20 layers) | "))
        #expect((json?["growths"] as? [Any])?.count == 2)
    }
}
