import ImageWorksRegistry
import OrderedJSON

extension RegistryListing.Row {
    /// `registry list --json`: one row, keys in the original's order.
    public var jsonValue: JSONValue {
        .object(
            JSONObject([
                ("name", .string(entry.name)), ("display_name", .string(entry.displayName)),
                ("backend", .string(entry.backend)), ("format", entry.downloadFormat),
                ("quantization", entry.quantization), ("location", entry.downloadLocation),
                ("installed", .bool(installed)), ("size_bytes", entry.downloadSizeBytes),
                ("roles", .array(entry.roles.map(JSONValue.string))), ("family", entry.family),
                ("logical_only", .bool(logicalOnly)), ("served_model_id", JSONValue.optional(entry.servedModelID)),
                ("deprecated", .bool(entry.deprecated)),
            ]))
    }
}
