import ImageWorksRegistry
import OrderedJSON

extension RegistryImporter.Result {
    /// `import --json`: `{"registry", "dry_run", "imported", "models", "purged", "deprecated", "written"}`, one
    /// element of `models` per model of the store with its action, changed fields and reasons.
    /// - Parameters:
    ///   - registry: where the registry is.
    ///   - written: the files the save wrote (empty for a dry run or an unchanged registry).
    public func jsonValue(registry: RegistryLocation, dryRun: Bool, written: [String]) -> JSONValue {
        let models = outcomes.map { outcome -> JSONValue in
            var fields: [String] = []
            var from: String?
            var reason: String?
            switch outcome.action {
            case .updated(let changed): fields = changed
            case .renamed(let old, let changed):
                from = old
                fields = changed
            case .skipped(let why): reason = why
            case .created, .unchanged: break
            }
            return .object(
                JSONObject([
                    ("model", .string(outcome.model)), ("entry", JSONValue.optional(outcome.entry)),
                    ("action", .string(outcome.action.word)), ("changed_fields", .array(fields.map(JSONValue.string))),
                    ("renamed_from", JSONValue.optional(from)), ("reason", JSONValue.optional(reason)),
                    ("hash_failures", .array(outcome.hashFailures.map(JSONValue.string))),
                ]))
        }
        return .object(
            JSONObject([
                ("registry", .string(registry.description)), ("dry_run", .bool(dryRun)),
                ("imported", .integer(Int64(importedCount))), ("models", .array(models)),
                ("purged", .array(purged.map(JSONValue.string))),
                ("deprecated", .array(deprecated.map(JSONValue.string))),
                ("written", .array(written.map(JSONValue.string))),
            ]))
    }
}
