import FixtureKit
import Foundation
import OrderedJSON
import Testing

/// `pack` and `unpack` against the bundled store, other tar writers and hostile archives.
@Suite struct BundleCLITests {
    /// Every model of the bundled store whose blobs are all there (ghost:7b's model blob is missing).
    static let packable = [
        "alice/embed-mini:Q8_0", "gemma-cloud:31b-cloud", "gpt-mini:20b", "hf.co/tinyorg/TinyMistral-GGUF:Q5_K_M",
        "llava-mini:latest", "oldcoder:7b-q6_K", "smollm2-coder:ctx1k", "smollm2:135m", "smollm2:latest",
        "tinymlx:nvfp4",
    ]

    /// Every file below `root` with its bytes, a legacy `sha256:` blob name as the modern one a bundle gives
    /// it.
    static func contents(_ root: String, under folders: [String] = ["manifests", "blobs"]) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for folder in folders {
            let base = root + "/" + folder
            guard let paths = FileManager.default.enumerator(atPath: base) else { continue }
            for case let path as String in paths {
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory)
                if !isDirectory.boolValue {
                    files[folder + "/" + path.replacingOccurrences(of: "sha256:", with: "sha256-")] = try Data(
                        contentsOf: URL(fileURLWithPath: base + "/" + path))
                }
            }
        }
        return files
    }

    /// `models --json` without the store's own paths, which differ from one store to another (and with legacy
    /// blob names as their modern form).
    /// Only the packable models count (the bundled store also has ghost:7b).
    /// - Parameter withTimes: false leaves out `modified_at` (tar's own formats keep whole seconds).
    static func models(_ store: String, withTimes: Bool = true) throws -> [String] {
        let text = try runCLI(["models", "--json", "--store", store]).out.replacingOccurrences(of: store, with: "STORE")
            .replacingOccurrences(of: "blobs/sha256:", with: "blobs/sha256-")
        return (try JSONReader.parse(text)["models"]?.arrayValue ?? [])
            .filter { packable.contains($0["name"]?.stringValue ?? "") }
            .map { model in
                guard !withTimes, var object = model.objectValue else { return JSONWriter.compact(model) }
                object["modified_at"] = nil
                return JSONWriter.compact(.object(object))
            }.sorted()
    }

    /// The bundled store with only its packable models: what a bundle of all of them must recreate.
    static func cleanStore() throws -> TemporaryDirectory {
        let copy = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        let removed = try runCLI(["rm", "ghost:7b", "-y", "--while-running", "--store", copy.path])
        #expect(removed.code == 0, "\(removed.err)")
        #expect(
            try runCLI([
                "prune", "--apply", "--grace", "0", "--include-partials", "--while-running", "--store", copy.path,
            ]).code == 0)
        try? FileManager.default.removeItem(atPath: copy.file(".ollama-scan.lock"))
        return copy
    }

    @Test func aRoundTripKeepsEveryByteAndEveryID() throws {
        let work = try TemporaryDirectory()
        let pack = try runCLI(["pack", "-o", work.file("all.tar"), "--store", Repo.fixtureStore] + Self.packable)
        #expect(pack.code == 0, "\(pack.err)")
        let unpack = try runCLI([
            "unpack", work.file("all.tar"), "--store", work.file("new"), "--while-running", "--json",
        ])
        #expect(unpack.code == 0, "\(unpack.err)")
        let report = try JSONReader.parse(unpack.out)
        #expect(report["models"]?.arrayValue?.allSatisfy { $0["action"]?.stringValue == "added" } == true)
        let clean = try Self.cleanStore()
        #expect(try Self.contents(work.file("new")) == Self.contents(clean.path))
        #expect(try Self.models(work.file("new")) == Self.models(Repo.fixtureStore))
        // Again: everything is already there, verified, and nothing is written.
        let again = try runCLI([
            "unpack", work.file("all.tar"), "--store", work.file("new"), "--while-running", "--json",
        ])
        let second = try JSONReader.parse(again.out)
        #expect(again.code == 0 && second["blobs_added"]?.int64Value == 0)
        #expect(second["models"]?.arrayValue?.allSatisfy { $0["action"]?.stringValue == "already_present" } == true)
        // Plain tar extracts a working store too: the bundle is the store's own layout.
        try FileManager.default.createDirectory(atPath: work.file("untarred"), withIntermediateDirectories: true)
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-xf", work.file("all.tar"), "-C", work.file("untarred")]
        try tar.run()
        tar.waitUntilExit()
        #expect(try Self.models(work.file("untarred")) == Self.models(Repo.fixtureStore))
    }

    @Test func listShowsTheModelsWithoutExtracting() throws {
        let work = try TemporaryDirectory()
        #expect(
            try runCLI(["pack", "-o", work.file("b.tar"), "smollm2:135m", "llava-mini", "--store", Repo.fixtureStore])
                .code == 0)
        let list = try runCLI(["unpack", "--list", work.file("b.tar"), "--json"])
        let json = try JSONReader.parse(list.out)
        #expect(
            list.code == 0
                && json["models"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == [
                    "smollm2:135m", "llava-mini:latest",
                ])
        #expect(json["models"]?.arrayValue?.first?["id"]?.stringValue == "33b5b957dd49")
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == ["b.tar"])
    }

    @Test func packRefusesACorruptBlobAndLeavesNoBundle() throws {
        let copy = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        let blob = try #require(
            JSONReader.parse(try runCLI(["show", "smollm2:135m", "--json", "--store", copy.path]).out)["model_blob"]?
                .stringValue)
        try BlobCorruption.flippedByte.apply(to: blob, otherBlob: blob)
        let work = try TemporaryDirectory()
        let r = try runCLI(["pack", "smollm2:135m", "-o", work.file("b.tar"), "--store", copy.path])
        #expect(
            r.code == 1 && r.err.contains("smollm2:135m") && r.err.contains(String(blob.suffix(64)))
                && r.err.contains("does not hash"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).isEmpty)
        let missing = try runCLI(["pack", "ghost:7b", "-o", work.file("g.tar"), "--store", copy.path])
        #expect(missing.code == 1 && missing.err.contains("is missing"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).isEmpty)
    }

    /// GNU tar and bsdtar archives of a store's layout, in their default and pax formats, with `./` prefixes,
    /// folder entries, manifests before blobs and a name too long for a ustar header.
    @Test(arguments: [
        ["tar", "--format=gnu", "-cf"], ["tar", "--format=pax", "-cf"], ["tar", "--format=ustar", "-cf"],
        ["bsdtar", "-cf"],
    ])
    func otherTarWritersAreRead(_ command: [String]) throws {
        let tool = command[0]
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/\(tool)") else {
            Issue.record("\(tool) is not installed (.ci/run installs it)")
            return
        }
        let clean = try Self.cleanStore()
        if !command.contains("--format=ustar") {
            // A name longer than a ustar header's 100 bytes: a long-name or pax record carries it.
            let long =
                "registry.ollama.ai/some-organisation-with-a-rather-long-name/"
                + String(repeating: "a-very-long-model-name-", count: 3) + "gguf/Q4_K_M"
            try FileManager.default.createDirectory(
                atPath: clean.file("manifests/" + (long as NSString).deletingLastPathComponent),
                withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: clean.file("manifests/registry.ollama.ai/library/smollm2/135m"),
                toPath: clean.file("manifests/" + long))
        }
        let work = try TemporaryDirectory()
        let archive = Process()
        archive.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        archive.arguments =
            Array(command.dropFirst()) + [work.file("t.tar"), "-C", clean.path, "./manifests", "./blobs"]
        try archive.run()
        archive.waitUntilExit()
        #expect(archive.terminationStatus == 0)
        let r = try runCLI(["unpack", work.file("t.tar"), "--store", work.file("new"), "--while-running"])
        #expect(r.code == 0, "\(command): \(r.err)")
        #expect(try Self.contents(work.file("new")) == Self.contents(clean.path), "\(command)")
        #expect(
            try Self.models(work.file("new"), withTimes: false) == Self.models(Repo.fixtureStore, withTimes: false),
            "\(command)")
    }
}

