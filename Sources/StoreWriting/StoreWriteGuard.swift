import FileIO
import OllamaStore

/// What every command that changes the store holds for its whole run (`prune --apply`, `rm`, `repair`,
/// `unpack`): no Ollama server running beside it, unless the user said so, and no other writer of ours.
///
/// An unlink cannot be made conditional on "no manifest references this blob": between the check and the
/// unlink a pull or create can write one that does. Only the absence of a running Ollama closes that window,
/// so the default is to refuse. Our writers take turns on an exclusive lock on `.ollama-scan.lock` at the
/// store root: Ollama neither reads nor prunes anything there (its pruner only looks in `blobs/` and
/// `manifests/`), so the file is never deleted under a holder, and a lock file in `blobs/` would be pruned as
/// an invalid blob name after an hour.
public final class StoreWriteGuard {
    /// The lock file's name, at the store root.
    public static let lockFileName = ".ollama-scan.lock"

    /// How to take the guard.
    public struct Options: Sendable {
        /// Write even while an Ollama server runs (`--while-running`).
        public var whileOllamaRuns = false
        /// Wait for another writer to finish (`--wait`) instead of failing at once.
        public var waits = false
        /// Where running processes are listed (tests point it elsewhere).
        public var procPath = "/proc"

        public init(whileOllamaRuns: Bool = false, waits: Bool = false) {
            self.whileOllamaRuns = whileOllamaRuns
            self.waits = waits
        }
    }

    /// Why the store cannot be written now.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// An Ollama server runs (its process IDs).
        case ollamaRunning([Int])
        /// Another ollama-scan holds the lock.
        case busy(lockPath: String)
        /// The lock file cannot be made or locked.
        case lock(FileIOError)

        public var description: String {
            switch self {
            case .ollamaRunning(let pids):
                return "an Ollama server is running (pid \(pids.map(String.init).joined(separator: ", "))): it "
                    + "pulls and prunes on its own, so writing now could delete a blob a new model needs; stop it "
                    + "(ollama's service, or the app) or pass --while-running"
            case .busy(let path):
                return "another ollama-scan is writing to this store (it holds \(path)); pass --wait to wait for it"
            case .lock(let error):
                return "\(error.path): cannot take the store's write lock: \(error.reason)"
            }
        }
    }

    public let root: StoreRoot
    /// The Ollama server processes seen when the guard was taken (empty unless `whileOllamaRuns`).
    public let ollamaProcesses: [Int]
    private let lock: FileLock

    /// Checks for a running Ollama, then takes the lock.
    public init(root: StoreRoot, options: Options = Options()) throws(Refusal) {
        self.root = root
        let servers = OllamaServer.runningProcessIDs(procPath: options.procPath)
        if !servers.isEmpty && !options.whileOllamaRuns { throw .ollamaRunning(servers) }
        ollamaProcesses = servers
        let path = root.path + "/" + Self.lockFileName
        do {
            lock = try FileLock(path: path, waiting: options.waits)
        } catch {
            if case .lock(_, let errno) = error, errno == .wouldBlock || errno == .resourceTemporarilyUnavailable {
                throw .busy(lockPath: path)
            }
            throw .lock(error)
        }
    }

    /// Gives the lock back (also done when the guard goes away).
    public func release() { lock.release() }
}
