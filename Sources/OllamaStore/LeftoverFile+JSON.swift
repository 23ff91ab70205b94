import OrderedJSON

extension LeftoverFile {
    /// `{"path", "kind", "digest", "size", "modified_at"}`, as `verify --json`, `orphans --json` and `prune --json` list leftovers.
    public var jsonValue: JSONValue {
        .object(
            JSONObject([
                ("path", .string(path)), ("kind", .string(kind.rawValue)),
                ("digest", JSONValue.optional(digest?.description)), ("size", JSONValue.optional(size)),
                (
                    "modified_at",
                    modifiedNanoseconds.map { .string(HumanFormat.timestamp(nanosecondsSinceEpoch: $0)) } ?? .null
                ),
            ]))
    }
}
