import ArgumentParser
import Hashing

/// `-j/--jobs N`, shared by every command that hashes blobs.
struct JobsOptions: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "How many blobs to hash at once (default: the number of active processors, and one at a time per rotational disk).",
            valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    }

    /// The number of hashing workers.
    var workerCount: Int { jobs ?? BlobHasher.defaultWorkerCount }

    /// By default, one reader at a time per rotational disk (a spinning disk reads slower with readers
    /// seeking against each other); an explicit `--jobs` is taken as it is.
    var readersPerRotationalDevice: Int? { jobs == nil ? 1 : nil }
}
