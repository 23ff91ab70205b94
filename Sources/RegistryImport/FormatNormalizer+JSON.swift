import OrderedJSON

extension FormatNormalizer.Plan {
    /// `registry normalize-formats --json`: `{"applied", "changes", "missing", "written"}`, each change with its
    /// fields' old and new values.
    public func jsonValue(applied: Bool, written: [String]) -> JSONValue {
        .object(
            JSONObject([
                ("applied", .bool(applied)),
                (
                    "changes",
                    .array(
                        changes.map { change in
                            .object(
                                JSONObject([
                                    ("name", .string(change.name)), ("action", .string(change.action.rawValue)),
                                    (
                                        "fields",
                                        .array(
                                            change.fields.map {
                                                .object(
                                                    JSONObject([
                                                        ("key", .string($0.key)), ("old", $0.old), ("new", $0.new),
                                                    ]))
                                            })
                                    ),
                                ]))
                        })
                ),
                ("missing", .array(missing.map(JSONValue.string))), ("written", .array(written.map(JSONValue.string))),
            ]))
    }
}
