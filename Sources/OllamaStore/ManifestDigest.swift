/// Which bytes of a manifest file make its identity digest.
///
/// Ollama hashes what its `json.Decoder` reads through a TeeReader. The decoder reads in chunks whose
/// cumulative sizes are 512, 1536, 3584, 7680, 15872, … (each `2 × previous + 512`) and stops reading as soon
/// as the value's closing `}` is in its buffer. So the digest covers the file up to the first chunk boundary
/// at or after the end of the JSON value, or the whole file if that is shorter. For the files Ollama writes
/// (no trailing bytes, or one `\n`), that is the whole file, except a 513-, 1537-, 3585-… byte file ending in
/// `\n`, whose `}` is the last byte of a chunk.
public enum ManifestDigest {
    /// The number of leading bytes that are hashed.
    /// - Parameters:
    ///   - fileLength: the manifest file's length.
    ///   - valueEnd: the offset just past the JSON value's last byte.
    public static func hashedLength(fileLength: Int, valueEnd: Int) -> Int {
        var boundary = 512
        while boundary < valueEnd { boundary = boundary * 2 + 512 }
        return min(boundary, fileLength)
    }
}
