import Dispatch
import FileIO
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Computes the SHA-256 of many files in parallel, as fast as the disk and the CPU allow.
///
/// A fixed number of workers each own one `SHA256Hasher` and a `ReadAhead` with two buffers, reused for every
/// file; they take files from a shared index, largest first, so the longest single stream starts at once.
/// Files are read with `pread` after sequential read-ahead advice, one chunk ahead of the hashing on a thread
/// of their own. A file whose size, mtime or identity changes while it is read
/// is reported as `changed`, never as a wrong digest. Workers never print: progress is sampled by a timer
/// and handed to the caller's closure.
public struct BlobHasher: Sendable {
    /// One file to hash.
    public struct Request: Sendable, Equatable {
        public var path: String
        /// The size the caller expects; used to schedule largest first and to total the progress.
        public var expectedSize: Int64

        public init(path: String, expectedSize: Int64) {
            self.path = path
            self.expectedSize = expectedSize
        }
    }

    /// What hashing one file gave.
    public enum Outcome: Sendable, Equatable {
        /// The digest of every byte read, and how many bytes that was.
        case hashed(SHA256Digest, size: Int64)
        /// Nothing exists at the path (or a directory on the way is missing).
        case notFound
        /// The path exists but cannot be read as a regular file; the reason is one lower-case phrase.
        case unreadable(reason: String)
        /// The file changed while it was read, so its digest proves nothing; the reason says what changed.
        case changed(reason: String)
        /// The run was cancelled before this file was finished.
        case cancelled
    }

    /// How many files are hashed at once.
    public var workerCount: Int
    /// At most this many reads at once from one rotational disk, each a large chunk (nil: no limit, as when
    /// `--jobs` is given). Every worker still hashes, and files on other disks are read without turns.
    public var readersPerRotationalDevice: Int?
    /// Where sysfs is, for the rotational flags (tests point it at a fake one).
    var sysPath = "/sys"
    /// The size of each of a worker's two read buffers.
    public var bufferSize: Int

    /// The number of active processors, the default worker count.
    public static var defaultWorkerCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    public init(
        workerCount: Int = BlobHasher.defaultWorkerCount, bufferSize: Int = 1 << 20,
        readersPerRotationalDevice: Int? = nil
    ) {
        precondition(workerCount >= 1 && bufferSize >= 4096, "at least one worker and a 4 KiB buffer")
        self.workerCount = workerCount
        self.bufferSize = bufferSize
        self.readersPerRotationalDevice = readersPerRotationalDevice
    }

    /// Hashes every requested file and returns one outcome per request, in request order.
    ///
    /// - Parameters:
    ///   - cancellation: when cancelled, workers stop before their next read; unfinished files are `cancelled`.
    ///   - progressInterval: how often `progress` is called while the run lasts; it is also called once at
    ///     the end, on the calling thread.
    ///   - progress: receives snapshots on a private queue; it must return quickly.
    /// - Throws: `HashingError` only if libcrypto itself fails, never for a file.
    public func hash(
        _ requests: [Request], cancellation: HashCancellation = HashCancellation(),
        progressInterval: Duration = .milliseconds(250), progress: (@Sendable (ByteProgress) -> Void)? = nil
    ) throws(HashingError) -> [Outcome] {
        let run = Run(
            requests: requests, cancellation: cancellation, readersPerRotationalDevice: readersPerRotationalDevice,
            sysPath: sysPath)
        let timer = progress.map { run.startTimer(interval: progressInterval, report: $0) }

        let group = DispatchGroup()
        // One serial queue per worker: each gets its own thread even when there are more workers than cores
        // (concurrentPerform would cap them at the core count), which helps when the disk is the limit.
        for index in 0..<min(workerCount, max(1, requests.count)) {
            DispatchQueue(label: "ollama-scan.hash.\(index)").async(group: group) {
                run.work(bufferSize: bufferSize, index: index)
            }
        }
        group.wait()

        if let timer {
            timer.cancel()
            run.timerQueue.sync {}  // let a tick already running finish before the last report
        }
        progress?(run.snapshot())
        return try run.outcomes()
    }
}

extension BlobHasher {
    /// The state one `hash` call shares between its workers: the work list, the next index, the counters and
    /// the merged results. Everything else is worker-local.
    private final class Run: Sendable {
        let requests: [Request]
        let order: [Int]
        let cancellation: HashCancellation
        let scheduler: ReadScheduler
        let bytesDone = Atomic<Int>(0)
        let filesDone = Atomic<Int>(0)
        let results = Mutex<[(Int, Outcome)]>([])
        let failure = Mutex<HashingError?>(nil)
        let started = ContinuousClock.now
        let bytesTotal: Int64
        let timerQueue = DispatchQueue(label: "ollama-scan.hash.progress")

