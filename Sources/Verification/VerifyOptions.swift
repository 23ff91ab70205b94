import Hashing
import OllamaStore

/// How `StoreVerifier` checks blobs.
public struct VerifyOptions: Sendable, Equatable {
    public enum Mode: String, Sendable {
        /// Hash every selected blob (the default).
        case full
        /// Compare sizes only: seconds for any store, but blind to corruption that keeps the size.
        case sizeOnly = "size-only"
    }

    public var mode: Mode
    /// Hash only this slice; the other blobs get the size check.
    public var sample: SampleSlice?
    public var workerCount: Int
    public var bufferSize: Int
    /// At most this many blobs read at once from one rotational disk (nil: no limit, the default).
    public var readersPerRotationalDevice: Int?

    public init(
        mode: Mode = .full, sample: SampleSlice? = nil, workerCount: Int = BlobHasher.defaultWorkerCount,
        bufferSize: Int = 1 << 20, readersPerRotationalDevice: Int? = nil
    ) {
        self.mode = mode
        self.sample = sample
        self.workerCount = workerCount
        self.bufferSize = bufferSize
        self.readersPerRotationalDevice = readersPerRotationalDevice
    }

    /// Whether a blob with this digest is to be hashed.
    func hashes(_ digest: BlobDigest) -> Bool {
        mode == .full && (sample?.contains(digest) ?? true)
    }
}
