import OrderedJSON

extension Registry.Purge {
    /// `registry purge-deprecated --json`: `{"dry_run", "purged", "curated_kept", "written"}`.
    public func jsonValue(dryRun: Bool, written: [String]) -> JSONValue {
        .object(
            JSONObject([
                ("dry_run", .bool(dryRun)), ("purged", .array(names.map(JSONValue.string))),
                ("curated_kept", .array(curated.map(JSONValue.string))),
                ("written", .array(written.map(JSONValue.string))),
            ]))
    }
}
