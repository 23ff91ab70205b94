import ArgumentParser
import Hashing

/// `-j/--jobs N`, shared by every command that hashes blobs.
struct JobsOptions: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            """
            How many blobs to hash at once (default: the number of active processors, with one read at a time \
            on a spinning disk).
            """, valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    }

    /// The number of hashing workers.
    var workerCount: Int { jobs ?? BlobHasher.defaultWorkerCount }

    /// By default, one read at a time on each disk that spins (readers seeking against each other read slower
    /// than one alone); every core still hashes. `--jobs` is taken as it is, with no turns.
    var readersPerRotationalDevice: Int? { jobs == nil ? 1 : nil }
}
