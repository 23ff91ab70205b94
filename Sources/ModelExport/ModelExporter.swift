import FileIO
import Hashing
import OllamaStore

/// Writes a model out of the store as plain GGUF files and a Modelfile that recreates it.
///
/// The store is only read. Every file is written under a temporary name in the destination and renamed
/// when complete, so a final name only ever holds a whole, checked file; an existing file is replaced only
/// when `replacesExisting` is set. Copies are hashed in the same pass and must match the blob's name.
public struct ModelExporter: Sendable {
    /// How a GGUF reaches the destination.
    public enum Method: String, Sendable, CaseIterable {
        /// A new file, hashed while it is written.
        case copy
        /// A symbolic link to the blob (absolute path); nothing is copied.
        case symlink
        /// A second name for the blob's file; the store and the destination must be on one file system.
        case hardlink
    }

    /// How GGUFs reach the destination.
    public var method: Method
    /// Whether files that exist in the destination are replaced (`--force`).
    public var replacesExisting: Bool
    /// The size of each copy buffer.
    public var bufferSize: Int

    /// An exporter; by default it copies, and replaces nothing.
    public init(method: Method = .copy, replacesExisting: Bool = false, bufferSize: Int = 1 << 20) {
        self.method = method
        self.replacesExisting = replacesExisting
        self.bufferSize = bufferSize
    }

    /// Exports `record`, read from `store`, into the folder `destination` (created if missing).
    public func export(
        _ record: ModelRecord, from store: StoreRoot, to destination: String,
        cancellation: HashCancellation = HashCancellation(), progress: ((ByteProgress) -> Void)? = nil
    ) throws(ExportError) -> ExportResult {
        let started = ContinuousClock.now
        let plan = try ExportPlan(record: record)
        try checkSources(plan)
        let contents = try plan.textContents()
        let (modelfile, warnings) = try ModelfileBuilder.build(for: record, plan: plan, contents: contents)

        // Every refusal comes before the first folder is created.
        let folder = StoreRoot(path: destination).path
        let finalPaths = plan.files.map { folder + "/" + $0.fileName } + [folder + "/" + ExportPlan.modelfileName]
        if !replacesExisting {
            let existing = finalPaths.filter(FileSystem.exists)
            if !existing.isEmpty { throw .destinationExists(existing) }
        }
        if store.contains(folder) {
            throw .unusableDestination(
                path: folder, reason: "it is inside the Ollama store, which export never writes to")
        }
        if method == .copy {
            try checkRoom(in: Self.deepestExistingFolder(of: folder), for: plan, replacing: finalPaths)
        }
        let preexisting = Set(finalPaths.filter(FileSystem.exists))
        let createdFolders = try createFolders(folder)
        do {
            return try write(
                plan, record: record, modelfile: modelfile, warnings: warnings, to: folder, finalPaths: finalPaths,
                started: started, cancellation: cancellation, progress: progress)
        } catch {
            // What this run made goes again: its files (never one that was there before), then its folders.
            for path in finalPaths where !preexisting.contains(path) { try? FileSystem.removeIfPresent(path) }
            for created in createdFolders.reversed() { Folder.removeIfEmpty(created) }
            throw error
        }
    }

