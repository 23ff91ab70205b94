import ArgumentParser
import Listing

/// `--sort`, `--filter`, `--limit` and `--names`, spelled the same on every listing command.
struct ListingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Sort by KEY, largest and newest first (text A to Z).", valueName: "key[:asc|desc]"))
    var sort: String?

    @Option(
        name: .customLong("filter"),
        help: ArgumentHelp("Keep rows where KEY OP VALUE holds, e.g. size>5GB (repeatable).", valueName: "expr"))
    var filters: [String] = []

    @Option(help: ArgumentHelp("Keep the first N rows.", valueName: "n"))
    var limit: Int?

    @Flag(help: "Print only the names, one per line (for $(…) in another command).")
    var names = false

    /// The query over `fields` (the first is the name), or a usage error (exit 2) naming the wrong part.
    func query<Row>(_ fields: [ListingField<Row>], defaultSort: String) throws -> ListingQuery<Row> {
        do {
            return try ListingQuery(
                filters: filters, sort: sort, limit: limit, fields: fields, defaultSort: defaultSort)
        } catch {
            throw CommandFailure.unusable(error.description)
        }
    }
}
