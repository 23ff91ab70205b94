import Foundation
import OllamaStore

extension VerificationCache {
    /// Why the cache has no usable place.
    public enum LocationError: Error, Equatable, Sendable, CustomStringConvertible {
        /// No `--cache`, no absolute `$XDG_CACHE_HOME` and no home directory.
        case noHomeDirectory
        /// The cache would be a file of the store, which only Ollama (and prune) may change.
        case insideStore(path: String)

        public var description: String {
            switch self {
            case .noHomeDirectory: return "no home directory for the verification cache; give --cache FILE"
            case .insideStore(let path): return "\(path): the verification cache may not be inside the store"
            }
        }
    }

    /// Where the cache of `store` goes: `explicit` (`--cache`) made absolute, else `defaultPath`; never inside
    /// the store, however the path is spelled.
    public static func location(
        explicit: String?, store: StoreRoot, environment: [String: String],
        homeDirectory: String? = StoreRoot.homeDirectory()
    ) throws(LocationError) -> String {
        guard
            let path = explicit.map({ URL(fileURLWithPath: $0).standardizedFileURL.path })
                ?? defaultPath(environment: environment, homeDirectory: homeDirectory)
        else { throw .noHomeDirectory }
        if store.contains(path) { throw .insideStore(path: path) }
        return path
    }
}
