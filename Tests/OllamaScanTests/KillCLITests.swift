import FixtureKit
import Foundation
import OrderedJSON
import Testing

/// Writers killed at random points, many times: every manifest left must have all its blobs, and they must
/// verify; the next run completes the work.
@Suite struct KillCLITests {
    /// The store's models and whether every one of them verifies (orphans and temp files are allowed).
    static func verifiedModels(_ path: String) throws -> (names: Set<String>, passed: Bool) {
        let r = try runCLI(["verify", "--json", "-q", "--store", path])
        let report = try JSONReader.parse(r.out)
        let names = Set((report["models"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        return (names, r.code == 0 && report["passed"]?.boolValue == true)
    }

    @Test func rmKilledAnywhereLeavesEveryManifestWhole() throws {
        let original = try KillTestStore(count: 40, blobSize: 16 << 10)
        let targets = Array(original.names.prefix(20))
        var killedMidway = 0
        var random = SystemRandomNumberGenerator()
        for round in 0..<12 {
            let store = try TemporaryDirectory.copy(of: original.path)
            let delay = Duration.milliseconds(Int.random(in: 0...(round < 6 ? 40 : 160), using: &random))
            if try runAndKill(["rm", "-y", "--while-running", "--store", store.path] + targets, after: delay) {
                killedMidway += 1
            }
            let (names, passed) = try Self.verifiedModels(store.path)
            #expect(passed, "round \(round): a manifest lost a blob")
            #expect(Set(original.names.suffix(20)).isSubset(of: names), "round \(round): an untargeted model went")
            // The next run finishes the work: what is left of the targets goes, then prune the blobs.
            let left = targets.filter(names.contains)
            if !left.isEmpty {
                let again = try runCLI(["rm", "-y", "--while-running", "--store", store.path] + left)
                #expect(again.code == 0, "round \(round): \(again.err)")
            }
            let prune = try runCLI(["prune", "--apply", "--grace", "0", "--while-running", "--store", store.path])
            #expect(prune.code == 0, "\(prune.err)")
            let (after, whole) = try Self.verifiedModels(store.path)
            #expect(whole && after == Set(original.names.suffix(20)))
            let orphans = try runCLI(["orphans", "--names", "--store", store.path])
            #expect(orphans.out.isEmpty, "round \(round): \(orphans.out)")
        }
        #expect(killedMidway > 0, "no run was killed before it finished: the delays are too long")
    }

    @Test func unpackKilledAnywhereLeavesEveryManifestWhole() throws {
        let source = try KillTestStore(count: 30, blobSize: 512 << 10)
        let work = try TemporaryDirectory()
        let bundle = work.file("b.tar")
        #expect(try runCLI(["pack", "-o", bundle, "--store", source.path] + source.names).code == 0)
        var killedMidway = 0
        var random = SystemRandomNumberGenerator()
        for round in 0..<12 {
            let store = work.file("store-\(round)")
            let delay = Duration.milliseconds(Int.random(in: 0...(round < 6 ? 60 : 250), using: &random))
            if try runAndKill(["unpack", bundle, "--while-running", "--store", store], after: delay) {
                killedMidway += 1
            }
            if FileManager.default.fileExists(atPath: store + "/manifests") {
                let (_, passed) = try Self.verifiedModels(store)
                #expect(passed, "round \(round): a manifest lost a blob")
            }
            // The next run completes the work, re-using what the killed one verified.
            let again = try runCLI(["unpack", bundle, "--while-running", "--store", store])
            #expect(again.code == 0, "round \(round): \(again.err)")
            let (names, passed) = try Self.verifiedModels(store)
            #expect(passed && names == Set(source.names), "round \(round)")
            // What a killed run was writing is a temporary file that prune removes.
            let prune = try runCLI(["prune", "--apply", "--grace", "0", "--while-running", "--store", store])
            #expect(prune.code == 0, "\(prune.err)")
            #expect(try runCLI(["orphans", "--names", "--store", store]).out.isEmpty, "round \(round)")
        }
        #expect(killedMidway > 0, "no run was killed before it finished: the delays are too long")
    }

    /// `repair --from` keeps each damaged blob aside by a second name and replaces it in one rename: killed
    /// anywhere, every blob is either its damaged self or the good copy, never missing.
    @Test func repairKilledAnywhereNeverLeavesABlobMissing() throws {
        let source = try KillTestStore(count: 16, blobSize: 1 << 20)
        let damaged = try TemporaryDirectory.copy(of: source.path)
        var corrupted = Set<String>()
        for name in source.names.prefix(10) {
            let blob = try RepairCLITests.modelBlob(name, in: damaged.path)
            try BlobCorruption.flippedByte.apply(to: blob, otherBlob: blob)
            corrupted.insert("sha256:" + String(blob.suffix(64)))
        }
        let work = try TemporaryDirectory()
        var killedMidway = 0
        var random = SystemRandomNumberGenerator()
        for round in 0..<10 {
            let store = work.file("store-\(round)")
            try FileManager.default.copyItem(atPath: damaged.path, toPath: store)
            let delay = Duration.milliseconds(Int.random(in: 0...(round < 5 ? 80 : 300), using: &random))
            let arguments = [
                "repair", "--from", source.path, "--while-running", "--quarantine", work.file("q-\(round)"),
                "--store", store,
            ]
            if try runAndKill(arguments, after: delay) { killedMidway += 1 }
            let report = try JSONReader.parse(try runCLI(["verify", "--json", "-q", "--store", store]).out)
            #expect(report["counts"]?["missing"]?.int64Value == 0, "round \(round): a blob went missing")
            let failing = (report["blobs"]?.arrayValue ?? []).filter { $0["status"]?.stringValue != "ok" }
            #expect(failing.allSatisfy { corrupted.contains($0["digest"]?.stringValue ?? "") }, "round \(round)")
            let again = try runCLI(arguments)
            #expect(again.code == 0, "round \(round): \(again.out)")
            #expect(try runCLI(["verify", "-q", "--store", store]).code == 0, "round \(round)")
        }
        #expect(killedMidway > 0, "no run was killed before it finished: the delays are too long")
    }
}
