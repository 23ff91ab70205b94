extension Registry {
    /// What a purge of deprecated entries removed.
    public struct Purge: Sendable, Equatable {
        /// The entries removed, in registry order.
        public var names: [String]
        /// Those of them that the curated layer owns: that file is never written, so they come back at the
        /// next load.
        public var curated: [String]
    }

    /// Removes the deprecated entries (with `placeholdersOnly`, only the `model-ollama-gguf…` placeholders).
    public mutating func purgeDeprecated(placeholdersOnly: Bool) -> Purge {
        let names = entries.filter { $0.deprecated && (!placeholdersOnly || $0.isPlaceholder) }.map(\.name)
        let curatedNames = curatedNames  // built once, not once per name
        let curated = names.filter(curatedNames.contains)
        removeAll(named: Set(names))
        return Purge(names: names, curated: curated)
    }
}
