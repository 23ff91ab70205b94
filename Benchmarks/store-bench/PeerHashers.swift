import Foundation

/// The hashing commands `verify` is compared with, each over the same blobs, and the `openssl speed` ceiling.
enum PeerHashers {
    /// Measures `ollama-scan verify --jobs N` for N = 1 and `parallel`, the peers that are installed (naming
    /// the ones that are not), and the ceiling; returns the names of the figures measured.
    static func measure(
        into table: inout ResultTable, binary: String, store: String, totalBytes: Int64, parallel: Int,
        beforeEachRun: (() throws -> Void)? = nil
    ) throws {
        let peers = ["openssl", "sha256sum", "hashdeep", "rhash"].filter { name in
            let present = ChildProcess.exists(name)
            if !present { print("skipping \(name): not installed (apt-get install \(name == "sha256sum" ? "coreutils" : name))") }
            return present
        }
        for n in Array(Set([1, parallel])).sorted() {
            var commands: [(String, [String], Int64)] = [
                ("ollama-scan verify --jobs \(n)", [binary, "verify", "--quiet", "--jobs", "\(n)", "--store", store], totalBytes)
            ]
            let find = "find \(store)/blobs -type f -print0 | xargs -0 -P \(n) -n 1"
            if peers.contains("openssl") {
                commands.append(("xargs -P \(n) openssl dgst -sha256", ["/bin/sh", "-c", find + " openssl dgst -sha256 > /dev/null"], totalBytes))
            }
            if peers.contains("sha256sum") {
                commands.append(("xargs -P \(n) sha256sum", ["/bin/sh", "-c", find + " sha256sum > /dev/null"], totalBytes))
            }
            if peers.contains("hashdeep") {
                commands.append(("hashdeep -c sha256 -j \(n)", ["/bin/sh", "-c", "hashdeep -c sha256 -j \(n) -r \(store)/blobs > /dev/null"], totalBytes))
            }
            if peers.contains("rhash") && n == 1 {
                commands.append(("rhash --sha256", ["/bin/sh", "-c", "rhash --sha256 -r \(store)/blobs > /dev/null"], totalBytes))
            }
            try table.measure(commands, beforeEachRun: beforeEachRun)
            try table.measureCeiling(processes: n)
        }
    }
}
