#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ollama's `format` package: how `ollama list` and `ollama show` print sizes, counts and times.
public enum HumanFormat {
    /// `format.HumanBytes`: decimal units; a value of 10 or more in its unit is truncated to an integer,
    /// below 10 it gets one decimal unless whole (2 019 393 189 → "2.0 GB", 13 793 441 244 → "13 GB",
    /// 10^9 → "1 GB", 999 → "999 B").
    public static func bytes(_ count: Int64) -> String {
        let units: [(Int64, String)] = [
            (1_000_000_000_000, "TB"), (1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "KB"),
        ]
        guard let (scale, unit) = units.first(where: { count >= $0.0 }) else { return "\(count) B" }
        let value = Double(count) / Double(scale)
        if value >= 10 || value == value.rounded(.towardZero) { return "\(Int64(value)) \(unit)" }
        return "\(fixed(value, decimals: 1)) \(unit)"
    }

    /// Decimal units with two decimals ("1.23 GB"), finer than `bytes` for a rate or a progress line.
    public static func preciseBytes(_ count: Int64) -> String {
        let units: [(Double, String)] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB")]
        guard let (scale, unit) = units.first(where: { Double(count) >= $0.0 }) else { return "\(count) B" }
        return "\(fixed(Double(count) / scale, decimals: 2)) \(unit)"
    }

    /// 1024-based units with one decimal ("4.2 GB" for 4.2 GiB), as ImageWorks' listing prints sizes.
    public static func binaryBytes(_ count: Int64) -> String {
        var value = Double(count)
        for unit in ["B", "KB", "MB", "GB", "TB"] {
            if value < 1024 { return fixed(value, decimals: 1) + " " + unit }
            value /= 1024
        }
        return fixed(value, decimals: 1) + " PB"
    }

    /// `m:ss` for a time left: "3:07", "125:00".
    public static func minutesAndSeconds(_ seconds: Int) -> String {
        let padded = String(seconds % 60)
        return "\(seconds / 60):" + (padded.count < 2 ? "0" + padded : padded)
    }

    /// `format.HumanNumber`, which made the parameter sizes in config blobs: "3.2B" (or "7B" if whole),
    /// "595.78M" (or "137M" if whole), "12K", or the plain number below a thousand.
    public static func number(_ count: UInt64) -> String {
        let value = Double(count)
        if count >= 1_000_000_000 {
            let n = value / 1e9
            return n == n.rounded(.down) ? "\(fixed(n, decimals: 0))B" : "\(fixed(n, decimals: 1))B"
        }
        if count >= 1_000_000 {
            let n = value / 1e6
            return n == n.rounded(.down) ? "\(fixed(n, decimals: 0))M" : "\(fixed(n, decimals: 2))M"
        }
        if count >= 1_000 { return "\(fixed(value / 1e3, decimals: 0))K" }
        return String(count)
    }

    /// `format.HumanTime`: "4 hours ago", "About a minute ago", "2 weeks ago", "3 days from now".
    public static func relativeTime(secondsSinceEpoch then: Double, now: Double) -> String {
        let delta = now - then
        if delta < 0 {
            if Int(-delta / 3600) / 24 / 365 > 20 { return "Forever" }
            return duration(-delta) + " from now"
        }
        return duration(delta) + " ago"
    }

    /// `format.HumanDuration`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds)
        if s < 1 { return "Less than a second" }
        if s == 1 { return "1 second" }
        if s < 60 { return "\(s) seconds" }
        let minutes = Int(seconds / 60)
        if minutes == 1 { return "About a minute" }
        if minutes < 60 { return "\(minutes) minutes" }
        let hours = Int((seconds / 3600).rounded())
        if hours == 1 { return "About an hour" }
        if hours < 48 { return "\(hours) hours" }
        if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
        if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
        if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
        return "\(hours / 24 / 365) years"
    }

    /// RFC 3339 in UTC with the fraction Go's `RFC3339Nano` keeps (trailing zeros dropped):
    /// `2026-11-25T10:12:03.5Z`.
    public static func timestamp(nanosecondsSinceEpoch ns: Int64) -> String {
        var seconds = time_t(ns / 1_000_000_000)
        var fraction = ns % 1_000_000_000
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000_000
        }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var text =
            "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
        if fraction > 0 {
            var digits = pad(Int32(fraction), 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    /// `%.<decimals>f` as C's printf (and Go's `fmt`) round it: to nearest, ties to even on the binary value.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.\(decimals)f", $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Parses a duration as `prune --grace` and `verify --max-age` take it: a number with a unit, `s`, `m`,
    /// `h`, `d` or `w`, or several (`1h30m`); a bare `0` for none.
    public static func durationNanoseconds(parsing text: String) -> Int64? {
        if text == "0" { return 0 }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400]
        var total: Int64 = 0
        var digits = ""
        for c in text {
            if c.isASCII && c.isNumber {
                digits.append(c)
            } else if let unit = units[c], let n = Int64(digits) {
                let (product, overflow) = n.multipliedReportingOverflow(by: unit * 1_000_000_000)
                guard !overflow, total <= Int64.max - product else { return nil }
                total += product
                digits = ""
            } else {
                return nil
            }
        }
        return digits.isEmpty && !text.isEmpty ? total : nil
    }

    /// `1h`, `1h30m`, `45s`, `2d`, `0s`: the form `durationNanoseconds(parsing:)` reads.
    public static func duration(nanoseconds: Int64) -> String {
        var seconds = nanoseconds / 1_000_000_000
        guard seconds > 0 else { return "0s" }
        var text = ""
        for (unit, size) in [("d", Int64(86400)), ("h", 3600), ("m", 60), ("s", 1)] where seconds >= size {
            text += "\(seconds / size)\(unit)"
            seconds %= size
        }
        return text
    }

    /// `a`, `a and b`, `a, b and c`.
    public static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
