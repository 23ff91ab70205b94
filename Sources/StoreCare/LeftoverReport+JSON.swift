import OllamaStore
import OrderedJSON

extension LeftoverReport {
    /// `orphans --json`: `{"store", "unparseable_manifests", "counts", "files", "partial_downloads"}`; each file
    /// is the leftover's JSON with `occupied_bytes` and `age_seconds` (at `now`, nanoseconds since the epoch).
    /// - Parameter selected: the files to write, in order, and count (every leftover by default).
    public func jsonDocument(now: Int64, selected: [LeftoverFile]? = nil, warnings: [String] = [])
        -> StreamedJSONObject
    {
        let leftovers = selected ?? leftovers
        var counts: [LeftoverFile.Kind: Int] = [:]
        for file in leftovers { counts[file.kind, default: 0] += 1 }
        return StreamedJSONObject([
            ("store", .value(.string(storePath))),
            ("unparseable_manifests", .value(.array(unparseableManifests.map(JSONValue.string)))),
            (
                "counts",
                .value(
                    .object(
                        JSONObject(
                            LeftoverFile.Kind.allCases.map { kind in
                                (kind.rawValue, .integer(Int64(counts[kind] ?? 0)))
                            })))
            ),
            (
                "files",
                .elements(
                    AnySequence(
                        leftovers.lazy.map { file in
                            var object = file.jsonValue.objectValue ?? JSONObject()
                            object["occupied_bytes"] = .integer(file.occupiedBytes)
                            object["age_seconds"] =
                                file.modifiedNanoseconds.map { .integer((now - $0) / 1_000_000_000) } ?? .null
                            return JSONValue.object(object)
                        }))
            ),
            ("partial_downloads", .elements(AnySequence(partialDownloads.lazy.map(\.jsonValue)))),
            ("warnings", .value(.array(warnings.map(JSONValue.string)))),
        ])
    }
}
