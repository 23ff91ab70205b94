/// The hashing ceiling: `openssl speed -evp sha256 -bytes 1048576`, libcrypto hashing from memory with no
/// I/O at all, on one process or `-multi N` processes.
enum OpenSSLSpeed {
    /// Bytes per second, from the machine-readable `+F:` line (the summed one when `-multi` is used).
    static func measure(processes: Int, seconds: Int = 1) throws -> Double {
        var arguments = ["openssl", "speed", "-evp", "sha256", "-bytes", "1048576", "-seconds", "\(seconds)", "-mr"]
        if processes > 1 { arguments += ["-multi", "\(processes)"] }
        let output = try ChildProcess.output(arguments)
        // With -multi each child's "Got: +F:…" line comes first; the last bare "+F:" line is the sum.
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("+F:") }),
            let value = line.split(separator: ":").last.flatMap({ Double($0) })
        else { throw BenchmarkError("openssl speed printed no +F: line") }
        return value
    }
}
