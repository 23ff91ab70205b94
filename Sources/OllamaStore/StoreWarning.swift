/// Something in the store that is broken or out of place; the scan reports it and goes on.
public struct StoreWarning: Sendable, Equatable, CustomStringConvertible {
    /// The file the warning is about.
    public var path: String
    /// What is wrong, in a few words.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