@Suite struct UnpackDryRunCLITests {
    /// A dry run reads and verifies everything, says what would happen, and writes nothing at all.
    @Test func aDryRunWritesNothing() throws {
        let work = try TemporaryDirectory()
        let bundle = work.file("b.tar")
        #expect(
            try runCLI(["pack", "smollm2:135m", "llava-mini", "-o", bundle, "--store", Repo.fixtureStore]).code == 0)
        let fresh = try runCLI(["unpack", bundle, "--dry-run", "--json", "--store", work.file("new")])
        #expect(fresh.code == 0, "\(fresh.err)")
        let report = try JSONReader.parse(fresh.out)
        #expect(report["dry_run"]?.boolValue == true && report["blobs_added"]?.int64Value == 10)
        #expect(report["models"]?.arrayValue?.allSatisfy { $0["action"]?.stringValue == "added" } == true)
        #expect(!FileManager.default.fileExists(atPath: work.file("new")))
        // Into the store the models came from: everything is there already.
        let copy = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        let before = try BundleCLITests.contents(copy.path)
        let present = try JSONReader.parse(
            try runCLI(["unpack", bundle, "--dry-run", "--json", "--store", copy.path]).out)
        #expect(present["blobs_added"]?.int64Value == 0 && present["blobs_reused"]?.int64Value == 10)
        #expect(try BundleCLITests.contents(copy.path) == before)
        #expect(!FileManager.default.fileExists(atPath: copy.file(".ollama-scan.lock")))
    }
}

@Suite struct BundlePipeCLITests {
    /// `pack -o -` into `unpack -`: the way to move models over ssh without a file in between.
    @Test func aBundleGoesThroughAPipe() throws {
        let work = try TemporaryDirectory()
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = [
            "-c",
            "'\(cliBinary.path)' pack smollm2:135m alice/embed-mini:Q8_0 -o - --store '\(Repo.fixtureStore)' | "
                + "'\(cliBinary.path)' unpack - --store '\(work.file("new"))' --while-running --json > '\(work.file("out.json"))'",
        ]
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let report = try JSONReader.parse(try String(contentsOfFile: work.file("out.json"), encoding: .utf8))
        #expect(report["bundle"]?.stringValue == "standard input")
        #expect(report["models"]?.arrayValue?.compactMap { $0["action"]?.stringValue } == ["added", "added"])
        #expect(try runCLI(["verify", "-q", "--store", work.file("new")]).code == 0)
        // Standard output that is a terminal gets no bundle, and the flags that need it are refused.
        #expect(try runCLI(["pack", "smollm2:135m", "-o", "-", "--json", "--store", Repo.fixtureStore]).code == 2)
    }
}
