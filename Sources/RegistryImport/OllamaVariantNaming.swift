import ImageWorksRegistry
/// ImageWorks' "Strategy A" naming of Ollama models, exactly as the original at 14c5db2 computes it,
/// quirks included, so that an entry written by either tool is found by the other: the identifier is split at its first `:`, a tag that is a
/// quant token by the seed's regex becomes the quant, any other tag joins the family.
public struct OllamaVariantNaming: Sendable, Equatable {
    /// The variant family, e.g. `qwen2.5vl-7b`.
    public let family: String
    /// The quant token the tag carries, lower case (`q4_k_m`), or nil.
    public let tagQuant: String?

    /// Names the identifier as `ollama list` shows it (`served_model_id`).
    public init(identifier: String) {
        let (base, tag) = Self.split(identifier)
        if let tag {
            let token = Self.normalize(tag, preservingUnderscores: true)
            if Self.isQuantToken(token) {
                family = Self.normalize(base)
                tagQuant = token
            } else {
                family = Self.normalize(base) + "-" + Self.normalize(tag)
                tagQuant = nil
            }
        } else {
            family = Self.normalize(base)
            tagQuant = nil
        }
    }

    /// `<family>-ollama-gguf[-<quant>]`, the importer's variant name.
    public func variantName(quant: String?) -> String {
        family + "-ollama-gguf" + (quant.map { "-" + $0 } ?? "")
    }

    /// The name `record_download` gives a new entry: the quant is left out when it equals the family,
    /// the backend or the format.
    public func recordDownloadName(quant: String?) -> String {
        var parts = [family, "ollama", "gguf"].filter { !$0.isEmpty }
        if let quant, !quant.isEmpty, !parts.contains(quant) { parts.append(quant) }
        return parts.joined(separator: "-")
    }

    /// The display name: family and quant, with `hf.co-<first piece>-` dropped.
    public func displayName(quant: String?) -> String {
        let display = family + (quant.map { "-" + $0 } ?? "")
        let parts = display.split(separator: "-", omittingEmptySubsequences: false)
        if display.hasPrefix("hf.co-") && parts.count > 2 { return parts[2...].joined(separator: "-") }
        return display
    }

    /// The original's `norm(s)`: trimmed, lower case, `@`, `/`, space (and `_` unless preserved) become `-`, runs of
    /// `-` collapse, no `-` at either end.
    public static func normalize(_ text: String, preservingUnderscores: Bool = false) -> String {
        var out = ""
        for character in text.trimmingPythonWhitespace().lowercased() {
            let mapped: Character
            switch character {
            case "@", "/", " ": mapped = "-"
            case "_" where !preservingUnderscores: mapped = "-"
            default: mapped = character
            }
            if mapped == "-" && out.last == "-" { continue }
            out.append(mapped)
        }
        while out.hasPrefix("-") { out.removeFirst() }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    /// The seed code's quant regex, case-insensitive, on the whole token:
    /// `^(q\d(?:_k(?:_m)?)?|int4|int8|fp16|f16|awq|gptq|nf4|fp8)$`.
    public static func isQuantToken(_ token: String) -> Bool {
        let t = Array(token.trimmingPythonWhitespace().lowercased().unicodeScalars)
        if ["int4", "int8", "fp16", "f16", "awq", "gptq", "nf4", "fp8"].contains(String(String.UnicodeScalarView(t))) {
            return true
        }
        guard t.count >= 2, t[0] == "q", ("0"..."9").contains(t[1]) else { return false }
        let rest = String(String.UnicodeScalarView(t[2...]))
        return rest == "" || rest == "_k" || rest == "_k_m"
    }

    /// Splits at the first `:` (not the last: a tag with a colon stays whole, as in the original).
    static func split(_ identifier: String) -> (base: String, tag: String?) {
        guard let colon = identifier.firstIndex(of: ":") else { return (identifier, nil) }
        return (String(identifier[..<colon]), String(identifier[identifier.index(after: colon)...]))
    }
}
