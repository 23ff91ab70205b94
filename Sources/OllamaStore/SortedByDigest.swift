extension RandomAccessCollection where Index == Int {
    /// The element whose `digest` is `digest`, in a collection sorted by that digest, found by binary search:
    /// a large store's verdicts and shared blobs need no second index.
    public func element(withDigest digest: BlobDigest, _ key: (Element) -> BlobDigest) -> Element? {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if key(self[middle]) < digest { low = middle + 1 } else { high = middle }
        }
        return low < endIndex && key(self[low]) == digest ? self[low] : nil
    }
}
