/// What `prune` may delete.
public struct PruneOptions: Sendable {
    /// Ollama's `layerPruneGracePeriod`: nothing modified more recently is touched, so a pull or create in
    /// progress keeps its files.
    public static let ollamaGracePeriodNanoseconds: Int64 = 3_600_000_000_000

    /// Files modified less than this long ago are kept.
    public var gracePeriodNanoseconds: Int64
    /// Whether partial downloads (`-partial`, `-partial-N`) may go too; a later pull would resume them.
    public var includesPartials: Bool

    public init(gracePeriodNanoseconds: Int64 = ollamaGracePeriodNanoseconds, includesPartials: Bool = false) {
        self.gracePeriodNanoseconds = gracePeriodNanoseconds
        self.includesPartials = includesPartials
    }

    /// Parses a grace period as `--grace` takes it: a number with a unit, `s`, `m`, `h` or `d`, or several
    /// (`1h30m`); a bare `0` for none.
    public static func nanoseconds(parsing text: String) -> Int64? {
        if text == "0" { return 0 }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
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

    /// `1h`, `1h30m`, `45s`, `2d`, `0s`: the form `--grace` takes.
    public static func format(nanoseconds: Int64) -> String {
        var seconds = nanoseconds / 1_000_000_000
        guard seconds > 0 else { return "0s" }
        var text = ""
        for (unit, size) in [("d", Int64(86400)), ("h", 3600), ("m", 60), ("s", 1)] where seconds >= size {
            text += "\(seconds / size)\(unit)"
            seconds %= size
        }
        return text
    }
}
