/// The model's file type (`general.file_type`, llama.cpp's `llama_ftype`) and its short name.
public struct GGUFFileType: Equatable, Sendable, CustomStringConvertible {
    /// The stored number; `nil` when the type was guessed from the tensors.
    public var value: UInt32?
    /// The short name (`Q4_K_M`), or `nil` for a stored number that has no name.
    public var name: String?
    /// Whether the name was derived from the tensor types because the key is absent.
    public var isGuessed: Bool

    /// The name, `unknown (<n>)` for an unnamed number, with `(guessed)` for a guess.
    public var description: String {
        if let name { return isGuessed ? "\(name) (guessed)" : name }
        return "unknown (\(value.map(String.init) ?? "?"))"
    }

    /// Names a stored `general.file_type` as Ollama HEAD does, with two rules of our own: 0 is `F32` (what a
    /// real all-F32 file stores, and what Ollama's list scan shows), and 4 is `MXFP4` in Ollama's own gpt-oss
    /// files, which store 4 for MXFP4.
    public init(storedValue: UInt32, architecture: String?) {
        value = storedValue
        isGuessed = false
        if storedValue == 4 {
            name = (architecture == "gptoss" || architecture == "gpt-oss") ? "MXFP4" : nil
        } else {
            name = Self.names[storedValue]
        }
    }

    /// A guessed file type (the key is absent).
    public init(guessedName: String) {
        value = nil
        name = guessedName
        isGuessed = true
    }

    /// Ollama HEAD's `FileType.String()` (v0.30+), which names the llama.cpp values.
    private static let names: [UInt32: String] = [
        0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K", 11: "Q3_K_S",
        12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K",
        19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS", 23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL",
        26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16",
        36: "TQ1_0", 37: "TQ2_0", 38: "MXFP4_MOE", 39: "NVFP4", 40: "Q1_0",
    ]

    /// Guesses the file type from the tensors when `general.file_type` is absent.
    ///
    /// Counts tensors per type, leaving out F32 tensors (and F16/BF16 tensors whose name ends in
    /// `norm.weight`) when any other type is present; takes the most frequent type, a tie going to the one
    /// with more elements; and maps it as llama.cpp does (Q4_K → Q4_K_M, Q3_K → Q3_K_M, Q5_K → Q5_K_M,
    /// anything else to the file type of the same name). Returns `nil` when no tensor type maps to a file type.
    public static func guess(from tensors: [GGUFTensorInfo]) -> GGUFFileType? {
        func isNormLike(_ t: GGUFTensorInfo) -> Bool {
            t.type.name == "F32" || ((t.type.name == "F16" || t.type.name == "BF16") && t.name.hasSuffix("norm.weight"))
        }
        let hasOther = tensors.contains { !isNormLike($0) }
        var counts: [String: (count: Int, elements: UInt64)] = [:]
        for tensor in tensors where !hasOther || !isNormLike(tensor) {
            let previous = counts[tensor.type.name, default: (0, 0)]
            counts[tensor.type.name] = (previous.count + 1, previous.elements &+ tensor.elementCount)
        }
        let best = counts.max { a, b in
            (a.value.count, a.value.elements, b.key) < (b.value.count, b.value.elements, a.key)
        }
        guard let typeName = best?.key else { return nil }
        let mapped: String
        switch typeName {
        case "Q4_K": mapped = "Q4_K_M"
        case "Q3_K": mapped = "Q3_K_M"
        case "Q5_K": mapped = "Q5_K_M"
        case "Q8_1", "Q8_K", "I8", "I16", "I32", "I64", "F64": return nil
        default: mapped = typeName
        }
        return GGUFFileType(guessedName: mapped)
    }
}
