import FileIO

extension StoreRoot {
    /// Whether `path` is the store or anything inside it, however it is spelled and whether or not it exists
    /// yet: symbolic links are followed, and `.` and `..` are resolved as the kernel will resolve them once
    /// the missing folders on the way are made (`DEST/missing/../store/blobs` is the store's `blobs/` when
    /// `DEST` holds the store). Every rule that keeps writes out of the store asks this.
    public func contains(_ path: String) -> Bool {
        let store = (try? FileSystem.realPath(self.path)) ?? self.path
        let resolved = Self.physicalPath(path)
        return resolved == store || resolved.hasPrefix(store == "/" ? "/" : store + "/")
    }

    /// `path` made absolute, with every existing part resolved through its links and the rest appended; a
    /// `..` after a part still to be made cancels it, one after an existing part goes to its real parent.
    static func physicalPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : StoreRoot(path: ".").path + "/" + path
        var resolved = "/"
        var missing: [Substring] = []
        for component in absolute.split(separator: "/") where component != "." {
            if component == ".." {
                if missing.isEmpty {
                    resolved = FileSystem.folder(of: resolved)
                } else {
                    missing.removeLast()
                }
            } else if missing.isEmpty, let real = try? FileSystem.realPath(join(resolved, component)) {
                resolved = real
            } else {
                missing.append(component)
            }
        }
        return missing.reduce(resolved) { join($0, $1) }
    }

    private static func join(_ folder: String, _ name: Substring) -> String {
        folder == "/" ? "/" + name : folder + "/" + name
    }
}
