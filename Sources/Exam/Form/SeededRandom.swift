/// A small deterministic generator (SplitMix64): the same seed gives the same exam form and
/// drill order on every platform and Swift version.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform index in `0..<count` (count > 0).
    public mutating func index(below count: Int) -> Int {
        guard count > 1 else { return 0 }
        return Int(next() % UInt64(count))
    }

    /// Fisher-Yates shuffle driven by this generator (stable across platforms, unlike `shuffled()`).
    public mutating func shuffle<T>(_ items: [T]) -> [T] {
        var copy = items
        var i = copy.count - 1
        while i > 0 {
            let j = index(below: i + 1)
            copy.swapAt(i, j)
            i -= 1
        }
        return copy
    }
}
