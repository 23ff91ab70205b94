import Synchronization

/// A flag that stops a running `BlobHasher`: workers check it before every read, so they stop within one
/// buffer's worth of work. Safe to set from any thread, including a signal handler's queue.
public final class HashCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the workers to stop; blobs not finished are reported as `cancelled`.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
