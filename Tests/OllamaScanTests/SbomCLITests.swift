import FixtureKit
import Foundation
import OrderedJSON
import Testing

/// `sbom`: every BOM the tests make is validated against the official CycloneDX 1.6 JSON schema by
/// `cyclonedx-python-lib`'s strict validator, and its hashes are checked against the blobs' bytes.
@Suite(.enabled(if: PythonTools.has(["cyclonedx.validation.json"]), "needs cyclonedx-python-lib: run .ci/run"))
struct SbomCLITests {
    /// Validates the BOM file and returns, for each hash it gives with a path (a blob sub-component), whether
    /// the file there has that SHA-256, plus the model components' own hashes.
    static func validate(_ path: String) throws -> (blobs: [String: Bool], models: [String: String]) {
        let script = """
            import hashlib, json, sys
            from cyclonedx.schema import SchemaVersion
            from cyclonedx.validation.json import JsonStrictValidator
            text = open(sys.argv[1]).read()
            error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)
            if error is not None:
                print(error, file=sys.stderr)
                sys.exit(3)
            bom = json.loads(text)
            blobs, models = {}, {}
            for model in bom["components"]:
                ref = model["bom-ref"]
                models[ref] = model.get("hashes", [{}])[0].get("content", "")
                for blob in model.get("components", []):
                    path = next((p["value"] for p in blob["properties"] if p["name"] == "ollama:path"), None)
                    if path is None:
                        continue
                    try:
                        actual = hashlib.sha256(open(path, "rb").read()).hexdigest()
                    except OSError:
                        actual = None
                    blobs[blob["bom-ref"]] = actual == blob["hashes"][0]["content"]
            print(json.dumps({"blobs": blobs, "models": models}))
            """
        let result = try PythonTools.run(script, arguments: [path])
        #expect(result.code == 0, "not a valid CycloneDX 1.6 BOM: \(result.err)")
        let document = try JSONReader.parse(result.out)
        let blobs = (document["blobs"]?.objectValue?.members ?? []).map { ($0.key, $0.value.boolValue ?? false) }
        let models = (document["models"]?.objectValue?.members ?? []).map { ($0.key, $0.value.stringValue ?? "") }
        return (Dictionary(uniqueKeysWithValues: blobs), Dictionary(uniqueKeysWithValues: models))
    }

