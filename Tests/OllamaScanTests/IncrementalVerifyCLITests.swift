import FixtureKit
import Foundation
import OrderedJSON
import Testing

@Suite struct IncrementalVerifyCLITests {
    /// A store of two 48 MiB models, large enough for a run to be killed in the middle.
    static func bigStore() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: directory.url.appendingPathComponent("store"))
        for index in 0..<2 {
            let model = try store.addStreamedBlob(
                size: 48 << 20, seed: "incremental \(index)", mediaType: "application/vnd.ollama.image.model")
            let config = try store.addBlob(
                Array(#"{"model_format":"gguf","i":\#(index)}"#.utf8), mediaType: StoreBuilder.dockerConfig)
            try store.addManifest("registry.ollama.ai/library/big\(index)/latest", config: config, layers: [model])
        }
        return directory
    }

    static func verify(_ directory: TemporaryDirectory, _ extra: [String] = []) throws -> (
        code: Int32, json: JSONValue?, err: String
    ) {
        let r = try runCLI(
            [
                "verify", "--store", directory.path + "/store", "--incremental", "--cache",
                directory.path + "/cache/v.sqlite", "--json",
            ] + extra)
        return (r.code, try? JSONReader.parse(r.out), r.err)
    }

    @Test func theSecondRunReadsNothing() throws {
        let directory = try Self.bigStore()
        let storeBytes = Int64(2 * (48 << 20) + 2 * #"{"model_format":"gguf","i":0}"#.utf8.count)
        let first = try Self.verify(directory)
        #expect(first.code == 0, "\(first.err)")
        #expect(first.json?["bytes_hashed"]?.int64Value == storeBytes)
        #expect(first.json?["cached_blobs"]?.int64Value == 0)
        let second = try Self.verify(directory)
        #expect(second.code == 0)
        #expect(second.err.isEmpty)
        #expect(second.json?["bytes_hashed"]?.int64Value == 0)
        #expect(second.json?["cached_blobs"]?.int64Value == 4)
        #expect(second.json?["cached_bytes"]?.int64Value == storeBytes)
        #expect(second.json?["incremental"]?.boolValue == true)
        #expect(
            second.json?["blobs"]?.arrayValue?.allSatisfy {
                $0["cached"]?.boolValue == true && $0["status"]?.stringValue == "ok"
            } == true)
        let text = try runCLI([
            "verify", "--store", directory.path + "/store", "--incremental", "--cache",
            directory.path + "/cache/v.sqlite",
        ])
        #expect(text.out.contains("4 trusted from the cache"))
        #expect(text.out.contains("big0:latest") && text.out.contains("ok (cached)"))
    }

    /// A blob that is missing was never read: the breakdown counts it as missing, not as hashed.
    @Test func aMissingBlobIsNotCountedAsHashed() throws {
        let cache = try TemporaryDirectory()
        let arguments = ["verify", "--store", Repo.fixtureStore, "--incremental", "--cache", cache.path + "/v.sqlite"]
        _ = try runCLI(arguments)
        let second = try runCLI(arguments)
        #expect(second.code == 1)  // ghost:7b's blob is missing
        let line = try #require(second.out.split(separator: "\n").first { $0.hasPrefix("blobs checked:") })
        #expect(line.contains("(0 hashed, 1 missing, ") && line.hasSuffix(" trusted from the cache)"), "\(line)")
    }

    /// Killed at any moment, the cache stays a usable database: the next run warns of nothing.
    @Test func aKilledRunLeavesAUsableCache() throws {
        let directory = try Self.bigStore()
        let started = Date()
        #expect(try Self.verify(directory, ["--max-age", "0"]).code == 0)
        let duration = Date().timeIntervalSince(started)
        for attempt in 0..<6 {
            let process = Process()
            process.executableURL = cliBinary
            process.arguments = [
                "verify", "--store", directory.path + "/store", "--incremental", "--max-age", "0", "--cache",
                directory.path + "/cache/v.sqlite", "-q",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: duration * Double(attempt + 2) / 8)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let next = try Self.verify(directory)
            #expect(next.code == 0)
            #expect(next.err.isEmpty, "attempt \(attempt): \(next.err)")
        }
    }

    @Test func twoRunsAtOnceBothSucceedAndTheCacheHoldsBoth() throws {
        let directory = try Self.bigStore()
        let processes = (0..<2).map { _ in
            let process = Process()
            process.executableURL = cliBinary
            process.arguments = [
                "verify", "--store", directory.path + "/store", "--incremental", "--cache",
                directory.path + "/cache/v.sqlite", "-q",
            ]
            process.standardOutput = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        let third = try Self.verify(directory)
        #expect(third.err.isEmpty)
        #expect(third.json?["cached_blobs"]?.int64Value == 4)
    }

    static let usage: [String] = [
        "--max-age 3d|take effect only with --incremental",
        "--cache /tmp/x.sqlite|take effect only with --incremental",
        "--incremental --max-age soon|--max-age takes a duration",
        "--incremental --size-only|cannot be combined",
    ]

    @Test(arguments: usage)
    func usageErrorsExitTwo(_ row: String) throws {
        let parts = row.split(separator: "|").map(String.init)
        let r = try runCLI(["verify", "--store", Repo.fixtureStore] + parts[0].split(separator: " ").map(String.init))
        #expect(r.code == 2)
        #expect(r.err.contains(parts[1]), "\(r.err)")
    }

    @Test func aCacheInsideTheStoreIsRefused() throws {
        let directory = try Self.bigStore()
        let r = try runCLI([
            "verify", "--store", directory.path + "/store", "--incremental", "--cache",
            directory.path + "/store/blobs/v.sqlite",
        ])
        #expect(r.code == 2)
        #expect(r.err.contains("may not be inside the store"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/store/blobs/v.sqlite"))
    }
}
