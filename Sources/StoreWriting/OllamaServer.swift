import FileIO

/// Whether an Ollama server seems to be running on this machine: it prunes and pulls on its own, so a prune
/// run beside it should be told.
public enum OllamaServer {
    /// The process IDs whose command name is `ollama` (from `/proc`; empty where there is no `/proc`).
    public static func runningProcessIDs(procPath: String = "/proc") -> [Int] {
        guard let listing = try? DirectoryListing(path: procPath) else { return [] }
        return listing.entries.compactMap { entry -> Int? in
            guard let pid = Int(entry.name),
                let comm = try? ReadOnlyFile.contents(ofFile: "\(procPath)/\(entry.name)/comm", limit: 64)
            else { return nil }
            return comm.split(separator: UInt8(ascii: "\n")).first.map(Array.init) == Array("ollama".utf8) ? pid : nil
        }.sorted()
    }
}
