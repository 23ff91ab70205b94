import Hashing
import OrderedJSON

/// Why a manifest file cannot be used as a manifest.
public enum ManifestError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidJSON(JSONError)
    /// A field is missing or has the wrong type (the field path, e.g. `layers[2].size`, and the problem).
    case field(String, String)
    case hashing(HashingError)

    public var description: String {
        switch self {
        case .invalidJSON(let error): return "invalid JSON: \(error)"
        case .field(let field, let problem): return "\(field) \(problem)"
        case .hashing(let error): return error.description
        }
    }
}
