/// One column of a listing that `--sort` and `--filter` can name, and how to read it from a row.
public struct ListingField<Row>: Sendable {
    public var key: String
    public var kind: ListingKind
    public var value: @Sendable (Row) -> ListingValue

    public init(_ key: String, _ kind: ListingKind, _ value: @escaping @Sendable (Row) -> ListingValue) {
        self.key = key
        self.kind = kind
        self.value = value
    }

    /// Largest, newest and most first; names in alphabetical order.
    var sortsDescendingByDefault: Bool {
        switch kind {
        case .bytes, .count, .time, .flag: return true
        case .text, .texts: return false
        }
    }
}

/// What a field holds, which decides how a filter's value is read and which way it sorts first.
public enum ListingKind: Sendable {
    /// Compared without regard to case; `*` in a filter's value matches any run of characters.
    case text
    /// Several texts (capabilities, families): `=` means "includes", `!=` "does not include".
    case texts
    /// Bytes: `5GB`, `500MB`, `1.5GiB`, `123` (Ollama's decimal units; `KiB`… are binary).
    case bytes
    /// A count: `7B`, `500M`, `8K`, `4096`.
    case count
    /// A time, in nanoseconds since the epoch, filtered by its age: `modified>30d` is older than 30 days.
    case time
    /// `true` or `false` (also `yes`/`no`).
    case flag
}

/// A row's value in one field; nil when the row has none (shown as `-`).
public enum ListingValue: Sendable, Equatable {
    case text(String?)
    case texts([String])
    case number(Int64?)
    case flag(Bool)
}

extension ListingField {
    /// The same field on a row that holds this one's row (du's rows hold the model's record).
    public func on<Outer>(_ part: @escaping @Sendable (Outer) -> Row) -> ListingField<Outer> {
        let value = self.value
        return ListingField<Outer>(key, kind) { value(part($0)) }
    }
}
