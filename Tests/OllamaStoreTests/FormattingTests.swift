import OllamaStore
import Testing

@Suite struct FormattingTests {
    static let bytes: [(Int64, String)] = [
        (Int64(2_019_393_189), "2.0 GB"), (13_793_441_244, "13 GB"), (1_000_000_000, "1 GB"), (999, "999 B"),
        (274_302_450, "274 MB"), (5_131_409_921, "5.1 GB"), (342, "342 B"), (19_851_350_093, "19 GB"),
        (1_500, "1.5 KB"), (10_000, "10 KB"), (2_000_000_000_000, "2 TB"), (0, "0 B"),
    ]

    @Test(arguments: bytes)
    func humanBytes(bytes: Int64, text: String) {
        #expect(HumanFormat.bytes(bytes) == text)
    }

    static let numbers: [(UInt64, String)] = [
        (UInt64(3_212_749_888), "3.2B"), (20_914_757_184, "20.9B"), (595_776_512, "595.78M"), (137_000_000, "137M"),
        (7_000_000_000, "7B"), (12_345, "12K"), (999, "999"),
    ]

    @Test(arguments: numbers)
    func humanNumber(count: UInt64, text: String) {
        #expect(HumanFormat.number(count) == text)
    }

    static let times: [(Double, String)] = [
        (0.5, "Less than a second ago"), (1.0, "1 second ago"), (45.0, "45 seconds ago"), (90.0, "About a minute ago"),
        (600.0, "10 minutes ago"), (3600.0, "About an hour ago"), (4 * 3600.0, "4 hours ago"),
        (3 * 86400.0, "3 days ago"),
        (20 * 86400.0, "2 weeks ago"), (90 * 86400.0, "3 months ago"), (800 * 86400.0, "2 years ago"),
    ]

    @Test(arguments: times)
    func humanTime(ago: Double, text: String) {
        #expect(HumanFormat.relativeTime(secondsSinceEpoch: 1_000_000_000 - ago, now: 1_000_000_000) == text)
    }

    @Test func timestamps() {
        #expect(HumanFormat.timestamp(nanosecondsSinceEpoch: 0) == "1970-01-01T00:00:00Z")
        #expect(HumanFormat.timestamp(nanosecondsSinceEpoch: 1_764_065_523_500_000_000) == "2025-11-25T10:12:03.5Z")
    }
}

@Suite struct ListFormattingTests {
    @Test func namesAreJoinedAsASentence() {
        #expect(HumanFormat.list([]) == "")
        #expect(HumanFormat.list(["a"]) == "a")
        #expect(HumanFormat.list(["a", "b"]) == "a and b")
        #expect(HumanFormat.list(["a", "b", "c"]) == "a, b and c")
    }
}
