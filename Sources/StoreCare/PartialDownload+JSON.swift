import OrderedJSON

extension PartialDownload {
    /// `{"digest", "data_path", "expected_bytes", "completed_bytes", "fraction", "parts", "unreadable_parts"}`.
    public var jsonValue: JSONValue {
        .object(
            JSONObject([
                ("digest", .string(digest.description)), ("data_path", JSONValue.optional(dataPath)),
                ("expected_bytes", JSONValue.optional(expectedBytes)),
                ("completed_bytes", JSONValue.optional(completedBytes)),
                ("fraction", fraction.map(JSONValue.double) ?? .null), ("parts", .integer(Int64(partCount))),
                ("unreadable_parts", .array(unreadableParts.map(JSONValue.string))),
            ]))
    }
}
