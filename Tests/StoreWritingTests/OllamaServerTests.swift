import FixtureKit
import StoreWriting
import Testing

#if os(Linux)
/// Linux finds the server through /proc; macOS asks libproc, which a fake folder cannot stand in for.
@Suite struct OllamaServerTests {
    /// Only processes whose command name is exactly `ollama` count (not `ollama-scan`, not a thread name).
    @Test func findsTheServerByItsCommandName() throws {
        let proc = try TemporaryDirectory()
        try proc.write("412/comm", Array("ollama\n".utf8))
        try proc.write("77/comm", Array("ollama\n".utf8))
        try proc.write("500/comm", Array("ollama-scan\n".utf8))
        try proc.write("501/comm", Array("llama-server\n".utf8))
        try proc.write("self/comm", Array("ollama\n".utf8))
        try proc.write("9/status", Array("Name: ollama\n".utf8))
        #expect(OllamaServer.runningProcessIDs(procPath: proc.path) == [77, 412])
        #expect(OllamaServer.runningProcessIDs(procPath: proc.path + "/missing").isEmpty)
    }
}
#endif
