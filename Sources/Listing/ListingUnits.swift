import OllamaStore

/// How filter values are written: Ollama's decimal byte units, counts as Ollama prints parameter sizes,
/// durations as `--grace` and `--max-age` take them.
public enum ListingUnits {
    /// `5GB` (decimal, as Ollama prints sizes), `1.5GiB` (binary), `123` or `123B`.
    static func bytes(_ text: String) -> Int64? {
        let units: [(String, Double)] = [
            ("kib", 1024), ("mib", 1_048_576), ("gib", 1_073_741_824), ("tib", 1_099_511_627_776), ("kb", 1e3),
            ("mb", 1e6),
            ("gb", 1e9), ("tb", 1e12), ("pb", 1e15), ("k", 1e3), ("m", 1e6), ("g", 1e9), ("t", 1e12), ("b", 1),
        ]
        return scaled(text, units: units)
    }

    /// `7B`, `500M`, `8K`, `1.5T`, `4096`: a parameter count or a length.
    public static func count(_ text: String) -> Int64? {
        scaled(text, units: [("k", 1e3), ("m", 1e6), ("b", 1e9), ("t", 1e12)])
    }

    /// `30d`, `12h`, `2w`, `1h30m`, `0`.
    static func duration(_ text: String) -> Int64? { HumanFormat.durationNanoseconds(parsing: text.lowercased()) }

    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: return nil
        }
    }

    /// A number with an optional unit suffix (case-insensitive), scaled and rounded to a whole number.
    private static func scaled(_ text: String, units: [(String, Double)]) -> Int64? {
        let lower = text.lowercased().filter { $0 != " " }
        let (suffix, scale) = units.first { lower.hasSuffix($0.0) } ?? ("", 1)
        guard let number = Double(lower.dropLast(suffix.count)), number >= 0, number.isFinite,
            lower.dropLast(suffix.count).allSatisfy({ $0.isNumber || $0 == "." })
        else { return nil }
        let value = (number * scale).rounded()
        return value < 9.2e18 ? Int64(value) : nil
    }

    /// Whether `text` matches `pattern`, where `*` stands for any run of characters. Written here because
    /// only `*` is wanted: `fnmatch` would also give `?` and `[` a meaning in model names and quants.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern == text }
        guard text.hasPrefix(parts[0]) else { return false }
        var rest = text.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() {
            guard let range = rest.firstRange(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(parts.last!)
    }
}
