import FileIO
import Foundation
import OrderedJSON

/// An ImageWorks registry in memory: its entries in the original's cache order, loaded with the original's
/// layering, migration, adoption and merge rules, and saved back atomically with a
/// backup. Loading never writes (a listing or a dry run must not change a file): what the original's load would have migrated or
/// materialised is written by the next `save()` instead.
public struct Registry: Sendable {
    /// Where the registry was loaded from, and where `save()` writes.
    public let location: RegistryLocation
    /// The entries in the order the original's cache holds them: curated first, then discovered.
    public private(set) var entries: [RegistryEntry]
    /// Each entry's index in `entries` by name, kept by every change to `entries`, so that an import of 50,000
    /// models finds and replaces each entry in constant time instead of searching the list.
    private var positions: [String: Int]
    /// Values accepted with a warning while loading (a `deprecated` spelled as a string, say).
    public private(set) var warnings: [String]
    /// The curated layer's raw elements, as read (layered mode).
    private var curatedRaw: [JSONValue]
    /// Whether a lone `model_registry.json` was split into layers in memory and must be migrated on save.
    public private(set) var needsMigration: Bool

    /// Loads the registry at `location`.
    /// - Parameters:
    ///   - allowingMissing: start from an empty registry when no registry file exists yet (an import into a
    ///     new directory or file); otherwise that is an error, as in the original.
    ///   - environment: for `IMAGEWORKS_ALLOW_REGISTRY_DUPES`.
    public static func load(
        _ location: RegistryLocation, allowingMissing: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(RegistryError) -> Registry {
        switch location {
        case .singleFile(let path):
            if allowingMissing && !FileSystem.exists(path) {
                return Registry(location: location, entries: [], warnings: [], curatedRaw: [], needsMigration: false)
            }
            return try loadSingleFile(path, environment: environment)
        case .layered:
            return try loadLayered(location, allowingMissing: allowingMissing)
        }
    }

    // MARK: - Entries

    /// The entry with this exact name, if any.
    public func entry(named name: String) -> RegistryEntry? { positions[name].map { entries[$0] } }

    /// Whether an entry has this exact name.
    public func contains(_ name: String) -> Bool { positions[name] != nil }

    /// Replaces the entry with the same name in place, or appends it.
    public mutating func put(_ entry: RegistryEntry) {
        if let index = positions[entry.name] {
            entries[index] = entry
        } else {
            positions[entry.name] = entries.count
            entries.append(entry)
        }
    }

    /// Removes the entry; a curated one comes back at the next load (the curated file is never written).
    @discardableResult
    public mutating func remove(named name: String) -> RegistryEntry? {
        guard let index = positions[name] else { return nil }
        let entry = entries[index]
        removeAll(named: [name])
        return entry
    }

    /// Removes every entry named in `names` in one pass (a purge of thousands costs one pass, not one each).
    public mutating func removeAll(named names: Set<String>) {
        guard names.contains(where: { positions[$0] != nil }) else { return }
        entries.removeAll { names.contains($0.name) }
        positions = Self.positions(of: entries)
    }

    private static func positions(of entries: [RegistryEntry]) -> [String: Int] {
        Dictionary(entries.indices.map { (entries[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether the curated layer owns this name (layered mode).
    public func isCurated(_ name: String) -> Bool { curatedNames.contains(name) }

    // MARK: - Saving

    /// The files a save writes and their complete new text, in write order (a migration's curated layer,
    /// then the discovered layer, then the snapshot; or the single file).
    public func plannedFiles() -> [(path: String, text: String)] {
        switch location {
        case .singleFile(let path):
            return [(path, Self.text(.array(entries.map(\.jsonValue))))]
        case .layered:
            let curated = curatedNames
            let discovered = entries.filter { !curated.contains($0.name) || $0.isDynamic }.map(\.jsonValue)
            var snapshot = JSONObjectList()
            for raw in curatedRaw {
                guard case .object(let object) = raw, let name = object["name"], PythonValue.truthy(name) else {
                    continue
                }
                snapshot.put(PythonValue.str(name), raw)
            }
            for entry in discovered { snapshot.put(entry["name"]?.stringValue ?? "", entry) }
            var files: [(String, String)] = []
            if needsMigration {
                files.append((location.file(RegistryLocation.curatedName), Self.text(.array(curatedRaw))))
            }
            files.append((location.file(RegistryLocation.discoveredName), Self.text(.array(discovered))))
            files.append((location.file(RegistryLocation.snapshotName), Self.text(.array(snapshot.values))))
            return files
        }
    }

    /// Writes every planned file whose bytes change, atomically, keeping the previous version as a backup;
    /// a migration first renames the lone snapshot to `model_registry.backup.pre_split.json`.
    /// - Parameter backup: false skips the backups (`normalize-formats --no-backup`).
    /// - Returns: the paths written.
    @discardableResult
    public func save(now: Date = Date(), backup: Bool = true) throws(RegistryError) -> [String] {
        let writer = RegistryFileWriter(now: now)
        if case .layered(let directory) = location {
            do {
                try Folder.create(directory)
            } catch {
                throw RegistryError.writeFailed(path: directory, reason: "cannot create the directory")
            }
            let snapshot = location.file(RegistryLocation.snapshotName)
            let preSplit = location.file(RegistryLocation.preSplitBackupName)
            if needsMigration && FileSystem.exists(snapshot) && !FileSystem.exists(preSplit) {
                try writer.move(snapshot, to: preSplit)
            }
        }
        var written: [String] = []
        for (path, text) in plannedFiles() where try writer.write(text, to: path, backup: backup) {
            written.append(path)
        }
        return written
    }

    /// Python's `json.dumps(value, indent=2)` plus the newline the original writes.
    static func text(_ value: JSONValue) -> String { JSONWriter.pythonIndented(value) + "\n" }

    /// The names the curated layer owns.
    var curatedNames: Set<String> {
        Set(
            curatedRaw.compactMap { raw -> String? in
                guard case .object(let object) = raw, let name = object["name"] else { return nil }
                return name.stringValue ?? PythonValue.str(name)
            })
    }

    // MARK: - Loading

    private init(
        location: RegistryLocation, entries: [RegistryEntry], warnings: [String], curatedRaw: [JSONValue],
        needsMigration: Bool
    ) {
        self.location = location
        self.entries = entries
        positions = Self.positions(of: entries)
        self.warnings = warnings
        self.curatedRaw = curatedRaw
        self.needsMigration = needsMigration
    }

    /// The largest registry file read: far above any real registry (a 100,000-entry file is about 100 MB),
    /// low enough that a wrong path to a huge file fails at once instead of filling the memory.
    static let maximumFileSize = 1 << 30

    /// A file's top-level array, or nil when the file does not exist.
    static func readArray(_ path: String) throws(RegistryError) -> [JSONValue]? {
        let bytes: [UInt8]
        do {
            bytes = try ReadOnlyFile.contents(ofFile: path, limit: maximumFileSize)
        } catch {
            if error.isMissingFile { return nil }
            throw RegistryError.unreadable(path: path, reason: error.reason)
        }
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            throw RegistryError.invalidJSON(path: path, reason: error.description)
        }
        guard case .array(let items) = value else { throw RegistryError.notAnArray(path: path) }
        return items
    }

    private static func loadSingleFile(_ path: String, environment: [String: String]) throws(RegistryError) -> Registry
    {
        guard let items = try readArray(path) else { throw RegistryError.fileNotFound(path: path) }
        let allowDuplicates = (environment["IMAGEWORKS_ALLOW_REGISTRY_DUPES"].flatMap { Int($0) } ?? 0) != 0
        var warnings: [String] = []
        var entries: [RegistryEntry] = []
        var positions: [String: Int] = [:]
        for (index, raw) in items.enumerated() {
            let entry = try RegistryEntry(raw: raw, path: path, index: index, warnings: &warnings)
            if let existing = positions[entry.name] {
                guard allowDuplicates else { throw RegistryError.duplicateEntry(path: path, name: entry.name) }
                entries[existing] = entry
            } else {
                positions[entry.name] = entries.count
                entries.append(entry)
            }
        }
        return Registry(
            location: .singleFile(path: path), entries: entries, warnings: warnings, curatedRaw: [],
            needsMigration: false)
    }

    /// One raw entry and where it came from, for error messages.
    private struct Sourced {
        var raw: JSONValue
        var path: String
        var index: Int
    }

    private static func loadLayered(_ location: RegistryLocation, allowingMissing: Bool) throws(RegistryError)
        -> Registry
    {
        let curatedPath = location.file(RegistryLocation.curatedName)
        let discoveredPath = location.file(RegistryLocation.discoveredName)
        let snapshotPath = location.file(RegistryLocation.snapshotName)
        var curated: [Sourced] = []
        var discovered: [Sourced] = []
        var migrating = false

        if !FileSystem.exists(curatedPath) && !FileSystem.exists(discoveredPath) {
            if let lone = try readArray(snapshotPath) {
                // Migration of a lone snapshot into layers, in memory: the next save writes the layers.
                migrating = true
                for (index, raw) in lone.enumerated() {
                    let item = Sourced(raw: raw, path: snapshotPath, index: index)
                    let metadata = raw["metadata"]?.objectValue ?? JSONObject()
                    let backend = raw["backend"]?.stringValue
                    if PythonValue.truthy(metadata["created_from_download"] ?? .null) || backend == "ollama"
                        || backend == "unassigned"
                    {
                        discovered.append(item)
                    } else {
                        curated.append(item)
                    }
                }
            } else if !allowingMissing {
                throw RegistryError.noLayers(directory: location.description)
            }
        } else {
            curated = (try readArray(curatedPath) ?? []).enumerated().map {
                Sourced(raw: $1, path: curatedPath, index: $0)
            }
            discovered = (try readArray(discoveredPath) ?? []).enumerated().map {
                Sourced(raw: $1, path: discoveredPath, index: $0)
            }
            // Adoption: snapshot entries no layer names join the discovered layer.
            if let snapshot = try? readArray(snapshotPath) {
                var known = KnownNames((curated + discovered).compactMap { $0.raw["name"] })
                for (index, raw) in snapshot.enumerated() {
                    guard case .object(let object) = raw, let name = object["name"], PythonValue.truthy(name),
                        known.insert(name)
                    else { continue }
                    discovered.append(Sourced(raw: raw, path: snapshotPath, index: index))
                }
            }
        }

        // Merge: curated first, then discovered; a repeated name replaces in place.
        var merged: [Sourced] = []
        var positions: [String: Int] = [:]
        for item in curated + discovered {
            guard case .object(let object) = item.raw else {
                throw RegistryError.entryNotAnObject(path: item.path, index: item.index)
            }
            guard let name = object["name"], PythonValue.truthy(name) else { continue }
            let key = PythonValue.str(name).trimmingPythonWhitespace()
            guard !key.isEmpty else { continue }
            if let position = positions[key] {
                merged[position] = item
            } else {
                positions[key] = merged.count
                merged.append(item)
            }
        }
        var warnings: [String] = []
        var entries: [RegistryEntry] = []
        for item in merged {
            entries.append(try RegistryEntry(raw: item.raw, path: item.path, index: item.index, warnings: &warnings))
        }
        return Registry(
            location: location, entries: entries, warnings: warnings, curatedRaw: curated.map(\.raw),
            needsMigration: migrating)
    }
}

/// The `name` values seen so far, compared as JSON values are (the string "7" is not the number 7): strings
/// in a set, the rare other values in a list.
private struct KnownNames {
    private var strings = Set<String>()
    private var others: [JSONValue] = []

    init(_ names: [JSONValue]) {
        for name in names { insert(name) }
    }

    /// Adds `name`; returns whether it was new.
    @discardableResult
    mutating func insert(_ name: JSONValue) -> Bool {
        if case .string(let text) = name { return strings.insert(text).inserted }
        if others.contains(name) { return false }
        others.append(name)
        return true
    }
}

/// An ordered list of values keyed by name: a repeated name replaces the value at its first position.
private struct JSONObjectList {
    private(set) var values: [JSONValue] = []
    private var positions: [String: Int] = [:]

    mutating func put(_ key: String, _ value: JSONValue) {
        if let position = positions[key] {
            values[position] = value
        } else {
            positions[key] = values.count
            values.append(value)
        }
    }
}
