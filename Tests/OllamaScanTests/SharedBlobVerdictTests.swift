import FixtureKit
import Foundation
import OrderedJSON
import Testing

/// One good model blob shared by two manifests, one of which declares the wrong size for it: every command
/// must fail the model whose manifest is wrong, and only that one, however the models are selected.
struct SharedBlobStore {
    let directory: TemporaryDirectory
    let right: String
    let wrong: String
    let actualSize: Int

    /// - Parameter wrongFirst: whether the wrong manifest's model sorts (and is scanned) first.
    init(wrongFirst: Bool) throws {
        directory = try TemporaryDirectory()
        let store = try StoreBuilder(root: URL(fileURLWithPath: directory.path))
        let weights = DemoStore.model(
            arch: "llama", name: "Shared", fileType: 15, quantType: 12, rows: 64, contextLength: 2048)
        let layer = try store.addBlob(weights, mediaType: DemoStore.media("model"))
        actualSize = layer.size
        var misdeclared = layer
        misdeclared.size += 7
        (right, wrong) = wrongFirst ? ("beta:1b", "alpha:1b") : ("alpha:1b", "beta:1b")
        for (name, descriptor) in [(right, layer), (wrong, misdeclared)] {
            let config = try store.addBlob(
                DemoStore.config(family: "llama", type: "1B", fileType: "Q4_K_M", layers: [descriptor]),
                mediaType: StoreBuilder.dockerConfig)
            let parts = name.split(separator: ":")
            try store.addManifest(
                "registry.ollama.ai/library/\(parts[0])/\(parts[1])", config: config, layers: [descriptor])
        }
    }

    var path: String { directory.path }

    /// `verify --json` of `models` (the whole store when empty): each model's status. Hashed, the shared blob
    /// is good whoever declares it; checked by size alone, it is good only if some selected manifest declares
    /// its size.
    func verify(_ models: [String], _ extra: [String] = []) throws -> (code: Int32, models: [String: String]) {
        let r = try runCLI(["verify", "--store", path, "--json", "-q"] + extra + models)
        let json = try JSONReader.parse(r.out)
        var statuses: [String: String] = [:]
        for model in json["models"]?.arrayValue ?? [] {
            statuses[model["name"]?.stringValue ?? ""] = model["status"]?.stringValue
        }
        if !extra.contains("--size-only") || models != [wrong] {
            #expect(json["blobs"]?.arrayValue?.allSatisfy { $0["status"]?.stringValue == "ok" } == true, "\(r.out)")
        }
        return (r.code, statuses)
    }
}

@Suite struct SharedBlobVerdictTests {
    @Test(arguments: [false, true]) func verifyJudgesEachModelByItsOwnManifest(wrongFirst: Bool) throws {
        let store = try SharedBlobStore(wrongFirst: wrongFirst)
        for extra in [[], ["--size-only"], ["--sample", "1/1"]] {
            let whole = try store.verify([], extra)
            #expect(whole.code == 1 && whole.models == [store.right: "ok", store.wrong: "failed"], "\(extra)")
            let both = try store.verify([store.wrong, store.right], extra)
            #expect(both.code == 1 && both.models == whole.models, "\(extra)")
            let rightAlone = try store.verify([store.right], extra)
            #expect(rightAlone.code == 0 && rightAlone.models == [store.right: "ok"], "\(extra)")
            let wrongAlone = try store.verify([store.wrong], extra)
            #expect(wrongAlone.code == 1 && wrongAlone.models == [store.wrong: "failed"], "\(extra)")
        }
        // The failing model says which size it declares and which the blob has.
        let text = try runCLI(["verify", "--store", store.path, "-q"])
        let lines = text.out.split(separator: "\n")
        let failed = try #require(lines.firstIndex { $0.contains(store.wrong) })
        let line = lines[failed] + lines[failed + 1]
        #expect(
            line.contains("FAILED")
                && line.contains("is \(store.actualSize) bytes, the manifest declares \(store.actualSize + 7)"))
        #expect(
            text.out.split(separator: "\n").contains {
                $0.hasPrefix("wrong declared sizes:") && $0.hasSuffix(" 1 models")
            })
        #expect(!text.out.contains("bad blobs:"))
    }

    @Test(arguments: [false, true]) func incrementalRunsAgreeWithFullRuns(wrongFirst: Bool) throws {
        let store = try SharedBlobStore(wrongFirst: wrongFirst)
        let cache = try TemporaryDirectory()
        let arguments = ["--incremental", "--cache", cache.file("verify.sqlite")]
        let first = try store.verify([store.right], arguments)
        #expect(first.code == 0 && first.models == [store.right: "ok"])
        // The blob is now trusted from the cache; the wrong declaration must still fail its model.
        let second = try store.verify([], arguments)
        #expect(second.code == 1 && second.models == [store.right: "ok", store.wrong: "failed"])
    }

    @Test(arguments: [false, true]) func modelsImportAndExportUseTheSameRule(wrongFirst: Bool) throws {
        let store = try SharedBlobStore(wrongFirst: wrongFirst)
        let models = try JSONReader.parse(try runCLI(["models", "--store", store.path, "--json"]).out)
        var statuses: [String: String] = [:]
        for model in models["models"]?.arrayValue ?? [] {
            statuses[model["name"]?.stringValue ?? ""] = model["status"]?.stringValue
        }
        #expect(statuses == [store.right: "ok", store.wrong: "size_mismatch"])

        let registry = try TemporaryDirectory()
        let imported = try runCLI([
            "import", "--store", store.path, "--registry-dir", registry.path, "--hash", "--json",
        ])
        let report = try JSONReader.parse(imported.out)
        var failures: [String: Int] = [:]
        for outcome in report["models"]?.arrayValue ?? [] {
            failures[outcome["model"]?.stringValue ?? ""] = outcome["hash_failures"]?.arrayValue?.count
        }
        #expect(failures[store.right] == 0, "\(imported.out)")

        let good = try TemporaryDirectory()
        let exported = try runCLI(["export", store.right, good.path, "--store", store.path, "-q"])
        #expect(exported.code == 0, "\(exported.err)")
        let bad = try TemporaryDirectory()
        let refused = try runCLI(["export", store.wrong, bad.path + "/out", "--store", store.path, "-q"])
        #expect(refused.code != 0 && refused.err.contains("manifest says \(store.actualSize + 7)"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: bad.path + "/out"))
    }
}
