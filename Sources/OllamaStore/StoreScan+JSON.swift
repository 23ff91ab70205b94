import OrderedJSON

extension StoreScan {
    /// `models --json`: `{"store", "models", "warnings"}` with `models` (a selection of this scan's records, in
    /// the order given) written one record at a time, so a 100,000-model store is never one document in memory.
    /// - Parameter warnings: the command's warnings (by default the scan's).
    public func modelsDocument(_ models: some Sequence<ModelRecord>, warnings: [String]? = nil) -> StreamedJSONObject {
        StreamedJSONObject([
            ("store", .value(.string(root.path))),
            ("models", .elements(AnySequence(models.lazy.map(\.jsonValue)))),
            ("warnings", .value(.array((warnings ?? self.warnings.map(\.description)).map(JSONValue.string)))),
        ])
    }
}
