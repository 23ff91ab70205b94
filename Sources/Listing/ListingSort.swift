/// `--sort KEY[:asc|desc]`: a field and a direction, by default the field's natural one (largest, newest and
/// most first; names A to Z).
public struct ListingSort<Row>: Sendable {
    public let field: ListingField<Row>
    public let descending: Bool

    public init(parsing text: String, fields: [ListingField<Row>]) throws(ListingError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let key = parts.first?.lowercased() ?? ""
        guard let field = fields.first(where: { $0.key == key }) else {
            throw ListingError(
                "--sort \"\(text)\": unknown key \"\(key)\"; this listing sorts by \(fields.map(\.key).joined(separator: ", "))"
            )
        }
        self.field = field
        switch parts.count > 1 ? parts[1].lowercased() : nil {
        case nil: descending = field.sortsDescendingByDefault
        case "asc": descending = false
        case "desc": descending = true
        case let direction?:
            throw ListingError("--sort \"\(text)\": \"\(direction)\" is not a direction; use asc or desc")
        }
    }

    /// Whether `a` goes before `b`; rows without a value go last either way.
    func precedes(_ a: ListingValue, _ b: ListingValue) -> Bool? {
        switch (a, b) {
        case (.text(let x), .text(let y)):
            return ordered(x?.lowercased(), y?.lowercased())
        case (.texts(let x), .texts(let y)):
            return ordered(x.first?.lowercased(), y.first?.lowercased())
        case (.number(let x), .number(let y)):
            return ordered(x, y)
        case (.flag(let x), .flag(let y)):
            return x == y ? nil : (descending ? x : y)
        default:
            return nil
        }
    }

    /// nil when equal, so the caller can break the tie.
    private func ordered<T: Comparable>(_ x: T?, _ y: T?) -> Bool? {
        switch (x, y) {
        case (nil, nil): return nil
        case (nil, _): return false
        case (_, nil): return true
        case (let x?, let y?): return x == y ? nil : (descending ? x > y : x < y)
        }
    }
}
