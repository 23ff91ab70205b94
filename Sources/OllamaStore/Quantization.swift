import GGUF

/// A model's quantization name and where it came from. Its rule is the only one: the `models` QUANT column,
/// the registry's `quantization` on import and `registry normalize-formats` all ask it.
public struct Quantization: Sendable, Equatable {
    /// Where the name came from.
    public enum Source: String, Sendable {
        /// The GGUF header's `general.file_type`.
        case gguf
        /// Derived from the tensor types because `general.file_type` is absent.
        case ggufGuessed = "gguf-guessed"
        /// The config blob's `file_type`.
        case config
    }

    public var name: String
    public var source: Source

    public init(name: String, source: Source) {
        self.name = name
        self.source = source
    }

    /// The GGUF header's named file type, else the config's `file_type`, unless it is empty or `unknown`.
    /// - Parameter acceptingGuess: whether a file type guessed from the tensor types counts (the listing shows
    ///   it, marked as a guess; the registry records only what a file states).
    public init?(fileType: GGUFFileType?, config: ModelConfig?, acceptingGuess: Bool = true) {
        if let fileType, let name = fileType.name, acceptingGuess || !fileType.isGuessed, !Self.isUnknown(name) {
            self.init(name: name, source: fileType.isGuessed ? .ggufGuessed : .gguf)
        } else if let name = Self.configName(config) {
            self.init(name: name, source: .config)
        } else {
            return nil
        }
    }

    /// The config's `file_type`, unless it is empty or `unknown` (what Ollama writes when it cannot tell).
    public static func configName(_ config: ModelConfig?) -> String? {
        guard let name = config?.fileType, !name.isEmpty, !isUnknown(name) else { return nil }
        return name
    }

    private static func isUnknown(_ name: String) -> Bool { name.lowercased() == "unknown" }
}
