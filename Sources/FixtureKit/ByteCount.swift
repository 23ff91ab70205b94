import Foundation

/// Sizes as people write them on a command line: `4GiB`, `512MiB`, `1.5GB`, `100k`, or plain bytes.
public enum ByteCount {
    /// The number of bytes, or nil for text that is not a size. Binary units (`KiB`, `k`, `G`…) are powers of
    /// 1024, decimal units (`KB`, `GB`…) powers of 1000; case does not matter.
    public static func parse(_ text: String) -> Int64? {
        let lower = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [
            ("tib", 1_099_511_627_776), ("gib", 1_073_741_824), ("mib", 1_048_576), ("kib", 1024),
            ("tb", 1e12), ("gb", 1e9), ("mb", 1e6), ("kb", 1e3), ("t", 1_099_511_627_776), ("g", 1_073_741_824),
            ("m", 1_048_576), ("k", 1024), ("b", 1),
        ]
        let (number, scale) =
            units.first { lower.hasSuffix($0.0) }.map { (String(lower.dropLast($0.0.count)), $0.1) } ?? (lower, 1)
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value >= 0, value.isFinite,
            value * scale < 9e18
        else { return nil }
        return Int64(value * scale)
    }
}
