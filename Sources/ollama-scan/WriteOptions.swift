import ArgumentParser
import OllamaStore
import StoreWriting

/// `--while-running` and `--wait`, shared by every command that changes the store.
struct WriteOptions: ParsableArguments {
    @Flag(help: "Write even while an Ollama server runs (it may pull or prune meanwhile).")
    var whileRunning = false

    @Flag(help: "Wait for another ollama-scan writing to the store instead of failing at once.")
    var wait = false

    /// The store's write guard, or a failure (exit 2) naming why the store cannot be written now.
    func guardStore(_ root: StoreRoot) throws -> StoreWriteGuard {
        do {
            return try StoreWriteGuard(root: root, options: .init(whileOllamaRuns: whileRunning, waits: wait))
        } catch {
            throw CommandFailure.unusable(error.description)
        }
    }
}