    /// Places every file of `plan` and writes the Modelfile, into a folder that exists.
    private func write(
        _ plan: ExportPlan, record: ModelRecord, modelfile: Modelfile, warnings: [String], to folder: String,
        finalPaths: [String], started: ContinuousClock.Instant, cancellation: HashCancellation,
        progress: ((ByteProgress) -> Void)?
    ) throws(ExportError) -> ExportResult {
        let total = method == .copy ? plan.files.reduce(0) { $0 + $1.size } : 0
        var done: Int64 = 0
        func elapsed() -> Double {
            let duration = ContinuousClock.now - started
            return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        var written: [ExportResult.WrittenFile] = []
        for (index, file) in plan.files.enumerated() {
            if cancellation.isCancelled { throw .interrupted }
            let target = finalPaths[index]
            let before = done
            let verified = try place(file, at: target, cancellation: cancellation) { copied in
                progress?(
                    ByteProgress(
                        bytesDone: before + copied, bytesTotal: total, filesDone: index, filesTotal: plan.files.count,
                        elapsed: elapsed()))
            }
            if method == .copy { done += file.size }
            written.append(
                ExportResult.WrittenFile(
                    role: file.role, path: target, digest: file.digest, size: file.size, method: method,
                    verified: verified))
        }
        let modelfilePath = finalPaths[plan.files.count]
        do {
            try AtomicFile.write(Array(modelfile.render().utf8), to: modelfilePath, replacingExisting: replacesExisting)
        } catch {
            throw Self.exportError(error)
        }
        return ExportResult(
            model: record.displayName, destination: folder, files: written, modelfilePath: modelfilePath,
            warnings: warnings, bytesCopied: done, seconds: elapsed())
    }

    // MARK: - Checking the store's side

    /// Every GGUF blob must be there with its declared size before anything is written.
    private func checkSources(_ plan: ExportPlan) throws(ExportError) {
        for file in plan.files {
            let status: FileStatus
            do {
                status = try FileStatus(path: file.source)
            } catch {
                throw .badBlob(
                    path: file.source, reason: error.isMissingFile ? "the \(file.role) blob is missing" : error.reason)
            }
            if let irregularity = status.irregularity {
                throw .badBlob(path: file.source, reason: "the \(file.role) blob is unusable: \(irregularity)")
            }
            guard status.size == file.size else {
                throw .badBlob(
                    path: file.source,
                    reason: "the \(file.role) blob is \(status.size) bytes; its manifest says \(file.size)")
            }
        }
    }

    /// The bytes of the layers the Modelfile is made from, each checked against its name.
    // MARK: - Writing the destination

    /// The deepest folder on the way to `folder` that exists: where the room for the copies is counted.
    private static func deepestExistingFolder(of folder: String) -> String {
        var existing = folder
        while !FileSystem.isDirectory(existing), let slash = existing.lastIndex(of: "/"), slash != existing.startIndex {
            existing = String(existing[..<slash])
        }
        return FileSystem.isDirectory(existing) ? existing : "/"
    }

    /// Refuses a copy its file system has no room for, rather than failing hours into it. Files being replaced
    /// give their room back as each copy is renamed over them, so the largest copy is the least needed.
    private func checkRoom(in existingFolder: String, for plan: ExportPlan, replacing finalPaths: [String])
        throws(ExportError)
    {
        // Unknown, or a file system without blocks (/proc): the copy will tell.
        guard let available = (try? FileSystem.availableBytes(at: existingFolder)) ?? nil else { return }
        let replaced =
            replacesExisting
            ? finalPaths.compactMap { try? FileStatus(path: $0, followingSymlinks: false) }.filter {
                $0.kind == .regular
            }
            .reduce(Int64(0)) { $0 + $1.size }
            : 0
        let copies = plan.files.reduce(Int64(0)) { $0 + $1.size }
        let needed = max(copies - replaced, plan.files.map(\.size).max() ?? 0)
        if needed > available {
            throw .unusableDestination(
                path: existingFolder,
                reason:
                    "the copies need \(HumanFormat.bytes(needed)) and its file system has \(HumanFormat.bytes(available)) free; free some space, or use --link"
            )
        }
    }

    private func createFolders(_ folder: String) throws(ExportError) -> [String] {
        do {
            return try Folder.create(folder)
        } catch {
            let reason =
                error.errno == .notDirectory
                ? "not a folder" : "cannot create the folder: \(error.errno?.message ?? error.reason)"
            throw .unusableDestination(path: error.path, reason: reason)
        }
    }

    /// Puts one GGUF at `target` by the chosen method; returns whether its bytes were hashed.
    private func place(
        _ file: ExportPlan.File, at target: String, cancellation: HashCancellation, progress: (Int64) -> Void
    ) throws(ExportError) -> Bool {
        do {
            switch method {
            case .copy:
                let output = try AtomicFile(target: target, writesBehind: true)
                let (digest, size) = try HashingCopy(bufferSize: bufferSize)
                    .copy(file.source, to: output.file, cancellation: cancellation, progress: progress)
                guard size == file.size else {
                    throw ExportError.badBlob(
                        path: file.source,
                        reason: "the \(file.role) blob is \(size) bytes; its manifest says \(file.size)")
                }
                guard digest == file.digest.sha256 else {
                    throw ExportError.badBlob(
                        path: file.source,
                        reason:
                            "the \(file.role) blob does not hash to its name (it hashes to \(digest.hex)); the copy was deleted"
                    )
                }
                try output.commit(replacingExisting: replacesExisting)
            case .symlink:
                try AtomicFile.placeSymbolicLink(
                    at: target, pointingTo: file.source, replacingExisting: replacesExisting)
            case .hardlink:
                try AtomicFile.placeHardLink(at: target, to: file.source, replacingExisting: replacesExisting)
            }
        } catch {
            // An AtomicFile not committed removes its temporary file as it goes.
            throw Self.exportError(error)
        }
        return method == .copy
    }

    // MARK: - Helpers

    private static func exportError(_ error: any Error) -> ExportError {
        switch error {
        case let error as ExportError: return error
        case let error as FileIOError: return exportError(error)
        case HashingCopy.Failure.cancelled: return .interrupted
        case HashingCopy.Failure.read(let error), HashingCopy.Failure.write(let error): return exportError(error)
        case HashingCopy.Failure.changed(let path, let reason): return .badBlob(path: path, reason: reason)
        default: return .badBlob(path: "libcrypto", reason: "\(error)")
        }
    }

    /// A file that appeared under a final name meanwhile, a hard link across file systems, or another failure.
    private static func exportError(_ error: FileIOError) -> ExportError {
        if case .update(let path, "rename", .fileExists) = error { return .destinationExists([path]) }
        if case .update(let path, "link", .improperLink) = error {
            return .unusableDestination(
                path: path, reason: "a hard link cannot cross file systems; use --link symlink or copy")
        }
        return .io(error)
    }
}
