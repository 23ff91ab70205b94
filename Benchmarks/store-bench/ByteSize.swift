import Foundation
import ArgumentParser

/// A size on the command line: `4GiB`, `512MiB`, `1.5GB`, `100k`, or plain bytes.
struct ByteSize: ExpressibleByArgument, CustomStringConvertible {
    var bytes: Int64

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [
            ("tib", 1_099_511_627_776), ("gib", 1_073_741_824), ("mib", 1_048_576), ("kib", 1024),
            ("tb", 1e12), ("gb", 1e9), ("mb", 1e6), ("kb", 1e3), ("t", 1_099_511_627_776), ("g", 1_073_741_824),
            ("m", 1_048_576), ("k", 1024), ("b", 1),
        ]
        let (number, scale) = units.first { text.hasSuffix($0.0) }.map { (String(text.dropLast($0.0.count)), $0.1) } ?? (text, 1)
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value >= 0, value * scale < 9e18 else { return nil }
        bytes = Int64(value * scale)
    }

    var description: String { "\(bytes) bytes" }
}
