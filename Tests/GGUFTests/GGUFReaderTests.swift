import FixtureKit
import GGUF
import Testing

/// A small valid model with every value type, in the given version and byte order.
func sampleGGUF(version: UInt32 = 3, bigEndian: Bool = false, swappedMagic: Bool = false) -> GGUFBuilder {
    var b = GGUFBuilder()
    b.version = version
    b.isBigEndian = bigEndian
    b.usesSwappedMagic = swappedMagic
    b.add("general.architecture", .text("llama"))
    b.add("general.name", .text("Sample ✓"))
    b.add("general.file_type", .uint32(15))
    b.add("u8", .uint8(200))
    b.add("i8", .int8(-5))
    b.add("u16", .uint16(65000))
    b.add("i16", .int16(-300))
    b.add("u32", .uint32(4_000_000_000))
    b.add("i32", .int32(-70000))
    b.add("f32", .float32(1.5))
    b.add("bool", .bool(true))
    b.add("u64", .uint64(1 << 40))
    b.add("i64", .int64(-(1 << 40)))
    b.add("f64", .float64(-2.25))
    b.add("llama.context_length", .uint64(8192))
    b.add("llama.attention.head_count", .array(of: .uint32, [.uint32(8), .uint32(32), .uint32(16)]))
    b.add("nested", .array(of: .array, [.array(of: .int16, [.int16(1), .int16(-2)]), .strings(["x", "yz"])]))
    b.add("tokenizer.ggml.tokens", .strings((0..<100).map { "t\($0)" }))
    b.tensors = [
        .init("token_embd.weight", [256, 4], typeID: 12), .init("output_norm.weight", [256], typeID: 0),
        .init("blk.0.ffn.weight", [64, 2], typeID: 8),
    ]
    return b
}

@Suite struct GGUFReaderTests {
    let reader = GGUFReader(options: .init(keptArrayElements: 10))

    func read(_ bytes: [UInt8]) throws(GGUFError) -> GGUFHeader {
        try reader.readHeader(from: MemoryByteSource(bytes, name: "test.gguf"))
    }

    @Test(arguments: [
        (3, false, false), (3, true, false), (2, false, false), (1, false, false), (2, true, true), (1, true, false),
    ])
    func readsEveryValueTypeInEveryVersionAndByteOrder(version: UInt32, bigEndian: Bool, swappedMagic: Bool) throws {
        let header = try read(sampleGGUF(version: version, bigEndian: bigEndian, swappedMagic: swappedMagic).build())
        #expect(header.version == version)
        #expect(header.byteOrder == (bigEndian ? .bigEndian : .littleEndian))
        #expect(header["u8"] == .uint8(200))
        #expect(header["i8"] == .int8(-5))
        #expect(header["u16"] == .uint16(65000))
        #expect(header["i16"] == .int16(-300))
        #expect(header["u32"] == .uint32(4_000_000_000))
        #expect(header["i32"] == .int32(-70000))
        #expect(header["f32"] == .float32(1.5))
        #expect(header["bool"] == .bool(true))
        #expect(header["u64"] == .uint64(1 << 40))
        #expect(header["i64"] == .int64(-(1 << 40)))
        #expect(header["f64"] == .float64(-2.25))
        #expect(header.name == "Sample ✓")
        #expect(header.contextLength == 8192)
        #expect(header.headCount == 32)
        let nested = try #require(header["nested"]?.arrayValue)
        #expect(nested.count == 2)
        #expect(nested.elements[0] == .array(of: .int16, [.int16(1), .int16(-2)]))
        let tokens = try #require(header["tokenizer.ggml.tokens"]?.arrayValue)
        #expect(tokens.count == 100)
        #expect(tokens.elements.count == 10)
        #expect(header.vocabularySize == 100)
        #expect(header.tensors.map(\.name) == ["token_embd.weight", "output_norm.weight", "blk.0.ffn.weight"])
        #expect(header.parameterCount == 256 * 4 + 256 + 128)
        #expect(header.tensorBytes == 4 * 144 + 1024 + 4 * 34)
        #expect(header.dataOffset % 32 == 0)
        #expect(header.dataOffset >= header.tensorInfoEnd && header.dataOffset - header.tensorInfoEnd < 32)
        #expect(header.fileType?.name == "Q4_K_M")
        #expect(header.problems.isEmpty)
    }

    @Test func customAlignmentAndPadding() throws {
        var b = sampleGGUF()
        b.add("general.alignment", .uint32(64))
        let header = try read(b.build())
        #expect(header.alignment == 64)
        #expect(header.dataOffset % 64 == 0)
        #expect(header.tensors.allSatisfy { $0.offset % 64 == 0 })
    }

