import GGUF
import OllamaStore
import Testing

/// The one quantization rule: what the listing shows, what import and normalize record.
@Suite struct QuantizationTests {
    static func config(_ fileType: String) -> ModelConfig {
        var config = ModelConfig()
        config.fileType = fileType
        return config
    }

    static let stated = GGUFFileType(storedValue: 15, architecture: "llama")
    static let guessed = GGUFFileType(guessedName: "Q4_K_M")
    static let unnamed = GGUFFileType(storedValue: 999, architecture: "llama")

    @Test func theHeaderWinsThenTheConfig() {
        #expect(
            Quantization(fileType: Self.stated, config: Self.config("Q8_0")) == .init(name: "Q4_K_M", source: .gguf))
        #expect(Quantization(fileType: nil, config: Self.config("Q8_0")) == .init(name: "Q8_0", source: .config))
        #expect(
            Quantization(fileType: Self.unnamed, config: Self.config("Q8_0")) == .init(name: "Q8_0", source: .config))
        #expect(Quantization(fileType: nil, config: nil) == nil)
    }

    @Test func aGuessCountsOnlyWhenAccepted() {
        #expect(
            Quantization(fileType: Self.guessed, config: Self.config("F16"))
                == .init(name: "Q4_K_M", source: .ggufGuessed))
        #expect(
            Quantization(fileType: Self.guessed, config: Self.config("F16"), acceptingGuess: false)
                == .init(name: "F16", source: .config))
        #expect(Quantization(fileType: Self.guessed, config: nil, acceptingGuess: false) == nil)
    }

    @Test(arguments: ["", "unknown", "UNKNOWN"])
    func anEmptyOrUnknownConfigSaysNothing(_ fileType: String) {
        #expect(Quantization.configName(Self.config(fileType)) == nil)
        #expect(Quantization(fileType: nil, config: Self.config(fileType)) == nil)
    }
}
