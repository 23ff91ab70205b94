/// One `--filter KEY OP VALUE` of a listing: `size>5GB`, `modified>30d`, `status!=ok`, `capability=vision`.
public struct ListingFilter<Row>: Sendable {
    /// The value a filter compares with, read once when the filter is parsed.
    enum Operand: Sendable {
        case text(String)
        case number(Int64)
        case flag(Bool)
    }

    public let field: ListingField<Row>
    public let comparison: ListingOperator
    let operand: Operand

    /// Reads `expression` against the fields a listing offers.
    /// - Throws: `ListingError` naming the part that is wrong: the key, the operator or the value.
    public init(parsing expression: String, fields: [ListingField<Row>]) throws(ListingError) {
        let quoted = "--filter \"\(expression)\""
        guard let start = expression.firstIndex(where: { "=!<>".contains($0) }) else {
            throw ListingError("\(quoted): no operator; write KEY OP VALUE with one of = != > < >= <=, e.g. size>5GB")
        }
        let key = expression[..<start].trimmingSpaces().lowercased()
        let rest = expression[start...]
        guard let comparison = ListingOperator.spellings.first(where: { rest.hasPrefix($0.rawValue) }) else {
            throw ListingError("\(quoted): \"\(rest.prefix(2))\" is not an operator; use one of = != > < >= <=")
        }
        let value = rest.dropFirst(comparison.rawValue.count).trimmingSpaces()
        guard !key.isEmpty else { throw ListingError("\(quoted): no key before \(comparison.rawValue)") }
        guard let field = fields.first(where: { $0.key == key }) else {
            throw ListingError(
                "\(quoted): unknown key \"\(key)\"; this listing has \(fields.map(\.key).joined(separator: ", "))")
        }
        guard !value.isEmpty else { throw ListingError("\(quoted): no value after \(comparison.rawValue)") }
        if comparison.isOrdering && [.text, .texts, .flag].contains(field.kind) {
            throw ListingError(
                "\(quoted): \(key) takes = or !=; \(comparison.rawValue) compares sizes, counts and times")
        }
        self.field = field
        self.comparison = comparison
        operand = try Self.operand(value, kind: field.kind, quoted: quoted)
    }

    private static func operand(_ value: String, kind: ListingKind, quoted: String) throws(ListingError)
        -> Operand
    {
        switch kind {
        case .text, .texts:
            return .text(Self.folded(value))
        case .bytes:
            guard let bytes = ListingUnits.bytes(value) else {
                throw ListingError("\(quoted): \"\(value)\" is not a size; write e.g. 5GB, 500MB, 1.5GiB or 1234")
            }
            return .number(bytes)
        case .count:
            guard let count = ListingUnits.count(value) else {
                throw ListingError("\(quoted): \"\(value)\" is not a count; write e.g. 7B, 500M, 8K or 4096")
            }
            return .number(count)
        case .time:
            guard let age = ListingUnits.duration(value) else {
                throw ListingError(
                    "\(quoted): \"\(value)\" is not an age; write e.g. 30d, 12h, 2w or 90m (modified>30d: older)")
            }
            return .number(age)
        case .flag:
            guard let flag = ListingUnits.flag(value) else {
                throw ListingError("\(quoted): \"\(value)\" is not true or false")
            }
            return .flag(flag)
        }
    }

    /// Whether `row` passes. A row without a value passes only `!=`.
    /// - Parameter now: what ages count back from, in nanoseconds since the epoch.
    public func matches(_ row: Row, now: Int64) -> Bool {
        switch (field.value(row), operand) {
        case (.text(let text), .text(let pattern)):
            guard let text else { return comparison == .notEqual }
            return ListingUnits.glob(pattern, matches: Self.folded(text)) == (comparison == .equal)
        case (.texts(let texts), .text(let pattern)):
            let includes = texts.contains { ListingUnits.glob(pattern, matches: Self.folded($0)) }
            return includes == (comparison == .equal)
        case (.number(let number), .number(let operand)):
            guard let number else { return comparison == .notEqual }
            // A time is compared by its age: `modified>30d` keeps what is older than 30 days.
            return compare(field.kind == .time ? now - number : number, operand)
        case (.flag(let flag), .flag(let operand)):
            return (flag == operand) == (comparison == .equal)
        default:
            return false
        }
    }

    /// Text as filters compare it: without case, and `_` the same as a space, so that the kind a table prints
    /// (`partial download`) and the one JSON writes (`partial_download`) both match.
    static func folded(_ text: String) -> String {
        String(text.lowercased().map { $0 == "_" ? " " : $0 })
    }

    private func compare(_ value: Int64, _ operand: Int64) -> Bool {
        switch comparison {
        case .equal: return value == operand
        case .notEqual: return value != operand
        case .greater: return value > operand
        case .less: return value < operand
        case .greaterOrEqual: return value >= operand
        case .lessOrEqual: return value <= operand
        }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

/// A filter's comparison.
public enum ListingOperator: String, Sendable, CaseIterable {
    case equal = "=", notEqual = "!=", greater = ">", less = "<", greaterOrEqual = ">=", lessOrEqual = "<="

    /// Longest first, so that `>=` is not read as `>` followed by `=5GB`.
    static let spellings: [ListingOperator] = [.notEqual, .greaterOrEqual, .lessOrEqual, .equal, .greater, .less]

    var isOrdering: Bool { self != .equal && self != .notEqual }
}

extension ListingFilter {
    /// `ollama list PREFIX`: the names that start with `prefix`, without regard to case.
    public init(prefix: String, field: ListingField<Row>) {
        self.field = field
        comparison = .equal
        operand = .text(Self.folded(prefix) + "*")
    }
}