        init(requests: [Request], cancellation: HashCancellation, readersPerRotationalDevice: Int?, sysPath: String) {
            self.requests = requests
            self.cancellation = cancellation
            order = requests.indices.sorted {
                (requests[$0].expectedSize, requests[$1].path) > (requests[$1].expectedSize, requests[$0].path)
            }
            scheduler = ReadScheduler(
                order: order, paths: requests.map(\.path), readersPerRotationalDevice: readersPerRotationalDevice,
                sysPath: sysPath)
            bytesTotal = requests.reduce(0) { $0 + max(0, $1.expectedSize) }
        }

        func snapshot() -> ByteProgress {
            let elapsed = ContinuousClock.now - started
            return ByteProgress(
                bytesDone: Int64(bytesDone.load(ordering: .relaxed)), bytesTotal: bytesTotal,
                filesDone: filesDone.load(ordering: .relaxed), filesTotal: requests.count,
                elapsed: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }

        func startTimer(interval: Duration, report: @escaping @Sendable (ByteProgress) -> Void) -> DispatchSourceTimer {
            let timer = DispatchSource.makeTimerSource(queue: timerQueue)
            let nanoseconds =
                Int(interval.components.seconds) * 1_000_000_000
                + Int(interval.components.attoseconds / 1_000_000_000)
            timer.schedule(
                deadline: .now() + .nanoseconds(nanoseconds), repeating: .nanoseconds(max(1_000_000, nanoseconds)))
            timer.setEventHandler { [self] in report(snapshot()) }
            timer.resume()
            return timer
        }

        /// One worker: one hasher, one reader with its two buffers, files until the list is exhausted,
        /// cancelled or libcrypto fails.
        func work(bufferSize: Int, index: Int) {
            let chunkSize = scheduler.takesTurns ? max(bufferSize, ReadScheduler.rotationalChunkSize) : bufferSize
            let reader = ReadAhead(bufferSize: chunkSize, label: "ollama-scan.read.\(index)")
            var local: [(Int, Outcome)] = []
            defer { results.withLock { $0.append(contentsOf: local) } }
            let hasher: SHA256Hasher
            do {
                hasher = try SHA256Hasher()
            } catch {
                record(error)
                return
            }
            while let index = scheduler.take() {
                do {
                    let outcome = try hashFile(
                        requests[index].path, hasher: hasher, reader: reader, turns: scheduler.turns(for: index))
                    local.append((index, outcome))
                } catch {
                    record(error)
                    return
                }
                filesDone.wrappingAdd(1, ordering: .relaxed)
            }
        }

        private func record(_ error: HashingError) {
            failure.withLock { $0 = $0 ?? error }
            cancellation.cancel()
        }

        private func hashFile(_ path: String, hasher: SHA256Hasher, reader: ReadAhead, turns: ReadTurns?)
            throws(HashingError) -> Outcome
        {
            if cancellation.isCancelled { return .cancelled }
            let file: ReadOnlyFile
            do {
                file = try ReadOnlyFile(path: path)
            } catch {
                if error.isMissingFile { return .notFound }
                return .unreadable(reason: error.reason)
            }
            defer { file.close() }
            let before: FileStatus
            do {
                before = try file.status()
            } catch {
                return .unreadable(reason: error.reason)
            }
            if let irregularity = before.irregularity { return .unreadable(reason: irregularity) }
            file.adviseSequentialRead()
            try hasher.reset()

            // A file that keeps growing is not read past its size: one read beyond it proves the change.
            let stream = reader.stream(file, size: before.size, turns: turns)
            defer { stream.finish() }
            var offset: Int64 = 0
            reading: while true {
                if cancellation.isCancelled { return .cancelled }
                switch stream.nextChunk() {
                case .end:
                    break reading
                case .failed(let error):
                    return .unreadable(reason: error.reason)
                case .data(let chunk):
                    try hasher.update(chunk)
                    offset += Int64(chunk.count)
                    bytesDone.wrappingAdd(chunk.count, ordering: .relaxed)
                }
            }
            let digest = try hasher.finalize()

            let after: FileStatus
            do {
                after = try file.status()
            } catch {
                return .unreadable(reason: error.reason)
            }
            if after.size != before.size || offset != before.size {
                return .changed(
                    reason: "its size changed from \(before.size) to \(max(after.size, offset)) bytes while it was read"
                )
            }
            if after.modifiedNanoseconds != before.modifiedNanoseconds {
                return .changed(reason: "it was modified while it was read")
            }
            if let now = try? FileStatus(path: path), now.inode != before.inode || now.device != before.device {
                return .changed(reason: "it was replaced by another file while it was read")
            }
            return .hashed(digest, size: offset)
        }

        func outcomes() throws(HashingError) -> [Outcome] {
            if let error = failure.withLock({ $0 }) { throw error }
            var outcomes = [Outcome](repeating: .cancelled, count: requests.count)
            for (index, outcome) in results.withLock({ $0 }) { outcomes[index] = outcome }
            return outcomes
        }
    }
}
