import Foundation

/// The hashing commands `verify` is compared with, each over the same blobs, and the `openssl speed` ceiling.
enum PeerHashers {
    /// Measures `ollama-scan verify --jobs N` for N = 1 and `parallel`, the peers that are installed (naming
    /// the ones that are not), and the ceiling; returns the names of the figures measured.
    static func measure(
        into table: inout ResultTable, binary: String, store: String, facts: StoreFacts, parallel: Int,
        beforeEachRun: (() throws -> Void)? = nil
    ) throws {
        let peers = ["openssl", "sha256sum", "hashdeep", "rhash"].filter { name in
            let present = ChildProcess.exists(name)
            if !present {
                print("skipping \(name): not installed (apt-get install \(name == "sha256sum" ? "coreutils" : name))")
            }
            return present
        }
        for n in Array(Set([1, parallel])).sorted() {
            var commands: [(String, [String], Int64)] = [
                (
                    "ollama-scan verify --jobs \(n)",
                    [binary, "verify", "--quiet", "--jobs", "\(n)", "--store", store], facts.blobBytes
                )
            ]
            let find = "find \(store)/blobs -type f -print0 | xargs -0 -P \(n) -n 1"
            if peers.contains("openssl") {
                commands.append(
                    (
                        "xargs -P \(n) openssl dgst -sha256",
                        ["/bin/sh", "-c", find + " openssl dgst -sha256 > /dev/null"], facts.blobBytes
                    ))
            }
            if peers.contains("sha256sum") {
                commands.append(
                    ("xargs -P \(n) sha256sum", ["/bin/sh", "-c", find + " sha256sum > /dev/null"], facts.blobBytes))
            }
            if peers.contains("hashdeep") {
                commands.append(
                    (
                        "hashdeep -c sha256 -j \(n)",
                        ["/bin/sh", "-c", "hashdeep -c sha256 -j \(n) -r \(store)/blobs > /dev/null"], facts.blobBytes
                    ))
            }
            if peers.contains("rhash") && n == 1 {
                commands.append(
                    (
                        "rhash --sha256", ["/bin/sh", "-c", "rhash --sha256 -r \(store)/blobs > /dev/null"],
                        facts.blobBytes
                    ))
            }
            try table.measure(commands, beforeEachRun: beforeEachRun)
            try table.measureCeiling(processes: n)
        }
        // One large blob alone: a single stream cannot use a second core.
        if let largest = facts.largestModel {
            try table.measure(
                [
                    (
                        largestName(largest.name),
                        [binary, "verify", largest.name, "--quiet", "--jobs", "1", "--store", store], largest.blobBytes
                    ),
                    (largestPeer, ["openssl", "dgst", "-sha256", largest.blobPath], largest.blobBytes),
                ], beforeEachRun: beforeEachRun)
        }
    }

    static let largestPeer = "openssl dgst -sha256 (largest blob)"

    static func largestName(_ model: String) -> String { "ollama-scan verify \(model) --jobs 1" }

    /// The verify ratios and their targets (nil: reported, no target).
    static func ratios(parallel: Int, facts: StoreFacts) -> [(String, String, Double?)] {
        let verify = "ollama-scan verify --jobs \(parallel)"
        var ratios: [(String, String, Double?)] = [
            (verify, "openssl speed -multi \(parallel)", 0.90),
            (verify, "xargs -P \(parallel) openssl dgst -sha256", 1.10),
            (verify, "xargs -P \(parallel) sha256sum", nil), (verify, "hashdeep -c sha256 -j \(parallel)", 4.0),
            ("ollama-scan verify --jobs 1", "rhash --sha256", nil),
            ("ollama-scan verify --jobs 1", "openssl speed", nil),
        ]
        if let largest = facts.largestModel {
            ratios += [
                (largestName(largest.name), "openssl speed", 0.90), (largestName(largest.name), largestPeer, nil),
            ]
        }
        return ratios
    }
}
