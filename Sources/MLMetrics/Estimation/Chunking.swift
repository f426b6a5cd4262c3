/// Splits rows into contiguous chunks of near-equal size, in row order.
public enum Chunking {
    /// `chunks` ranges covering 0..<count (fewer when count < chunks).
    public static func ranges(count: Int, chunks: Int) -> [Range<Int>] {
        let k = max(1, min(chunks, count))
        guard count > 0 else { return [] }
        return (0..<k).map { i in (i * count / k)..<((i + 1) * count / k) }
    }
}
