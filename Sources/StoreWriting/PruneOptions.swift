/// What `prune` may delete.
public struct PruneOptions: Sendable {
    /// Ollama's `layerPruneGracePeriod`: nothing modified more recently is touched, so a pull or create in
    /// progress keeps its files.
    public static let ollamaGracePeriodNanoseconds: Int64 = 3_600_000_000_000

    /// Files modified less than this long ago are kept.
    public var gracePeriodNanoseconds: Int64
    /// Whether partial downloads (`-partial`, `-partial-N`) may go too; a later pull would resume them.
    public var includesPartials: Bool

    public init(gracePeriodNanoseconds: Int64 = ollamaGracePeriodNanoseconds, includesPartials: Bool = false) {
        self.gracePeriodNanoseconds = gracePeriodNanoseconds
        self.includesPartials = includesPartials
    }
}