    static func bom(_ path: String) throws -> JSONValue {
        try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func theWholeStoreIsOneValidComponentPerModel() throws {
        let out = try TemporaryDirectory()
        let file = out.file("store.cdx.json")
        let run = try runCLI(["sbom", "--store", Repo.fixtureStore, "-o", file])
        #expect(run.code == 0, "\(run.err)")
        let (blobs, _) = try Self.validate(file)
        let bom = try Self.bom(file)
        let components = bom["components"]?.arrayValue ?? []
        let models = try JSONReader.parse(try runCLI(["models", "--json", "--store", Repo.fixtureStore]).out)
        let names = (models.arrayValue ?? models["models"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        #expect(components.count == names.count)
        #expect(
            Set(components.map { "\($0["name"]?.stringValue ?? ""):\($0["version"]?.stringValue ?? "")" })
                == Set(names))
        #expect(components.allSatisfy { $0["type"]?.stringValue == "machine-learning-model" })
        let references = components.compactMap { $0["bom-ref"]?.stringValue }
        #expect(Set(references).count == references.count)
        // Every present blob has the hash its sub-component gives (ghost:7b's model blob is missing).
        #expect(blobs.filter { !$0.value }.keys.allSatisfy { $0.contains("ghost") })
        #expect(blobs.values.filter { $0 }.count > 20)
        #expect(bom["metadata"]?["tools"]?["components"]?.arrayValue?.first?["name"]?.stringValue == "ollama-scan")
    }

    @Test func aModelsHashLicenseAndCard() throws {
        let out = try TemporaryDirectory()
        let file = out.file("smollm2.cdx.json")
        #expect(try runCLI(["sbom", "smollm2:135m", "--store", Repo.fixtureStore, "-o", file]).code == 0)
        let (_, hashes) = try Self.validate(file)
        let model = try #require(try Self.bom(file)["components"]?.arrayValue?.first)
        #expect(model["name"]?.stringValue == "smollm2" && model["version"]?.stringValue == "135m")
        let blob = try RepairCLITests.modelBlob("smollm2:135m", in: Repo.fixtureStore)
        #expect(hashes.values.first.map { blob.hasSuffix("sha256-" + $0) } == true)
        #expect(model["licenses"]?.arrayValue?.first?["license"]?["id"]?.stringValue == "Apache-2.0")
        let parameters = model["modelCard"]?["modelParameters"]
        #expect(parameters?["architectureFamily"]?.stringValue == "llama")
        #expect(parameters?["task"]?.stringValue == "text-generation")
        #expect(parameters?["inputs"] == JSONValue.array([.object(JSONObject([("format", .string("text"))]))]))
        let properties = model["modelCard"]?["properties"]?.arrayValue ?? []
        #expect(properties.contains { $0["name"]?.stringValue == "ollama:quantization" })
        #expect(properties.contains { $0["name"]?.stringValue == "ollama:context_length" })
    }

    @Test func verifyHashesFirstAndFailsLikeVerify() throws {
        let store = try TemporaryDirectory.copy(of: Repo.fixtureStore)
        let out = try TemporaryDirectory()
        let good = out.file("good.cdx.json")
        let passed = try runCLI(["sbom", "smollm2:135m", "--verify", "--store", store.path, "-o", good])
        #expect(passed.code == 0)
        let properties = try Self.bom(good)["metadata"]?["properties"]?.arrayValue ?? []
        #expect(
            properties.contains {
                $0["name"]?.stringValue == "ollama-scan:verified" && $0["value"]?.stringValue == "true"
            })

        let blob = try RepairCLITests.modelBlob("smollm2:135m", in: store.path)
        try BlobCorruption.flippedByte.apply(to: blob, otherBlob: blob)
        let bad = out.file("bad.cdx.json")
        let failed = try runCLI(["sbom", "smollm2:135m", "--verify", "--store", store.path, "-o", bad])
        #expect(failed.code == 1)
        #expect(failed.err.hasPrefix("ollama-scan: no BOM written: smollm2:135m did not verify"))
        #expect(failed.err.contains("\(blob) mismatch") && failed.err.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: bad))
    }

    @Test func sourceDateEpochMakesItReproducible() throws {
        let epoch = ["SOURCE_DATE_EPOCH": "1700000000"]
        let first = try runCLI(["sbom", "--store", Repo.fixtureStore], environment: epoch)
        let second = try runCLI(["sbom", "--store", Repo.fixtureStore], environment: epoch)
        #expect(first.code == 0 && first.out == second.out)
        let bom = try JSONReader.parse(first.out)
        #expect(bom["metadata"]?["timestamp"]?.stringValue == "2023-11-14T22:13:20Z")
        let other = try runCLI(["sbom", "--store", Repo.fixtureStore])
        let otherBOM = try JSONReader.parse(other.out)
        #expect(otherBOM["serialNumber"] != bom["serialNumber"])
        let out = try TemporaryDirectory()
        try Data(first.out.utf8).write(to: URL(fileURLWithPath: out.file("stdout.cdx.json")))
        _ = try Self.validate(out.file("stdout.cdx.json"))
    }

    @Test func unknownModelsExitOneAndUnwritableFilesTwo() throws {
        #expect(try runCLI(["sbom", "nosuch:model", "--store", Repo.fixtureStore]).code == 1)
        let run = try runCLI(["sbom", "--store", Repo.fixtureStore, "-o", "/nonexistent/folder/bom.json"])
        #expect(run.code == 2 && run.err.contains("cannot write the BOM"))
    }
}
