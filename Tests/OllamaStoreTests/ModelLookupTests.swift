import FixtureKit
import OllamaStore
import Testing

/// `ModelLookup` finds exactly what `StoreScan.models(matching:)` finds, for every query.
@Suite struct ModelLookupTests {
    @Test func agreesWithTheScanOnEveryName() throws {
        let scan = try StoreScanner(root: StoreRoot(path: Paths.packageRoot.path + "/Fixtures/store")).scan()
        let lookup = ModelLookup(scan)
        var queries = scan.models.flatMap { model in
            [model.displayName, model.displayName.uppercased(), model.name.description, model.name.model]
        }
        queries += [
            "", "nope", "SMOLLM2", "registry.ollama.ai/library/smollm2:latest", "smollm2:LATEST", "hf.co/x", "a:b:c",
        ]
        #expect(!scan.models.isEmpty)
        for query in queries {
            #expect(
                lookup.models(matching: query).map(\.manifestPath) == scan.models(matching: query).map(\.manifestPath),
                "query \(query)")
        }
    }
}
