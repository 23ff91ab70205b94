import OllamaStore
import OrderedJSON

extension VerifyReport {
    /// The report as `verify --json` prints it: the keys the interface fixes first, then the details.
    public func jsonValue(failOnOrphans: Bool = false, failOnPartials: Bool = false) -> JSONValue {
        jsonDocument(failOnOrphans: failOnOrphans, failOnPartials: failOnPartials).value
    }

    /// `jsonValue`, with the blob, model and leftover arrays made one element at a time as it is written.
    /// - Parameter warnings: the command's warnings, written last as `"warnings"`.
    public func jsonDocument(failOnOrphans: Bool = false, failOnPartials: Bool = false, warnings: [String] = [])
        -> StreamedJSONObject
    {
        let counts = counts
        func timestamp(_ ns: Int64) -> JSONValue { .string(HumanFormat.timestamp(nanosecondsSinceEpoch: ns)) }
        let blobs = blobs.lazy.map { blob -> JSONValue in
            .object(
                JSONObject([
                    ("digest", .string(blob.digest.description)), ("path", .string(blob.path)),
                    ("size", .integer(blob.expectedSize)), ("status", .string(blob.status.rawValue)),
                    ("actual_sha256", JSONValue.optional(blob.actualDigest?.hex)),
                    ("actual_size", JSONValue.optional(blob.actualSize)), ("hashed", .bool(blob.hashed)),
                    ("cached", .bool(blob.cached)),
                    ("declared_sizes", .array(blob.declaredSizes.map(JSONValue.integer))),
                    ("note", JSONValue.optional(blob.note)), ("models", .array(blob.models.map(JSONValue.string))),
                ]))
        }
        let models = models.lazy.map { model -> JSONValue in
            .object(
                JSONObject([
                    ("name", .string(model.name)), ("status", .string(model.status.rawValue)),
                    ("bad_blobs", .array(model.badBlobs.map { .string($0.description) })),
                    ("problems", .array(model.problems.map(JSONValue.string))),
                    (
                        "wrong_sizes",
                        .array(
                            model.wrongSizes.map {
                                .object(
                                    JSONObject([
                                        ("digest", .string($0.digest.description)), ("declared", .integer($0.declared)),
                                        ("actual", .integer($0.actual)),
                                    ]))
                            })
                    ),
                    ("blobs", .integer(Int64(model.blobCount))), ("hashed", .integer(Int64(model.hashedCount))),
                    ("cached", .integer(Int64(model.cachedCount))),
                    ("manifest_path", .string(model.manifestPath)),
                ]))
        }
        let leftovers = leftovers.lazy.map(\.jsonValue)
        return StreamedJSONObject([
            ("store", .value(.string(storePath))), ("started_at", .value(timestamp(startedNanoseconds))),
            ("finished_at", .value(timestamp(finishedNanoseconds))),
            ("jobs", .value(.integer(Int64(options.workerCount)))),
            ("bytes_hashed", .value(.integer(bytesHashed))), ("seconds", .value(.double(seconds))),
            (
                "counts",
                .value(
                    .object(
                        JSONObject([
                            ("ok", .integer(Int64(counts.ok))), ("mismatch", .integer(Int64(counts.mismatch))),
                            ("missing", .integer(Int64(counts.missing))),
                            ("size_mismatch", .integer(Int64(counts.sizeMismatch))),
                            ("unreadable", .integer(Int64(counts.unreadable))),
                            ("changed", .integer(Int64(counts.changed))),
                            ("orphans", .integer(Int64(counts.orphans))),
                            ("partials", .integer(Int64(counts.partials))),
                            ("invalid_manifests", .integer(Int64(counts.invalidManifests))),
                            ("wrong_sizes", .integer(Int64(counts.wrongSizes))),
                        ])))
            ),
            ("blobs", .elements(AnySequence(blobs))), ("models", .elements(AnySequence(models))),
            ("passed", .value(.bool(passed(failOnOrphans: failOnOrphans, failOnPartials: failOnPartials)))),
            ("interrupted", .value(.bool(interrupted))), ("mode", .value(.string(options.mode.rawValue))),
            ("sample", .value(JSONValue.optional(options.sample?.description))),
            ("incremental", .value(.bool(isIncremental))), ("cached_blobs", .value(.integer(Int64(cachedCount)))),
            ("cached_bytes", .value(.integer(cachedBytes))),
            ("leftovers", .elements(AnySequence(leftovers))),
            ("unparseable_manifests", .value(.array(unparseableManifests.map(JSONValue.string)))),
            ("warnings", .value(.array(warnings.map(JSONValue.string)))),
        ])
    }
}
