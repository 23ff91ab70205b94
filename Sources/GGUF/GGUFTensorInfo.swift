/// One tensor's entry in the header: where its data is and how it is encoded (never the data itself).
public struct GGUFTensorInfo: Equatable, Sendable {
    public var name: String
    /// Dimensions, fastest-varying first (ggml's `ne`).
    public var dimensions: [UInt64]
    public var type: GGMLType
    /// Offset of the data from the start of the data section.
    public var offset: UInt64

    public init(name: String, dimensions: [UInt64], type: GGMLType, offset: UInt64) {
        self.name = name
        self.dimensions = dimensions
        self.type = type
        self.offset = offset
    }

    /// Π dimensions (1 for a tensor with no dimensions).
    public var elementCount: UInt64 { dimensions.reduce(1, *) }

    /// Bytes of the tensor's data: elements / block size × bytes per block.
    public var byteCount: UInt64 { elementCount / type.blockSize * type.typeSize }
}
