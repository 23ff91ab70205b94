import OrderedJSON

extension RepairReport {
    /// `repair --json`: `{"store", "dry_run", "blobs": [{"digest", "problem", "quarantined_to", "restored_from",
    /// "failure", "models"}], "models": [{"name", "outcome", "missing_blobs", "reason"}], "pull_commands",
    /// "complete", "warnings"}`.
    public func jsonValue(warnings: [String] = []) -> JSONValue {
        .object(
            JSONObject([
                ("store", .string(storePath)), ("dry_run", .bool(dryRun)),
                (
                    "blobs",
                    .array(
                        blobs.map { blob in
                            .object(
                                JSONObject([
                                    ("digest", .string(blob.digest.description)), ("problem", .string(blob.problem)),
                                    ("quarantined_to", JSONValue.optional(blob.quarantinedTo)),
                                    ("restored_from", JSONValue.optional(blob.restoredFrom)),
                                    ("failure", JSONValue.optional(blob.failure)),
                                    ("models", .array(blob.models.map(JSONValue.string))),
                                ]))
                        })
                ),
                (
                    "models",
                    .array(
                        models.map { model in
                            var missing: [JSONValue] = []
                            var reason: String?
                            switch model.outcome {
                            case .needsPull(let digests): missing = digests.map { .string($0.description) }
                            case .notRepairable(let why): reason = why
                            case .ok, .repaired: break
                            }
                            return .object(
                                JSONObject([
                                    ("name", .string(model.name)), ("outcome", .string(model.outcome.name)),
                                    ("missing_blobs", .array(missing)), ("reason", JSONValue.optional(reason)),
                                ]))
                        })
                ),
                ("pull_commands", .array(pullCommands.map(JSONValue.string))), ("complete", .bool(isComplete)),
                ("warnings", .array(warnings.map(JSONValue.string))),
            ]))
    }
}
