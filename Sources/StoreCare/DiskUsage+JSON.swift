import OllamaStore
import OrderedJSON

extension DiskUsage {
    /// How many other models a model's entry in `du --json` names per shared blob; every user of a blob is in
    /// `shared_blobs` at the top, once, so a license that thousands of models carry does not make the document
    /// grow with the square of the store.
    public static let namedSharersPerBlob = 20

    /// `du --json`: exact bytes; the models and shared blobs written one at a time.
    /// - Parameter selected: the models to write, in order (all of `models` by default).
    public func jsonDocument(storePath: String, selected: [Model]? = nil, warnings: [String] = [])
        -> StreamedJSONObject
    {
        let t = totals
        let models = (selected ?? models).lazy.map { model -> JSONValue in
            let shared = model.sharedBlobs.map { digest -> JSONValue in
                let blob = sharedBlob(digest)
                // The model is one of the blob's users: only the first names past it are looked at.
                let users = blob?.models ?? []
                let named = users.prefix(Self.namedSharersPerBlob + 1).filter { $0 != model.name }
                return .object(
                    JSONObject([
                        ("digest", .string(digest.description)), ("size", .integer(blob?.bytes ?? 0)),
                        ("shared_with_count", .integer(Int64(max(0, users.count - 1)))),
                        ("shared_with", .array(named.prefix(Self.namedSharersPerBlob).map(JSONValue.string))),
                    ]))
            }
            return
                .object(
                    JSONObject([
                        ("name", .string(model.name)), ("size", .integer(model.declaredSize)),
                        ("unique_bytes", .integer(model.uniqueBytes)), ("shared_bytes", .integer(model.sharedBytes)),
                        ("exclusive_bytes", .integer(model.exclusiveBytes)),
                        ("shared_blobs", .array(shared)),
                        ("largest_shared_blob", JSONValue.optional(model.largestSharedBlob?.description)),
                        ("largest_shared_blob_other_users", .integer(Int64(model.largestSharedBlobUserCount))),
                        ("missing_blobs", .integer(Int64(model.missingBlobCount))),
                    ]))
        }
        let shared = sharedBlobs.lazy.map { blob -> JSONValue in
            .object(
                JSONObject([
                    ("digest", .string(blob.digest.description)), ("media_type", .string(blob.mediaType)),
                    ("size", .integer(blob.bytes)), ("models", .array(blob.models.map(JSONValue.string))),
                ]))
        }
        return StreamedJSONObject([
            ("store", .value(.string(storePath))),
            (
                "totals",
                .value(
                    .object(
                        JSONObject([
                            ("referenced_bytes", .integer(t.referencedBytes)),
                            ("orphan_bytes", .integer(t.orphanBytes)), ("orphan_files", .integer(Int64(t.orphanCount))),
                            ("partial_bytes", .integer(t.partialBytes)),
                            ("partial_downloads", .integer(Int64(t.partialCount))),
                            ("temporary_bytes", .integer(t.temporaryBytes)),
                            ("temporary_files", .integer(Int64(t.temporaryCount))),
                            ("foreign_bytes", .integer(t.foreignBytes)),
                            ("foreign_files", .integer(Int64(t.foreignCount))),
                            ("manifest_bytes", .integer(t.manifestBytes)), ("total_bytes", .integer(t.totalBytes)),
                            ("declared_size_sum", .integer(t.declaredSizeSum)),
                            ("over_count_bytes", .integer(t.overCount)),
                        ])))
            ),
            ("models", .elements(AnySequence(models))),
            ("shared_blobs", .elements(AnySequence(shared))),
            ("unparseable_manifests", .value(.array(unparseableManifests.map(JSONValue.string)))),
            ("warnings", .value(.array(warnings.map(JSONValue.string)))),
        ])
    }
}
