import OllamaStore
import OrderedJSON

extension DiskUsage {
    /// `du --json`: exact bytes; the models and shared blobs written one at a time.
    public func jsonDocument(storePath: String) -> StreamedJSONObject {
        let t = totals
        let models = models.lazy.map { model -> JSONValue in
            .object(
                JSONObject([
                    ("name", .string(model.name)), ("size", .integer(model.declaredSize)),
                    ("unique_bytes", .integer(model.uniqueBytes)), ("shared_bytes", .integer(model.sharedBytes)),
                    ("exclusive_bytes", .integer(model.exclusiveBytes)),
                    ("shared_blobs", .array(model.sharedBlobs.map { .string($0.description) })),
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
        ])
    }
}
