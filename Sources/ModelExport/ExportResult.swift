import OllamaStore

/// What an export wrote.
public struct ExportResult: Sendable {
    /// One file in the destination.
    public struct WrittenFile: Sendable {
        /// What the file is to the model.
        public var role: ExportPlan.Role
        /// Where it was written.
        public var path: String
        /// The blob's digest.
        public var digest: BlobDigest
        /// Its size in bytes.
        public var size: Int64
        /// How it was placed: a copy or a link.
        public var method: ModelExporter.Method
        /// Whether the bytes written were hashed and matched the blob's name (copies only).
        public var verified: Bool
    }

    /// The model, as `ollama list` names it.
    public var model: String
    /// The destination folder, absolute.
    public var destination: String
    /// The GGUF files written, the model first.
    public var files: [WrittenFile]
    /// The Modelfile written.
    public var modelfilePath: String
    /// What the Modelfile had to leave out.
    public var warnings: [String]
    /// The bytes copied (0 for links).
    public var bytesCopied: Int64
    /// The time the export took.
    public var seconds: Double
}
