import OllamaStore

/// What an export wrote.
public struct ExportResult: Sendable {
    /// One file in the destination.
    public struct WrittenFile: Sendable {
        public var role: ExportPlan.Role
        public var path: String
        public var digest: BlobDigest
        public var size: Int64
        public var method: ModelExporter.Method
        /// Whether the bytes written were hashed and matched the blob's name (copies only).
        public var verified: Bool
    }

    public var model: String
    public var destination: String
    public var files: [WrittenFile]
    public var modelfilePath: String
    /// What the Modelfile had to leave out.
    public var warnings: [String]
    public var bytesCopied: Int64
    public var seconds: Double
}
