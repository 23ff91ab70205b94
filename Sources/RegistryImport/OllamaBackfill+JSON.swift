import OrderedJSON

extension OllamaBackfill {
    /// `registry backfill-ollama-paths --json`: `{"dry_run", "entries", "written"}`, one element per entry
    /// given a path, with the old and new path and whether the new one is synthetic.
    public static func jsonValue(_ changes: [Change], dryRun: Bool, written: [String]) -> JSONValue {
        .object(
            JSONObject([
                ("dry_run", .bool(dryRun)),
                (
                    "entries",
                    .array(
                        changes.map { change in
                            .object(
                                JSONObject([
                                    ("name", .string(change.name)), ("old_path", change.oldPath),
                                    ("new_path", .string(change.newPath)),
                                    ("synthetic", .bool(change.isSynthetic)),
                                ]))
                        })
                ),
                ("written", .array(written.map(JSONValue.string))),
            ]))
    }
}
