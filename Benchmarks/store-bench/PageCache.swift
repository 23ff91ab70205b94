import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Cold-cache runs: dropping files from the page cache, and measuring what stayed.
enum PageCache {
    /// Evicts every file from the page cache. This is the call `dd if=FILE iflag=nocache count=0` makes
    /// (`posix_fadvise(POSIX_FADV_DONTNEED)` on the whole file), made here directly so that evicting a
    /// store of thousands of files does not cost thousands of processes.
    /// Linux only: macOS has no per-file eviction (only `sudo purge`, for everything), so there a cold run is
    /// as warm as the system leaves it, and `residentBytes` (util-linux's `fincore`) says nothing.
    static func evict(_ files: [String]) {
        #if os(Linux)
        for file in files {
            let descriptor = open(file, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_DONTNEED))
            close(descriptor)
        }
        #endif
    }

    /// Bytes of `files` resident in the page cache, from `fincore` (util-linux); nil when it is missing.
    static func residentBytes(_ files: [String]) -> Int64? {
        guard ChildProcess.exists("fincore") else { return nil }
        var total: Int64 = 0
        for chunk in stride(from: 0, to: files.count, by: 500) {
            guard
                let text = try? ChildProcess.output(
                    ["fincore", "--bytes", "--noheadings", "--output", "RES"]
                        + files[chunk..<min(chunk + 500, files.count)])
            else { return nil }
            total += text.split(separator: "\n").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }.reduce(
                0, +)
        }
        return total
    }
}
