import Foundation

/// `datetime.now(timezone.utc).isoformat()`, the original's timestamps: `2025-10-02T23:08:43.888701+00:00`,
/// without the fraction when the microseconds are exactly 0 (registry.md 2.3).
public enum PythonTimestamp {
    public static func isoformat(_ date: Date) -> String {
        let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        var seconds = microseconds / 1_000_000
        var fraction = microseconds % 1_000_000
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000
        }
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))"
            + "T\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
        if fraction != 0 { text += "." + pad(Int(fraction), 6) }
        return text + "+00:00"
    }

    /// "Now", fixed to `SOURCE_DATE_EPOCH` (whole seconds since the epoch) when it is set, so that fixtures
    /// and tests are reproducible.
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) }) {
            return Date(timeIntervalSince1970: TimeInterval(epoch))
        }
        return Date()
    }
}
