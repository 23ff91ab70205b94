import OllamaStore
import OrderedJSON

extension PruneReport {
    /// `prune --json`: `{"store", "applied", "grace", "include_partials", "ollama_running", "bytes", "files",
    /// "stopped", "warnings"}`, one element of `files` per decision; `stopped` says why a run stopped part-way.
    public func jsonDocument(warnings: [String] = []) -> StreamedJSONObject {
        StreamedJSONObject([
            ("store", .value(.string(storePath))), ("applied", .value(.bool(applied))),
            ("grace", .value(.string(HumanFormat.duration(nanoseconds: options.gracePeriodNanoseconds)))),
            ("include_partials", .value(.bool(options.includesPartials))),
            ("ollama_running", .value(.array(ollamaProcesses.map { .integer(Int64($0)) }))),
            ("bytes", .value(.integer(bytes))),
            ("files", .elements(AnySequence(decisions.lazy.map(\.jsonValue)))),
            ("stopped", .value(JSONValue.optional(stopReason))),
            ("warnings", .value(.array(warnings.map(JSONValue.string)))),
        ])
    }
}
