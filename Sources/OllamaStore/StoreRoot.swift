import FileIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The root of an Ollama model store: the folder holding `manifests/` and `blobs/`.
public struct StoreRoot: Sendable, Equatable {
    /// The Linux install script's service store (user `ollama`, home `/usr/share/ollama`).
    public static let linuxServiceStore = "/usr/share/ollama/.ollama/models"

    /// The absolute path of the root.
    public let path: String
    public var manifestsPath: String { path + "/manifests" }
    public var blobsPath: String { path + "/blobs" }

    /// Uses `path` as the root without checking it (see `validated()`).
    public init(path: String) {
        self.path = Self.absolute(path)
    }

    /// Finds the store as Ollama does, and checks it.
    ///
    /// `explicit` (`--store`) wins; then `$OLLAMA_MODELS` as Ollama's `envconfig.Var` reads it (whitespace,
    /// then `"` and `'`, trimmed from both ends; no `~` expansion; relative to the working directory); then
    /// `<home>/.ollama/models`.
    /// - Throws: `StoreError` naming the path and what is wrong with it.
    public static func locate(
        explicit: String?, environment: [String: String], homeDirectory: String? = StoreRoot.homeDirectory()
    ) throws(StoreError) -> StoreRoot {
        if let explicit, !explicit.isEmpty {
            return try StoreRoot(path: explicit).validated(isDefault: false)
        }
        if let value = environment["OLLAMA_MODELS"] {
            let trimmed = Self.trimmedLikeOllama(value)
            if !trimmed.isEmpty { return try StoreRoot(path: trimmed).validated(isDefault: false) }
        }
        guard let home = homeDirectory, !home.isEmpty else { throw StoreError.noHomeDirectory }
        return try StoreRoot(path: home + "/.ollama/models").validated(isDefault: true)
    }

    /// Checks that the root is a readable directory with `manifests/` and `blobs/` directories.
    /// - Parameter isDefault: whether the root is the default one, so a missing root can point at the
    ///   Linux service's store when that exists.
    public func validated(isDefault: Bool = false) throws(StoreError) -> StoreRoot {
        let status: FileStatus
        do {
            status = try FileStatus(path: path)
        } catch {
            if error.isMissingFile {
                let hint = isDefault ? Self.missingDefaultHint() : nil
                throw StoreError.rootMissing(path: path, hint: hint)
            }
            throw StoreError.unreadable(path: path, reason: error.reason)
        }
        guard status.kind == .directory else { throw StoreError.notADirectory(path: path) }
        do {
            _ = try DirectoryListing(path: path)
        } catch {
            throw StoreError.unreadable(path: path, reason: error.reason)
        }
        for name in ["manifests", "blobs"] {
            guard (try? FileStatus(path: path + "/" + name))?.kind == .directory else {
                if let store = enclosingStore() { throw StoreError.insideStore(path: path, store: store) }
                throw StoreError.missingSubdirectory(root: path, name: name)
            }
        }
        return self
    }

    /// What to do when the default store is missing: use the Linux service's store when it is there (and join
    /// its group when it cannot be read), else point at one.
    /// - Parameter serviceStore: where the Linux service keeps its store (tests point it elsewhere).
    static func missingDefaultHint(serviceStore: String = linuxServiceStore) -> String {
        do {
            let status = try FileStatus(path: serviceStore)
            if status.kind == .directory {
                guard (try? DirectoryListing(path: serviceStore)) != nil else {
                    return "the Linux service's store \(serviceStore) exists but cannot be read: join the ollama group "
                        + "(sudo usermod -aG ollama $USER, then log in again), then pass --store \(serviceStore)"
                }
                return
                    "the Linux service's store \(serviceStore) exists: pass --store \(serviceStore) or set OLLAMA_MODELS"
            }
        } catch  where error.errno == .permissionDenied {
            return "the Linux service's store \(serviceStore) may exist but cannot be reached: join the ollama group "
                + "(sudo usermod -aG ollama $USER, then log in again), then pass --store \(serviceStore)"
        } catch {}
        return "pass --store DIR or set OLLAMA_MODELS to the folder that holds manifests/ and blobs/"
    }

    /// The store this path is inside of (`blobs/`, `manifests/` or a folder below it), when it is one: the
    /// nearest folder above that holds both.
    private func enclosingStore() -> String? {
        var folder = path
        while let slash = folder.lastIndex(of: "/"), folder != "/" {
            let child = String(folder[folder.index(after: slash)...])
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
            let parent = folder == "/" ? "" : folder
            if ["blobs", "manifests"].contains(child) || child.isEmpty,
                ["manifests", "blobs"].allSatisfy({ (try? FileStatus(path: parent + "/" + $0))?.kind == .directory })
            {
                return folder
            }
        }
        return nil
    }

    /// Go's `strings.Trim(strings.TrimSpace(s), "\"'")`.
    static func trimmedLikeOllama(_ value: String) -> String {
        func trim(_ s: Substring, _ isTrimmed: (Character) -> Bool) -> Substring {
            guard let first = s.firstIndex(where: { !isTrimmed($0) }), let last = s.lastIndex(where: { !isTrimmed($0) })
            else { return "" }
            return s[first...last]
        }
        let spaceless = trim(Substring(value), \.isWhitespace)
        return String(trim(spaceless) { $0 == "\"" || $0 == "'" })
    }

    /// `$HOME`, else the password database's entry for this user.
    public static func homeDirectory() -> String? {
        if let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty { return home }
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
        return String(cString: dir)
    }

    /// `path` made absolute against the working directory, with `.` components and trailing slashes removed.
    static func absolute(_ path: String) -> String {
        var full = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: 4096)
            let cwd =
                getcwd(&buffer, buffer.count) != nil
                ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "."
            full = cwd + "/" + path
        }
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
