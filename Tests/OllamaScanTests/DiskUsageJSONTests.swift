import OrderedJSON
import Testing

@Suite struct DiskUsageJSONTests {
    /// Per model, each shared blob names the other models that use it, as the table's SHARED WITH does.
    @Test func eachSharedBlobNamesItsOtherUsers() throws {
        let r = try runCLI(["du", "smollm2:135m", "--json", "--store", Repo.fixtureStore])
        let model = try #require(JSONReader.parse(r.out)["models"]?.arrayValue?.first)
        let shared = try #require(model["shared_blobs"]?.arrayValue)
        let weights = try #require(shared.first { $0["size"]?.int64Value == 9984 })
        #expect(
            weights["shared_with"]?.arrayValue?.compactMap(\.stringValue) == ["smollm2-coder:ctx1k", "smollm2:latest"])
        #expect(weights["shared_with_count"]?.int64Value == 2)
        #expect(
            shared.allSatisfy { blob in
                blob["shared_with"]?.arrayValue?.contains(.string("smollm2:135m")) == false
                    && Int64(blob["shared_with"]?.arrayValue?.count ?? -1) == blob["shared_with_count"]?.int64Value
            })
    }
}
