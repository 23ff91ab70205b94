import ArgumentParser
import Hashing

/// `-j/--jobs N`, shared by every command that hashes blobs.
struct JobsOptions: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "How many blobs to hash at once (default: the number of active processors).", valueName: "n"))
    var jobs: Int?

    @Flag(
        help: """
            Read one blob at a time from each rotational disk (an external spinning archive), still hashing blobs \
            on other disks in parallel.
            """)
    var oneReaderPerDisk = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    }

    /// The number of hashing workers.
    var workerCount: Int { jobs ?? BlobHasher.defaultWorkerCount }

    /// One reader at a time per rotational disk when asked: a spinning disk reads slower with readers seeking
    /// against each other. Not the default: a virtual disk that calls itself rotational reads faster with
    /// parallel readers, cold (docs/performance.md has the figures).
    var readersPerRotationalDevice: Int? { oneReaderPerDisk ? 1 : nil }
}
