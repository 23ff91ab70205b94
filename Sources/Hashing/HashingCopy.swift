import Dispatch
import FileIO

/// Copies a file into a new one and computes the SHA-256 of the bytes in the same pass: each chunk is read
/// once, then hashed and written at the same time on two threads, while the next chunk is read ahead on a
/// third (as `BlobHasher` reads).
public struct HashingCopy {
    /// Why a copy stopped.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case read(FileIOError)
        case write(FileIOError)
        case hashing(HashingError)
        /// The source changed size while it was copied.
        case changed(path: String, reason: String)
        case cancelled

        public var description: String {
            switch self {
            case .read(let error), .write(let error): return error.description
            case .hashing(let error): return error.description
            case .changed(let path, let reason): return "\(path): \(reason)"
            case .cancelled: return "interrupted"
            }
        }
    }

    public var bufferSize: Int

    public init(bufferSize: Int = 1 << 20) {
        self.bufferSize = bufferSize
    }

    /// Appends every byte of `source` to `destination` (a new file, a bundle being written) and returns their
    /// digest and count.
    /// - Parameter progress: called after each chunk with the bytes copied so far.
    public func copy(
        _ source: String, to destination: any ByteSink, cancellation: HashCancellation = HashCancellation(),
        progress: (Int64) -> Void = { _ in }
    ) throws(Failure) -> (digest: SHA256Digest, size: Int64) {
        let file: ReadOnlyFile
        let size: Int64
        do {
            file = try ReadOnlyFile(path: source)
            size = try file.status().size
        } catch {
            throw .read(error)
        }
        defer { file.close() }
        file.adviseSequentialRead()
        let hasher: SHA256Hasher
        do {
            hasher = try SHA256Hasher()
        } catch {
            throw .hashing(error)
        }

        let reader = ReadAhead(bufferSize: bufferSize, label: "ollama-scan.copy")
        let stream = reader.stream(file, size: size)
        defer { stream.finish() }
        var copied: Int64 = 0
        while true {
            if cancellation.isCancelled { throw .cancelled }
            switch stream.nextChunk() {
            case .end:
                guard copied == size else {
                    throw .changed(
                        path: source, reason: "its size changed from \(size) to \(copied) bytes while it was copied")
                }
                do {
                    return (try hasher.finalize(), copied)
                } catch {
                    throw .hashing(error)
                }
            case .failed(let error):
                throw .read(error)
            case .data(let chunk):
                // The chunk is hashed on this thread and written on another at the same time: both only read
                // it, and both are done before its buffer goes back to the reader.
                nonisolated(unsafe) var hashFailure: HashingError?
                nonisolated(unsafe) var writeFailure: FileIOError?
                nonisolated(unsafe) let (hasher, destination, chunk) = (hasher, destination, chunk)
                DispatchQueue.concurrentPerform(iterations: 2) { part in
                    if part == 0 {
                        do throws(HashingError) { try hasher.update(chunk) } catch { hashFailure = error }
                    } else {
                        do throws(FileIOError) { try destination.write(chunk) } catch { writeFailure = error }
                    }
                }
                if let hashFailure { throw .hashing(hashFailure) }
                if let writeFailure { throw .write(writeFailure) }
                copied += Int64(chunk.count)
                progress(copied)
            }
        }
    }
}
