import OrderedJSON

extension RemovalReport.Model.Action {
    /// `remove` (planned), `removed`, `skipped` or `failed`.
    public var name: String {
        switch self {
        case .remove: return "remove"
        case .removed: return "removed"
        case .skipped: return "skipped"
        case .failed: return "failed"
        }
    }

    public var reason: String? {
        switch self {
        case .skipped(let reason), .failed(let reason): return reason
        case .remove, .removed: return nil
        }
    }
}

extension RemovalReport.Blob.Action {
    /// `delete` (planned), `deleted`, `keep` or `failed`.
    public var name: String {
        switch self {
        case .delete: return "delete"
        case .deleted: return "deleted"
        case .keep: return "keep"
        case .failed: return "failed"
        }
    }

    public var reason: String? {
        switch self {
        case .keep(let reason), .failed(let reason): return reason
        case .delete, .deleted: return nil
        }
    }
}

extension RemovalReport {
    /// `rm --json`: `{"store", "applied", "models": [{"name", "manifest_path", "action", "reason"}], "blobs":
    /// [{"digest", "path", "action", "reason", "bytes"}], "bytes", "warnings"}`; a blob's `bytes` is what it
    /// frees (or would).
    public func jsonValue(warnings: [String] = []) -> JSONValue {
        .object(
            JSONObject([
                ("store", .string(storePath)), ("applied", .bool(applied)),
                (
                    "models",
                    .array(
                        models.map { model in
                            .object(
                                JSONObject([
                                    ("name", .string(model.name)), ("manifest_path", .string(model.manifestPath)),
                                    ("action", .string(model.action.name)),
                                    ("reason", JSONValue.optional(model.action.reason)),
                                ]))
                        })
                ),
                (
                    "blobs",
                    .array(
                        blobs.map { blob in
                            var bytes = blob.bytes
                            if case .deleted(let freed) = blob.action { bytes = freed }
                            if case .keep = blob.action { bytes = 0 }
                            return .object(
                                JSONObject([
                                    ("digest", .string(blob.digest.description)), ("path", .string(blob.path)),
                                    ("action", .string(blob.action.name)),
                                    ("reason", JSONValue.optional(blob.action.reason)), ("bytes", .integer(bytes)),
                                ]))
                        })
                ),
                ("bytes", .integer(bytes)), ("warnings", .array(warnings.map(JSONValue.string))),
            ]))
    }
}
