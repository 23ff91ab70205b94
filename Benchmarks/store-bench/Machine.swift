import Foundation

/// The machine a run measured on, for the first line of a report: figures only compare within one run, and
/// a reader needs to know what kind of machine produced them.
enum Machine {
    static var summary: String {
        // Linux names the CPU in /proc/cpuinfo, macOS through sysctl.
        let cpu =
            (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
            ?? (try? ChildProcess.output(["sysctl", "-n", "machdep.cpu.brand_string"]))?.trimmingCharacters(
                in: .whitespacesAndNewlines) ?? "unknown CPU"
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
        let openssl = (try? ChildProcess.output(["openssl", "version"]))?.trimmingCharacters(
            in: .whitespacesAndNewlines)
        var uts = utsname()
        uname(&uts)
        let system = withUnsafeBytes(of: &uts.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let kernel = withUnsafeBytes(of: &uts.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "Machine: \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
            + String(format: "%.0f GiB", memory) + ", \(system) \(kernel), \(openssl ?? "no openssl")."
    }
}
