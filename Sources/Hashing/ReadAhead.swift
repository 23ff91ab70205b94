import Dispatch
import FileIO
import Synchronization

/// One worker's reader: it fills two buffers in turn on its own thread, one chunk ahead of the hashing, so the
/// copy out of the page cache (or the wait for the disk) runs on another core while SHA-256 runs on this one.
/// A single stream cannot hash on two cores, but its reads can: one large blob, or the last blob of a
/// parallel run, then hashes at nearly the speed of SHA-256 alone.
///
/// The buffers are allocated once per worker; each file gets a fresh `Stream`.
final class ReadAhead: @unchecked Sendable {
    // Shared with the reader thread only under the semaphores' hand-over: a buffer and its result are
    // written by the reader before `filled` is signalled and read by the consumer after waiting on it.
    private let buffers: [UnsafeMutableRawBufferPointer]
    private let queue: DispatchQueue

    init(bufferSize: Int, label: String) {
        buffers = (0..<2).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 4096) }
        queue = DispatchQueue(label: label)
    }

    deinit { buffers.forEach { $0.deallocate() } }

    /// Starts reading `file` from offset 0; the stream must be `finish`ed before the next file is started.
    /// - Parameters:
    ///   - size: the size the file had when it was opened: one read past it proves the file grew, and the stream
    ///     ends there.
    ///   - turns: the turns of the rotational disk the file is on; each read waits for one.
    func stream(_ file: ReadOnlyFile, size: Int64, turns: ReadTurns? = nil) -> Stream {
        let stream = Stream(owner: self)
        // The reader uses the file only until `finish` returns; the caller closes it after that.
        nonisolated(unsafe) let file = file
        queue.async(group: stream.done) { stream.read(file, size: size, turns: turns) }
        return stream
    }

    /// The chunks of one file, in order.
    final class Stream: @unchecked Sendable {
        enum Chunk {
            case data(UnsafeRawBufferPointer)
            case end
            case failed(FileIOError)
        }

        /// Keeps the buffers allocated while the stream uses them, even when its caller lets go of the reader.
        private let owner: ReadAhead
        private let buffers: [UnsafeMutableRawBufferPointer]
        /// What the read into each buffer returned (raw memory, so the two threads never touch an array).
        private let results = UnsafeMutablePointer<Result<Int, FileIOError>>.allocate(capacity: 2)
        /// Buffers the reader may fill. Created at 0 and signalled twice: libdispatch traps when a semaphore
        /// is released below the value it was created with, which a stream stopped early would be.
        private let free = DispatchSemaphore(value: 0)
        private let filled = DispatchSemaphore(value: 0)
        private let stopped = Atomic<Bool>(false)
        let done = DispatchGroup()
        private var next = 0
        private var holding = false

        fileprivate init(owner: ReadAhead) {
            self.owner = owner
            buffers = owner.buffers
            results.initialize(repeating: .success(0), count: 2)
            free.signal()
            free.signal()
        }

        deinit {
            results.deinitialize(count: 2)
            results.deallocate()
        }

        /// The reader's loop, on the worker's reading thread.
        fileprivate func read(_ file: ReadOnlyFile, size: Int64, turns: ReadTurns?) {
            var offset: Int64 = 0
            var slot = 0
            while true {
                free.wait()
                if stopped.load(ordering: .acquiring) { return }
                // The closures are passed straight on, not stored, so no read allocates a context for them.
                let result: Result<Int, FileIOError>
                if let turns {
                    result = turns.read { chunk(of: file, at: offset, into: slot) }
                } else {
                    result = chunk(of: file, at: offset, into: slot)
                }
                results[slot] = result
                filled.signal()
                guard case .success(let count) = result, count > 0 else { return }
                offset += Int64(count)
                slot ^= 1
                if offset > size {
                    // The file grew: end the stream here, as if at its end.
                    free.wait()
                    if stopped.load(ordering: .acquiring) { return }
                    results[slot] = .success(0)
                    filled.signal()
                    return
                }
            }
        }

        /// One read of `file` at `offset` into buffer `slot`.
        private func chunk(of file: ReadOnlyFile, at offset: Int64, into slot: Int) -> Result<Int, FileIOError> {
            Result { () throws(FileIOError) -> Int in try file.read(fromAbsoluteOffset: offset, into: buffers[slot]) }
        }

        /// The next chunk; the previous one's buffer goes back to the reader.
        func nextChunk() -> Chunk {
            if holding { free.signal() }
            filled.wait()
            let slot = next
            next ^= 1
            switch results[slot] {
            case .failure(let error):
                holding = false
                return .failed(error)
            case .success(0):
                holding = false
                return .end
            case .success(let count):
                holding = true
                return .data(UnsafeRawBufferPointer(rebasing: buffers[slot][..<count]))
            }
        }

        /// Stops the reader (if it is still reading) and waits until it has let go of the buffers.
        func finish() {
            stopped.store(true, ordering: .releasing)
            free.signal()
            free.signal()
            done.wait()
        }
    }
}