    @Test(arguments: [GGUFValue.uint32(0), .uint32(48), .uint64(32)])
    func badAlignmentIsRefused(value: GGUFValue) {
        var b = sampleGGUF()
        b.add("general.alignment", value)
        #expect { try read(b.build()) } throws: { "\($0)".contains("general.alignment") }
    }

    /// Every prefix of a valid file must throw a GGUFError (or, once the tensor infos are complete, read
    /// with a truncation problem) and never crash or hang.
    @Test func truncationAtEveryOffset() throws {
        let bytes = sampleGGUF().build()
        let full = try read(bytes)
        let dataEnd = full.dataOffset + Int64(full.tensors.map { $0.offset + $0.byteCount }.max() ?? 0)
        for length in 0..<bytes.count {
            do {
                let header = try read(Array(bytes[..<length]))
                #expect(Int64(length) >= full.tensorInfoEnd, "a header read from \(length) bytes")
                #expect(
                    header.problems.contains { $0.contains("truncated") } == (Int64(length) < dataEnd),
                    "\(length) bytes")
            } catch {
                #expect(Int64(length) < full.tensorInfoEnd, "\(length) bytes: \(error)")
            }
        }
    }

    /// Strings past the kept elements are skipped in one fast pass; a bad one there is still named by its
    /// index and offset, in every version and byte order, and the fast pass ends where the slow one would.
    @Test(arguments: [(3, false), (3, true), (1, false), (1, true)])
    func aBadStringAmongTheSkippedOnesIsNamed(version: UInt32, bigEndian: Bool) throws {
        let bytes = sampleGGUF(version: version, bigEndian: bigEndian).build()
        let lengthSize = version == 1 ? 4 : 8
        var length = [UInt8](repeating: 0, count: lengthSize)
        length[bigEndian ? lengthSize - 1 : 0] = 3
        let needle = length + Array("t57".utf8)
        let at = try #require(
            (0...(bytes.count - needle.count)).first { Array(bytes[$0..<$0 + needle.count]) == needle })
        // A length past the end of the file (named where the string's bytes start), then one over the cap
        // (named at its length).
        for (byte, expected) in [
            (UInt8(0x10), "at offset \(at + lengthSize): needs 268435459 bytes"), (UInt8(0x7f), "exceeds the cap"),
        ] {
            var broken = bytes
            broken[bigEndian ? at + lengthSize - 4 : at + 3] = byte
            #expect { try read(broken) } throws: { error in
                "\(error)".contains("tokenizer.ggml.tokens[57]") && "\(error)".contains(expected)
            }
        }
        // Kept whole, the same file reads with every string kept, to the same end.
        let all = try GGUFReader(options: .init(keptArrayElements: 1000)).readHeader(
            from: MemoryByteSource(bytes, name: "t"))
        #expect(all.dataOffset == (try read(bytes)).dataOffset && all.tensors.count == 3)
    }

    @Test func truncationMessageNamesFieldOffsetAndBytes() {
        let bytes = sampleGGUF().build()
        #expect {
            try read(Array(bytes[..<30]))
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("test.gguf: ") && text.contains("at offset") && text.contains("left")
        }
    }

    @Test func notGGUFAndBadVersions() throws {
        #expect { try read(Array("GGML\u{3}\0\0\0".utf8)) } throws: { "\($0)".contains("not a GGUF file") }
        #expect { try read([]) } throws: { "\($0)".contains("not a GGUF file") }
        var v4 = sampleGGUF().build()
        v4[4] = 4
        #expect { try read(v4) } throws: { ($0 as? GGUFError) == .unsupportedVersion(path: "test.gguf", version: 4) }
        var v0 = sampleGGUF().build()
        v0[4] = 0
        #expect { try read(v0) } throws: { "\($0)".contains("version 0") }
    }

    /// One field of a valid file changed to a hostile value: each must give its error.
    @Test func guardsRefuseHostileValues() throws {
        func patched(_ edit: (inout GGUFBuilder) -> Void) -> [UInt8] {
            var b = GGUFBuilder()
            b.includesTensorData = false
            b.add("general.architecture", .text("llama"))
            edit(&b)
            return b.build()
        }
        // Huge counts.
        var hugeKV = patched { _ in }
        hugeKV.replaceSubrange(16..<24, with: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])
        #expect { try read(hugeKV) } throws: { "\($0)".contains("metadata_kv_count") }
        var hugeTensors = patched { _ in }
        hugeTensors.replaceSubrange(8..<16, with: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
        #expect { try read(hugeTensors) } throws: { "\($0)".contains("tensor_count") }
        // A string length past the end.
        var longString = patched { _ in }
        longString.replaceSubrange(24..<32, with: [0, 0, 0, 0, 0, 1, 0, 0])
        #expect { try read(longString) } throws: { "\($0)".contains("key of metadata entry 0") }
        // Unknown value type, bad bool, array of unknown type, huge array.
        #expect {
            try read(
                patched {
                    $0.metadata[0].value = .uint8(0)
                    $0.add("x", .bool(true))
                }.withByte(at: -1, 2))
        } throws: { "\($0)".contains("bool value 2") }
        var badType = patched { $0.add("x", .uint8(1)) }
        badType[badType.count - 5] = 13
        #expect { try read(badType) } throws: { "\($0)".contains("unknown type id 13") }
        var hugeArray = patched { $0.add("x", .array(of: .uint64, [])) }
        hugeArray.replaceSubrange(hugeArray.count - 8..<hugeArray.count, with: [0, 0, 0, 0x41, 0, 0, 0, 0])
        #expect { try read(hugeArray) } throws: { "\($0)".contains("exceeds the cap") }
        var bigArray = patched { $0.add("x", .array(of: .uint64, [])) }
        bigArray.replaceSubrange(bigArray.count - 8..<bigArray.count, with: [0, 0, 1, 0, 0, 0, 0, 0])
        #expect { try read(bigArray) } throws: { "\($0)".contains("elements of UINT64") }
        // Duplicate and empty keys.
        #expect { try read(patched { $0.add("general.architecture", .text("again")) }) } throws: {
            "\($0)".contains("duplicate key")
        }
        #expect { try read(patched { $0.add("", .uint8(1)) }) } throws: { "\($0)".contains("empty key") }
        // Too deeply nested arrays.
        var deep = GGUFValue.array(of: .uint8, [.uint8(1)])
        for _ in 0..<10 { deep = .array(of: .array, [deep]) }
        let deepValue = deep
        #expect { try read(patched { $0.add("deep", deepValue) }) } throws: { "\($0)".contains("nested deeper") }
        // Tensor guards.
        #expect { try read(patched { $0.tensors = [.init("t", [32, 1, 1, 1, 1], typeID: 0)] }) } throws: {
            "\($0)".contains("at most 4")
        }
        #expect { try read(patched { $0.tensors = [.init("t", [32], typeID: 5)] }) } throws: {
            "\($0)".contains("unknown or removed ggml type id 5")
        }
        #expect { try read(patched { $0.tensors = [.init("t", [33], typeID: 8)] }) } throws: {
            "\($0)".contains("block size")
        }
        #expect {
            try read(patched { $0.tensors = [.init("t", [32], typeID: 0), .init("t", [32], typeID: 0)] })
        } throws: { "\($0)".contains("duplicate tensor name") }
        #expect {
            try read(patched { $0.tensors = [.init(String(repeating: "n", count: 64), [32], typeID: 0)] })
        } throws: { "\($0)".contains("limit is 63") }
        #expect { try read(patched { $0.tensors = [.init("t", [1 << 40, 1 << 40], typeID: 0)] }) } throws: {
            "\($0)".contains("overflows")
        }
    }

    @Test func headerOnlyFileReportsTruncatedData() throws {
        var b = sampleGGUF()
        b.includesTensorData = false
        let header = try read(b.build())
        #expect(header.problems.count == 1)
        #expect(header.problems[0].contains("truncated"))
    }

    @Test func mxfp4TypeFourAndGptOssFileType() throws {
        var b = GGUFBuilder()
        b.add("general.architecture", .text("gptoss"))
        b.add("general.file_type", .uint32(4))
        b.tensors = [.init("w", [64, 2], typeID: 4)]
        let header = try read(b.build())
        #expect(header.tensors[0].type.name == "MXFP4")
        #expect(header.tensors[0].byteCount == 4 * 17)
        #expect(header.fileType?.name == "MXFP4")
        b.metadata[0].value = .text("llama")
        #expect(try read(b.build()).fileType?.description == "unknown (4)")
    }
}

extension Array where Element == UInt8 {
    /// A copy with the byte at `index` (negative counts from the end) set to `value`.
    func withByte(at index: Int, _ value: UInt8) -> [UInt8] {
        var copy = self
        copy[index < 0 ? count + index : index] = value
        return copy
    }
}
