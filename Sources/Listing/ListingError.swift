/// A `--sort` or `--filter` that cannot be read: the message names the part that is wrong.
public struct ListingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }
}
