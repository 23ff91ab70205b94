import Listing
import Testing

/// A row as a listing sees it: every kind of field.
struct Item: Sendable {
    var name: String
    var size: Int64?
    var modified: Int64
    var params: Int64?
    var status: String?
    var tags: [String]
    var installed: Bool
}

@Suite struct ListingQueryTests {
    static let day: Int64 = 86_400_000_000_000
    static let now: Int64 = 1_000 * day

    static let fields: [ListingField<Item>] = [
        ListingField("name", .text) { .text($0.name) },
        ListingField("size", .bytes) { .number($0.size) },
        ListingField("modified", .time) { .number($0.modified) },
        ListingField("params", .count) { .number($0.params) },
        ListingField("status", .text) { .text($0.status) },
        ListingField("capability", .texts) { .texts($0.tags) },
        ListingField("installed", .flag) { .flag($0.installed) },
    ]

    static let items = [
        Item(
            name: "llama3:8b", size: 4_700_000_000, modified: now - 40 * day, params: 8_000_000_000, status: "ok",
            tags: ["completion", "tools"], installed: true),
        Item(
            name: "llava:7b", size: 5_100_000_000, modified: now - 2 * day, params: 7_000_000_000, status: "ok",
            tags: ["completion", "vision"], installed: false),
        Item(
            name: "ghost:7b", size: 9_200, modified: now - 100 * day, params: nil, status: "missing_blobs", tags: [],
            installed: false),
        Item(name: "cloud:1b", size: nil, modified: now - 1 * day, params: nil, status: nil, tags: [], installed: true),
    ]

    func names(filters: [String] = [], sort: String? = nil, limit: Int? = nil) throws -> [String] {
        let query = try ListingQuery(
            filters: filters, sort: sort, limit: limit, fields: Self.fields, defaultSort: "modified")
        return query.names(Self.items, selected: query.select(Self.items, now: Self.now))
    }

    @Test func everyOperatorOnEveryKind() throws {
        #expect(try names(filters: ["size>5GB"]) == ["llava:7b"])
        #expect(try names(filters: ["size>=4.7GB"]) == ["llava:7b", "llama3:8b"])
        #expect(try names(filters: ["size<5000MB"]) == ["llama3:8b", "ghost:7b"])
        #expect(try names(filters: ["size<=9.2KB"]) == ["ghost:7b"])
        #expect(try names(filters: ["size=9200"]) == ["ghost:7b"])
        #expect(try names(filters: ["size!=9200"]) == ["cloud:1b", "llava:7b", "llama3:8b"])
        #expect(try names(filters: ["size>4GiB"]) == ["llava:7b", "llama3:8b"])
        #expect(try names(filters: ["modified>30d"]) == ["llama3:8b", "ghost:7b"])
        #expect(try names(filters: ["modified<1w"]) == ["cloud:1b", "llava:7b"])
        #expect(try names(filters: ["modified>=48h", "modified<=2d"]) == ["llava:7b"])
        #expect(try names(filters: ["params>7B"]) == ["llama3:8b"])
        #expect(try names(filters: ["params>=7000M"]) == ["llava:7b", "llama3:8b"])
        #expect(try names(filters: ["status!=ok"]) == ["cloud:1b", "ghost:7b"])
        #expect(try names(filters: ["STATUS=OK"]) == ["llava:7b", "llama3:8b"])
        #expect(try names(filters: ["name=ll*"]) == ["llava:7b", "llama3:8b"])
        #expect(try names(filters: ["name=*:7b"]) == ["llava:7b", "ghost:7b"])
        #expect(try names(filters: ["capability=vision"]) == ["llava:7b"])
        #expect(try names(filters: ["capability!=vision"]) == ["cloud:1b", "llama3:8b", "ghost:7b"])
        #expect(try names(filters: ["installed=true"]) == ["cloud:1b", "llama3:8b"])
        #expect(try names(filters: ["installed!=yes"]) == ["llava:7b", "ghost:7b"])
        #expect(try names(filters: [" size > 5GB "]) == ["llava:7b"])
    }

    @Test func sortDirectionsAndMissingValues() throws {
        #expect(try names() == ["cloud:1b", "llava:7b", "llama3:8b", "ghost:7b"])
        #expect(try names(sort: "modified:asc") == ["ghost:7b", "llama3:8b", "llava:7b", "cloud:1b"])
        // Rows without a value go last in either direction.
        #expect(try names(sort: "size") == ["llava:7b", "llama3:8b", "ghost:7b", "cloud:1b"])
        #expect(try names(sort: "size:asc") == ["ghost:7b", "llama3:8b", "llava:7b", "cloud:1b"])
        #expect(try names(sort: "name") == ["cloud:1b", "ghost:7b", "llama3:8b", "llava:7b"])
        #expect(try names(sort: "NAME:desc") == ["llava:7b", "llama3:8b", "ghost:7b", "cloud:1b"])
        // Ties are broken by name.
        #expect(try names(sort: "installed") == ["cloud:1b", "llama3:8b", "ghost:7b", "llava:7b"])
        #expect(try names(sort: "size", limit: 2) == ["llava:7b", "llama3:8b"])
        #expect(try names(limit: 0) == [])
    }

    static let badExpressions: [(String, String)] = [
        ("size", "no operator"), ("sizze>5GB", "unknown key \"sizze\""), ("size>", "no value after >"),
        ("size>5XB", "\"5XB\" is not a size"), ("params>lots", "\"lots\" is not a count"),
        ("modified>yesterday", "\"yesterday\" is not an age"), ("status>ok", "status takes = or !="),
        ("installed=maybe", "\"maybe\" is not true or false"), (">5GB", "no key before >"),
        ("size=>5GB", "\">5GB\" is not a size"), ("size>-1GB", "\"-1GB\" is not a size"),
    ]

    @Test(arguments: badExpressions) func badFiltersNameTheWrongPart(expression: String, message: String) {
        #expect {
            try ListingQuery(filters: [expression], sort: nil, limit: nil, fields: Self.fields, defaultSort: "name")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("--filter \"\(expression)\": ") && text.contains(message) && !text.contains("\n")
        }
    }

    @Test func badSortsAndLimits() {
        #expect(throws: ListingError.self) {
            try ListingQuery(filters: [], sort: "weight", limit: nil, fields: Self.fields, defaultSort: "name")
        }
        #expect {
            try ListingQuery(filters: [], sort: "size:up", limit: nil, fields: Self.fields, defaultSort: "name")
        } throws: { "\($0)".contains("\"up\" is not a direction") }
        #expect(throws: ListingError.self) {
            try ListingQuery(filters: [], sort: nil, limit: -1, fields: Self.fields, defaultSort: "name")
        }
    }
}
