import OrderedJSON

extension StoreScan {
    /// `models --json`: `{"store", "models", "warnings"}` with `models` (a selection of this scan's records, in
    /// the order given) written one record at a time, so a 100,000-model store is never one document in memory.
    public func modelsDocument(_ models: some Sequence<ModelRecord>) -> StreamedJSONObject {
        StreamedJSONObject([
            ("store", .value(.string(root.path))),
            ("models", .elements(AnySequence(models.lazy.map(\.jsonValue)))),
            ("warnings", .value(.array(warnings.map(\.jsonValue)))),
        ])
    }
}
