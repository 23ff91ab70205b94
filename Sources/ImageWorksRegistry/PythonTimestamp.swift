import Foundation

/// `datetime.now(timezone.utc).isoformat()`, the original's timestamps: `2025-10-02T23:08:43.888701+00:00`,
/// without the fraction when the microseconds are exactly 0, as Python prints it.
public enum PythonTimestamp {
    /// Python's `date.isoformat()` of `date` in UTC: `2025-10-02T23:08:43.888701+00:00`.
    public static func isoformat(_ date: Date) -> String {
        let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        var seconds = microseconds / 1_000_000
        var fraction = microseconds % 1_000_000
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000
        }
        // The whole seconds (`…T23:08:43`), then Python's six-digit fraction and offset.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        var text = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        if fraction != 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: 6 - digits.count) + digits
        }
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
