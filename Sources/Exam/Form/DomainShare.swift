/// An outline domain's weight range in percent, as the blueprint gives it.
public struct DomainShare: Sendable, Equatable {
    public var id: String
    public var minPercent: Double
    public var maxPercent: Double

    public init(id: String, minPercent: Double, maxPercent: Double) {
        self.id = id
        self.minPercent = minPercent
        self.maxPercent = maxPercent
    }

    var midpoint: Double { (minPercent + maxPercent) / 2 }

    /// Splits `count` items over the domains in proportion to their midpoints, by largest remainder.
    public static func allocate(_ count: Int, over shares: [DomainShare]) -> [String: Int] {
        let total = shares.reduce(0) { $0 + $1.midpoint }
        guard total > 0, count > 0 else { return Dictionary(uniqueKeysWithValues: shares.map { ($0.id, 0) }) }
        let exact = shares.map { Double(count) * $0.midpoint / total }
        var counts = exact.map { Int($0.rounded(.down)) }
        var remaining = count - counts.reduce(0, +)
        let order = exact.indices.sorted { (exact[$0] - exact[$0].rounded(.down), -$0) > (exact[$1] - exact[$1].rounded(.down), -$1) }
        var k = 0
        while remaining > 0, !order.isEmpty {
            counts[order[k % order.count]] += 1
            remaining -= 1
            k += 1
        }
        return Dictionary(uniqueKeysWithValues: zip(shares.map(\.id), counts))
    }
}
