/// The version `ollama-scan --version` prints.
enum ToolVersion {
    static let current = "0.5.0"
}
