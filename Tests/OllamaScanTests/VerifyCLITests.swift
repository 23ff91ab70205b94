import FixtureKit
import Foundation
import OrderedJSON
import Testing

@Suite struct VerifyCLITests {
    @Test func fixtureStoreFailsOnItsMissingBlob() throws {
        let r = try runCLI(["verify", "--store", Repo.fixtureStore])
        #expect(r.code == 1)
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "verify: FAILED")
        for label in [
            "blobs checked:", "bytes hashed:", "seconds:", "ok:", "mismatched:", "missing:", "size differs:",
            "unreadable:", "changed during check:", "orphans:", "partial downloads:",
        ] {
            #expect(lines.contains { $0.hasPrefix(label) }, "\(label)")
        }
        #expect(lines.contains { $0.hasPrefix("missing:") && $0.hasSuffix(" 1") })
        #expect(lines.contains { $0.hasPrefix("  MISSING  ") && $0.contains("/blobs/sha256-") })
        #expect(lines.contains { $0.hasPrefix("      used by   ghost:7b") })
        let ghost = try #require(lines.firstIndex { $0.hasPrefix("  ghost:7b ") && $0.hasSuffix("FAILED") })
        #expect(lines[ghost + 1].hasPrefix("      sha256:") && lines[ghost + 1].hasSuffix(" (missing)"))
        #expect(lines.contains { $0.hasPrefix("  smollm2:135m ") && $0.hasSuffix("ok") })
        // stderr is not a terminal here: no progress line, no escape codes.
        #expect(!r.err.contains("\u{1B}"))
    }

    @Test func healthyModelsPassAndOrphansFailOnlyWhenAsked() throws {
        let ok = try runCLI(["verify", "smollm2:135m", "alice/embed-mini:Q8_0", "--store", Repo.fixtureStore])
        #expect(ok.code == 0 && ok.out.hasPrefix("verify: passed\n"))
        let orphans = try runCLI(["verify", "smollm2", "--fail-on-orphans", "--store", Repo.fixtureStore])
        #expect(orphans.code == 1 && orphans.out.hasPrefix("verify: FAILED\n"))
        #expect(orphans.out.contains("(failing: --fail-on-orphans)"))
        let partials = try runCLI(["verify", "smollm2", "--fail-on-partials", "--store", Repo.fixtureStore])
        #expect(partials.code == 1)
        let sizeOnly = try runCLI(["verify", "smollm2", "--size-only", "--store", Repo.fixtureStore])
        #expect(sizeOnly.code == 0 && sizeOnly.out.contains("(0 hashed, "))
    }

    /// The model blob smollm2:135m shares with smollm2:latest and smollm2-coder:ctx1k, in a copy of the fixture.
    static func storeCopy() throws -> (TemporaryDirectory, blob: String, other: String) {
        let copy = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        let show = try JSONReader.parse(try runCLI(["show", "smollm2:135m", "--json", "--store", copy.path]).out)
        let blob = try #require(show["model_blob"]?.stringValue)
        let other = try #require(show["config"]?["path"]?.stringValue)
        return (copy, blob, other)
    }

    @Test(arguments: BlobCorruption.allCases)
    func everyCorruptionExitsOneAndNamesTheBlob(_ corruption: BlobCorruption) throws {
        let (copy, blob, other) = try Self.storeCopy()
        try corruption.apply(to: blob, otherBlob: other)
        let r = try runCLI(["verify", "smollm2:135m", "--store", copy.path])
        #expect(r.code == 1 && r.out.hasPrefix("verify: FAILED\n"))
        #expect(
            r.out.contains("  \(blob)") && r.out.contains("used by   smollm2-coder:ctx1k, smollm2:135m, smollm2:latest")
        )
        #expect(r.out.contains("  smollm2:135m  ") && r.out.contains("FAILED\n      sha256:" + blob.suffix(64)))
    }

    @Test func orphansAndPartialsExitOneOnlyWithTheirFlags() throws {
        let (copy, _, _) = try Self.storeCopy()
        let blobs = copy.path + "/blobs/"
        try Data("stray".utf8).write(to: URL(fileURLWithPath: blobs + "sha256-" + String(repeating: "0f", count: 32)))
        try Data(count: 64).write(
            to: URL(fileURLWithPath: blobs + "sha256-" + String(repeating: "e1", count: 32) + "-partial"))
        let plain = try runCLI(["verify", "smollm2:135m", "--store", copy.path])
        #expect(
            plain.code == 0 && plain.out.contains("orphans:              2")
                && plain.out.contains("partial downloads:    2"))
        #expect(try runCLI(["verify", "smollm2:135m", "--fail-on-orphans", "--store", copy.path]).code == 1)
        #expect(try runCLI(["verify", "smollm2:135m", "--fail-on-partials", "--store", copy.path]).code == 1)
    }

    @Test func unknownModelsExitOneAndUsageTwo() throws {
        let unknown = try runCLI(["verify", "smollm3", "--store", Repo.fixtureStore])
        #expect(unknown.code == 1 && unknown.err.contains("model smollm3 not found") && unknown.err.contains("smollm2"))
        for bad in [
            ["--sample", "0/3"], ["--sample", "4/3"], ["--sample", "x"], ["--jobs", "0"],
            ["--size-only", "--sample", "1/2"],
        ] {
            let r = try runCLI(["verify", "--store", Repo.fixtureStore] + bad)
            #expect(r.code == 2, "\(bad)")
            #expect(r.out.isEmpty)
        }
        let noStore = try runCLI(["verify", "--store", "/nonexistent/store"])
        #expect(noStore.code == 2 && noStore.err.hasPrefix("ollama-scan: "))
    }

    @Test func jsonReport() throws {
        let r = try runCLI(["verify", "--json", "--jobs", "3", "--store", Repo.fixtureStore])
        #expect(r.code == 1)
        let report = try JSONReader.parse(r.out)
        #expect(report["jobs"]?.int64Value == 3 && report["passed"]?.boolValue == false)
        #expect(report["counts"]?["missing"]?.int64Value == 1 && report["counts"]?["orphans"]?.int64Value == 1)
        let blobs = try #require(report["blobs"]?.arrayValue)
        #expect(report["counts"]?["ok"]?.int64Value == Int64(blobs.count - 1))
        let missing = try #require(blobs.first { $0["status"]?.stringValue == "missing" })
        #expect(missing["actual_sha256"] == .null && missing["models"]?.arrayValue == [.string("ghost:7b")])
        let okBlob = try #require(blobs.first { $0["status"]?.stringValue == "ok" })
        #expect(okBlob["actual_sha256"]?.stringValue == okBlob["digest"]?.stringValue.map { String($0.dropFirst(7)) })
        #expect(
            report["bytes_hashed"]?.int64Value
                == blobs.compactMap { $0["status"]?.stringValue == "ok" ? $0["size"]?.int64Value : nil }.reduce(0, +))
        #expect(r.err.isEmpty)
    }

    @Test func interruptPrintsWhatWasCheckedAndExits130() throws {
        let dir = try TemporaryDirectory()
        let store = try StoreBuilder(root: dir.url)
        // A model layer far too large to hash before the interrupt: a 64 GiB sparse file.
        let hex = String(repeating: "5a", count: 32)
        let blob = dir.path + "/blobs/sha256-" + hex
        #expect(FileManager.default.createFile(atPath: blob, contents: nil) && truncate(blob, 64 << 30) == 0)
        let config = try store.addBlob(Array("{\"model_format\":\"gguf\"}".utf8), mediaType: StoreBuilder.dockerConfig)
        try store.addManifest(
            "registry.ollama.ai/library/huge/latest", config: config,
            layers: [.init(mediaType: "application/vnd.ollama.image.model", digest: "sha256:" + hex, size: 64 << 30)])

        let process = Process()
        process.executableURL = cliBinary
        process.arguments = ["verify", "--store", dir.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        Thread.sleep(forTimeInterval: 2)
        process.interrupt()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            Issue.record("verify did not stop after SIGINT")
            return
        }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == 130)
        #expect(text.hasPrefix("verify: INTERRUPTED"))
        #expect(text.contains("  huge:latest ") && text.contains("INCOMPLETE"))
    }
}
