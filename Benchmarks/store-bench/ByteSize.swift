import ArgumentParser
import FixtureKit

/// A size option (`--total-size 8GiB`), parsed by `ByteCount`.
struct ByteSize: ExpressibleByArgument, CustomStringConvertible {
    var bytes: Int64

    init?(argument: String) {
        guard let bytes = ByteCount.parse(argument) else { return nil }
        self.bytes = bytes
    }

    var description: String { "\(bytes) bytes" }
}
