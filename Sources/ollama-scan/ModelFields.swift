import Listing
import OllamaStore

/// The keys `--sort` and `--filter` take on a listing of models (`models`, and `du` with its byte keys).
enum ModelFields {
    static let all: [ListingField<ModelRecord>] = [
        ListingField("name", .text) { .text($0.displayName) },
        ListingField("size", .bytes) { .number($0.isRemote ? nil : $0.size) },
        ListingField("modified", .time) { .number($0.modifiedNanoseconds) },
        ListingField("id", .text) { .text($0.id) },
        ListingField("quant", .text) { .text($0.quantization) },
        ListingField("params", .count) { record in
            .number(
                record.parameterCount.map { Int64(clamping: $0) } ?? record.parameterSize.flatMap(ListingUnits.count))
        },
        ListingField("context", .count) { .number($0.contextLength) },
        ListingField("status", .text) { .text($0.status.rawValue) },
        ListingField("family", .texts) { record in
            var families = record.family.map { [$0] } ?? []
            for family in record.families ?? [] where !families.contains(family) { families.append(family) }
            return .texts(families)
        },
        ListingField("capability", .texts) { .texts($0.capabilities) },
        ListingField("format", .text) { .text($0.format) },
    ]

    static var keys: [String] { all.map(\.key) }
}
