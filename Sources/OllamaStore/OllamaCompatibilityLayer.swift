import GGUF

/// The architectures whose published Ollama GGUFs Ollama loads through a load-time compatibility layer that
/// rewrites their metadata and tensor layout in memory (`llama/compat` in Ollama's sources, since May 2026):
/// such a blob, taken out as it is, may not load in stock llama.cpp or LM Studio, while a GGUF converted by
/// llama.cpp's own tools loads fine. Upstream calls the layer temporary, so the list is Ollama's of that time.
public enum OllamaCompatibilityLayer {
    /// `general.architecture` values the layer has handlers for.
    public static let architectures: Set<String> = [
        "gemma3", "gemma3n", "gemma4", "gptoss", "mistral3", "qwen35", "qwen35moe", "qwen3next", "qwen25vl", "qwen3vl",
        "qwen3vlmoe", "glmocr", "glm4moelite", "nemotron_h_moe", "nemotron_h_omni", "llama4",
    ]

    /// The architecture of `header` (else the config's family) when it is one the layer rewrites, else nil.
    public static func architecture(header: GGUFHeader?, config: ModelConfig?) -> String? {
        let architecture = header?.architecture ?? config?.modelFamily
        return architecture.flatMap { architectures.contains($0) ? $0 : nil }
    }

    /// The warning `export` and `show` give for such a model.
    public static func warning(architecture: String) -> String {
        "a \(architecture) model: Ollama loads its GGUF through a compatibility layer, so the file as exported "
            + "may not load in stock llama.cpp or LM Studio (a GGUF converted by llama.cpp's tools does)"
    }
}
