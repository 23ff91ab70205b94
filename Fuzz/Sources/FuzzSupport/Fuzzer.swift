import FuzzDriver

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one input under test, kept for libFuzzer's C callback, which cannot capture a closure.
nonisolated(unsafe) private var target: ((UnsafeRawBufferPointer) -> Void)?

/// Runs libFuzzer's loop (its flags come from the command line) with `body` as the target, then exits with
/// libFuzzer's status. `body` must return for every input: a crash, a trap, a hang past `-timeout` or an
/// allocation past `-malloc_limit_mb` is a finding.
public func runFuzzer(_ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
    target = body
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
}

/// The entry libFuzzer's own library refers to; the driver above calls it too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    target?(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
