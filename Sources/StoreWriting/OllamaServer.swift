import FileIO

#if canImport(Darwin)
import Darwin
#endif

/// Whether an Ollama server seems to be running on this machine: it pulls and prunes on its own, so the
/// store's writers refuse to run beside it. The server's process is named `ollama` (`ollama serve`, started by
/// the service on Linux or by the Ollama app on macOS); the app itself (`Ollama`) does not touch the store.
public enum OllamaServer {
    /// The IDs of the processes whose command name is `ollama`, sorted.
    /// - Parameter procPath: where Linux lists its processes (tests point it at a fake folder); unused on
    ///   macOS, which is asked through libproc.
    public static func runningProcessIDs(procPath: String = "/proc") -> [Int] {
        #if canImport(Darwin)
        // proc_listallpids with no buffer returns how many there are; the list may grow before the second call.
        let count = proc_listallpids(nil, 0)
        guard count > 0 else { return [] }
        var pids = [pid_t](repeating: 0, count: Int(count) + 64)
        let filled = pids.withUnsafeMutableBytes { proc_listallpids($0.baseAddress, Int32($0.count)) }
        var name = [CChar](repeating: 0, count: 256)
        return pids.prefix(Int(max(0, filled))).compactMap { pid -> Int? in
            guard pid > 0, proc_name(pid, &name, UInt32(name.count)) > 0 else { return nil }
            return String(cString: name) == "ollama" ? Int(pid) : nil
        }.sorted()
        #else
        guard let listing = try? DirectoryListing(path: procPath) else { return [] }
        return listing.entries.compactMap { entry -> Int? in
            guard let pid = Int(entry.name),
                let comm = try? ReadOnlyFile.contents(ofFile: "\(procPath)/\(entry.name)/comm", limit: 64)
            else { return nil }
            return comm.split(separator: UInt8(ascii: "\n")).first.map(Array.init) == Array("ollama".utf8) ? pid : nil
        }.sorted()
        #endif
    }
}
