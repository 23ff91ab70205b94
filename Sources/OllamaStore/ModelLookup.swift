/// The models of a scan by name, for callers that look up many names (a registry of thousands of entries
/// checked against a store of thousands of models): each lookup is a hash probe instead of a pass over every
/// model, with exactly the matching rule of `StoreScan.models(matching:)`.
public struct ModelLookup: Sendable {
    private let models: [ModelRecord]
    /// Model indices by their name with every part's ASCII letters in lower case (Ollama compares names
    /// without case, part by part, and names are ASCII).
    private let indicesByName: [String: [Int]]

    /// Indexes the models of `scan`.
    public init(_ scan: StoreScan) {
        models = scan.models
        var indices: [String: [Int]] = [:]
        for (index, model) in scan.models.enumerated() { indices[Self.key(model.name), default: []].append(index) }
        indicesByName = indices
    }

    /// The models `query` names, as `StoreScan.models(matching:)` finds them: an exact-case match first.
    public func models(matching query: String) -> [ModelRecord] {
        let wanted = ModelName(parsing: query)
        return (indicesByName[Self.key(wanted)] ?? []).map { models[$0] }.sorted { a, _ in a.name == wanted }
    }

    private static func key(_ name: ModelName) -> String {
        [name.host, name.namespace, name.model, name.tag].map(\.asciiLowercased).joined(separator: "\u{0}")
    }
}

extension String {
    /// The string with `A`–`Z` in lower case and every other character as it is.
    fileprivate var asciiLowercased: String {
        String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
