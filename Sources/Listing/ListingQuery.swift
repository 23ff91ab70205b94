/// What a listing command was asked for: `--filter`s (all must hold), `--sort` and `--limit`.
public struct ListingQuery<Row>: Sendable {
    public var filters: [ListingFilter<Row>]
    public var sort: ListingSort<Row>
    public var limit: Int?
    /// The field that breaks ties and that `--names` prints: the row's name.
    public let nameField: ListingField<Row>

    /// - Parameters:
    ///   - fields: what the listing offers; the first is its name.
    ///   - defaultSort: the sort without `--sort`, in the same `KEY[:asc|desc]` form.
    public init(
        filters: [String], sort: String?, limit: Int?, fields: [ListingField<Row>], defaultSort: String
    ) throws(ListingError) {
        if let limit, limit < 0 { throw ListingError("--limit \(limit): give a count of 0 or more") }
        var parsed: [ListingFilter<Row>] = []
        for filter in filters { parsed.append(try ListingFilter(parsing: filter, fields: fields)) }
        self.filters = parsed
        self.sort = try ListingSort(parsing: sort ?? defaultSort, fields: fields)
        self.limit = limit
        nameField = fields[0]
    }

    /// The positions in `rows` of the rows to list, in order. Each row's sort value is read once, and
    /// positions are sorted rather than the rows, which may be large.
    /// - Parameter now: what ages count back from, in nanoseconds since the epoch.
    public func select(_ rows: [Row], now: Int64) -> [Int] {
        var order = rows.indices.filter { index in filters.allSatisfy { $0.matches(rows[index], now: now) } }
        let keys = rows.map(sort.field.value)
        let names = rows.map(nameField.value)
        let byName = ListingSort(ascendingBy: nameField)
        order.sort { a, b in
            sort.precedes(keys[a], keys[b]) ?? byName.precedes(names[a], names[b]) ?? (a < b)
        }
        if let limit, order.count > limit { order.removeLast(order.count - limit) }
        return order
    }

    /// The name of each selected row, one per line, as `--names` prints them.
    public func names(_ rows: [Row], selected: [Int]) -> [String] {
        selected.compactMap { index in
            if case .text(let name) = nameField.value(rows[index]) { return name }
            return nil
        }
    }
}

extension ListingSort {
    /// Ascending by `field`, for breaking ties.
    init(ascendingBy field: ListingField<Row>) {
        self.field = field
        descending = false
    }
}
