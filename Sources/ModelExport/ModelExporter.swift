import FileIO
import Hashing
import OllamaStore
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// What the export is at, for a progress line.
    public struct Progress: Sendable {
        public var bytesDone: Int64
        public var bytesTotal: Int64
        public var filesDone: Int
        public var filesTotal: Int
        public var elapsed: Double
    }

    public var method: Method
    public var replacesExisting: Bool
    public var bufferSize: Int

    public init(method: Method = .copy, replacesExisting: Bool = false, bufferSize: Int = 1 << 20) {
        self.method = method
        self.replacesExisting = replacesExisting
        self.bufferSize = bufferSize
    }

    /// Exports `record`, read from `store`, into the folder `destination` (created if missing).
    public func export(
        _ record: ModelRecord, from store: StoreRoot, to destination: String,
        cancellation: HashCancellation = HashCancellation(), progress: ((Progress) -> Void)? = nil
    ) throws(ExportError) -> ExportResult {
        let started = ContinuousClock.now
        let plan = try ExportPlan(record: record)
        try checkSources(plan)
        let contents = try textContents(plan)
        let (modelfile, warnings) = try ModelfileBuilder.build(for: record, plan: plan, contents: contents)

        // Every refusal comes before the first folder is created.
        let folder = StoreRoot(path: destination).path
        let finalPaths = plan.files.map { folder + "/" + $0.fileName } + [folder + "/" + ExportPlan.modelfileName]
        if !replacesExisting {
            let existing = finalPaths.filter { (try? FileStatus(path: $0, followingSymlinks: false)) != nil }
            if !existing.isEmpty { throw .destinationExists(existing) }
        }
        let (existingFolder, missingFolders) = Self.deepestExistingFolder(of: folder)
        try refuseInsideStore(existingFolder, missingFolders, folder: folder, store: store)
        if method == .copy { try checkRoom(in: existingFolder, for: plan, replacing: finalPaths) }
        try createFolders(folder)

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
                progress?(Progress(
                    bytesDone: before + copied, bytesTotal: total, filesDone: index, filesTotal: plan.files.count,
                    elapsed: elapsed()))
            }
            if method == .copy { done += file.size }
            written.append(ExportResult.WrittenFile(
                role: file.role, path: target, digest: file.digest, size: file.size, method: method, verified: verified))
        }
        let modelfilePath = finalPaths[plan.files.count]
        try write(Array(modelfile.render().utf8), at: modelfilePath)
        NewFile.syncDirectory(folder)
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
                let missing = error.errno == .noSuchFileOrDirectory || error.errno == .notDirectory
                throw .badBlob(path: file.source, reason: missing ? "the \(file.role) blob is missing" : error.reason)
            }
            guard status.kind == .regular else { throw .badBlob(path: file.source, reason: "the \(file.role) blob is not a regular file") }
            guard status.size == file.size else {
                throw .badBlob(path: file.source, reason: "the \(file.role) blob is \(status.size) bytes; its manifest says \(file.size)")
            }
        }
    }

    /// The bytes of the layers the Modelfile is made from, each checked against its name.
    private func textContents(_ plan: ExportPlan) throws(ExportError) -> [BlobDigest: [UInt8]] {
        var contents: [BlobDigest: [UInt8]] = [:]
        for layer in plan.textLayers {
            guard let digest = layer.blobDigest, let path = layer.path, contents[digest] == nil else { continue }
            let bytes: [UInt8]
            do {
                bytes = try ReadOnlyFile.contents(ofFile: path)
            } catch {
                let missing = error.errno == .noSuchFileOrDirectory || error.errno == .notDirectory
                throw .badBlob(path: path, reason: missing ? "the \(LayerMediaType.shortName(layer.mediaType)) blob is missing" : error.reason)
            }
            guard (try? SHA256Hasher.digest(of: bytes)) == digest.sha256 else {
                throw .badBlob(path: path, reason: "the \(LayerMediaType.shortName(layer.mediaType)) blob does not hash to its name")
            }
            contents[digest] = bytes
        }
        return contents
    }

    // MARK: - Writing the destination

    /// The deepest folder on the way to `folder` that exists (resolved, so a link counts as where it points),
    /// and the names still to be created below it.
    private static func deepestExistingFolder(of folder: String) -> (resolved: String, missing: [Substring]) {
        var existing = folder
        var missing: [Substring] = []
        while realPath(existing) == nil, let slash = existing.lastIndex(of: "/"), slash != existing.startIndex {
            missing.insert(existing[existing.index(after: slash)...], at: 0)
            existing = String(existing[..<slash])
        }
        return (realPath(existing) ?? existing, missing)
    }

    /// Export never writes into the store, even through a link or as folders still to be created.
    private func refuseInsideStore(
        _ existingFolder: String, _ missingFolders: [Substring], folder: String, store: StoreRoot
    ) throws(ExportError) {
        let resolved = ([existingFolder] + missingFolders.map(String.init)).joined(separator: "/")
        if let storePath = Self.realPath(store.path), resolved == storePath || resolved.hasPrefix(storePath + "/") {
            throw .unusableDestination(path: folder, reason: "it is inside the Ollama store, which export never writes to")
        }
    }

    /// Refuses a copy its file system has no room for, rather than failing hours into it. Files being replaced
    /// give their room back as each copy is renamed over them, so the largest copy is the least needed.
    private func checkRoom(in existingFolder: String, for plan: ExportPlan, replacing finalPaths: [String]) throws(ExportError) {
        var fileSystem = statvfs()
        // Unknown, or a file system without blocks (/proc): the copy will tell.
        guard statvfs(existingFolder, &fileSystem) == 0, fileSystem.f_blocks > 0 else { return }
        // Root may also fill the blocks reserved for it.
        let blocks = geteuid() == 0 ? UInt64(fileSystem.f_bfree) : UInt64(fileSystem.f_bavail)
        let (available, overflow) = blocks.multipliedReportingOverflow(by: UInt64(fileSystem.f_frsize))
        guard !overflow, available < Int64.max else { return }
        let replaced = replacesExisting
            ? finalPaths.compactMap { try? FileStatus(path: $0, followingSymlinks: false) }.filter { $0.kind == .regular }
                .reduce(Int64(0)) { $0 + $1.size }
            : 0
        let copies = plan.files.reduce(Int64(0)) { $0 + $1.size }
        let needed = max(copies - replaced, plan.files.map(\.size).max() ?? 0)
        if needed > Int64(available) {
            throw .unusableDestination(
                path: existingFolder,
                reason: "the copies need \(HumanFormat.bytes(needed)) and its file system has \(HumanFormat.bytes(Int64(available))) free; free some space, or use --link")
        }
    }

    private func createFolders(_ folder: String) throws(ExportError) {
        do {
            try Folder.create(folder)
        } catch {
            let reason = error.errno == .notDirectory ? "not a folder" : "cannot create the folder: \(error.errno?.message ?? error.reason)"
            throw .unusableDestination(path: error.path, reason: reason)
        }
    }

    /// Puts one GGUF at `target` by the chosen method; returns whether its bytes were hashed.
    private func place(
        _ file: ExportPlan.File, at target: String, cancellation: HashCancellation, progress: (Int64) -> Void
    ) throws(ExportError) -> Bool {
        let temporary = Self.freshTemporaryPath(for: target)
        switch method {
        case .copy:
            let output = try create(temporary, writesBehind: true)
            do {
                let (digest, size) = try HashingCopy(bufferSize: bufferSize)
                    .copy(file.source, to: output, cancellation: cancellation, progress: progress)
                guard size == file.size else {
                    throw ExportError.badBlob(path: file.source, reason: "the \(file.role) blob is \(size) bytes; its manifest says \(file.size)")
                }
                guard digest == file.digest.sha256 else {
                    throw ExportError.badBlob(path: file.source, reason: "the \(file.role) blob does not hash to its name (it hashes to \(digest.hex)); the copy was deleted")
                }
                do { try output.sync() } catch { throw ExportError.io(error) }
            } catch {
                output.close()
                unlink(temporary)
                throw Self.exportError(error)
            }
            output.close()
        case .symlink:
            try Self.check(symlink(file.source, temporary), "symlink", temporary)
        case .hardlink:
            // AT_SYMLINK_FOLLOW: a blob that is itself a link gives a link to its file, never to the link.
            try Self.check(linkat(AT_FDCWD, file.source, AT_FDCWD, temporary, AT_SYMLINK_FOLLOW), "link", temporary)
        }
        try commit(temporary, to: target)
        return method == .copy
    }

    /// Writes a small file at `target` through a temporary name.
    private func write(_ bytes: [UInt8], at target: String) throws(ExportError) {
        let temporary = Self.freshTemporaryPath(for: target)
        let output = try create(temporary)
        var failure: FileIOError?
        bytes.withUnsafeBytes { buffer in
            do throws(FileIOError) {
                try output.write(buffer)
                try output.sync()
            } catch {
                failure = error
            }
        }
        if let failure {
            output.close()
            unlink(temporary)
            throw .io(failure)
        }
        output.close()
        try commit(temporary, to: target)
    }

    private func create(_ temporary: String, writesBehind: Bool = false) throws(ExportError) -> NewFile {
        do {
            return try NewFile(creating: temporary, writesBehind: writesBehind)
        } catch {
            throw .io(error)
        }
    }

    /// Renames the finished temporary file to its final name.
    private func commit(_ temporary: String, to target: String) throws(ExportError) {
        // Checked again here, not only before the first file: something may have appeared meanwhile.
        if !replacesExisting, (try? FileStatus(path: target, followingSymlinks: false)) != nil {
            unlink(temporary)
            throw .destinationExists([target])
        }
        guard rename(temporary, target) == 0 else {
            let error = FileIOError.update(path: target, call: "rename", errno: Errno(rawValue: errno))
            unlink(temporary)
            throw .io(error)
        }
        // rename() does nothing when both names are already links to one file (a hard link exported again
        // over itself), leaving the temporary name behind.
        unlink(temporary)
    }

    // MARK: - Helpers

    /// `.<name>.ollama-scan-<pid>.tmp` beside the target: hidden, and never a final name. One left there by
    /// a killed run that had the same process ID is removed first.
    static func freshTemporaryPath(for target: String) -> String {
        let slash = target.lastIndex(of: "/")!
        let temporary = "\(target[...slash]).\(target[target.index(after: slash)...]).ollama-scan-\(getpid()).tmp"
        unlink(temporary)
        return temporary
    }

    private static func check(_ result: Int32, _ call: String, _ path: String) throws(ExportError) {
        guard result == 0 else {
            let number = errno
            var error = ExportError.io(.update(path: path, call: call, errno: Errno(rawValue: number)))
            if number == EXDEV {
                error = .unusableDestination(path: path, reason: "a hard link cannot cross file systems; use --link symlink or copy")
            }
            throw error
        }
    }

    private static func exportError(_ error: any Error) -> ExportError {
        switch error {
        case let error as ExportError: return error
        case HashingCopy.Failure.cancelled: return .interrupted
        case HashingCopy.Failure.read(let error), HashingCopy.Failure.write(let error): return .io(error)
        case HashingCopy.Failure.changed(let path, let reason): return .badBlob(path: path, reason: reason)
        default: return .badBlob(path: "libcrypto", reason: "\(error)")
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        var status = stat()
        guard stat(resolved, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return String(cString: resolved)
    }
}
