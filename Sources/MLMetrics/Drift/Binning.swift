import Foundation

/// How a numeric column is cut into bins before histogram distances are computed.
public enum Binning {
    /// Azure ML monitoring: Sturges on the smaller sample, k = ceil(log2(n_small) + 1) equal-width
    /// bins from the joint min to the joint max (edges min + i·width). A constant column gets one
    /// bin [v − δ, v + δ] with δ = 0.005·|v| (0.005 when v = 0).
    public static func azureEdges(minimum: Double, maximum: Double, smallerCount: Int) -> [Double] {
        if minimum == maximum {
            let delta = minimum == 0 ? 0.005 : abs(minimum * 0.005)
            return [minimum - delta, minimum + delta]
        }
        let k = Int((log2(Double(max(smallerCount, 1))) + 1).rounded(.up))
        let width = (maximum - minimum) / Double(k)
        return [minimum] + (1...k).map { minimum + Double($0) * width }
    }

    /// Counts with PySpark's `RDD.histogram(edges)`: values outside [first, last] are dropped; the
    /// last bin is closed; evenly spaced edges (steps within 1e-10) use int((v − min)/inc),
    /// others a right bisection.
    public static func sparkHistogram(sorted values: [Double], edges: [Double]) -> [Double] {
        let bins = edges.count - 1
        guard bins >= 1, let lo = edges.first, let hi = edges.last else { return [] }
        var steps: [Double] = []
        for i in 0..<bins { steps.append(edges[i + 1] - edges[i]) }
        let even = (steps.max() ?? 0) - (steps.min() ?? 0) < 1e-10
        let inc = (hi - lo) / Double(bins)
        var counts = [Double](repeating: 0, count: bins + 1)
        for v in values {
            if v > hi || v < lo { continue }
            var t: Int
            if even {
                t = Int((v - lo) / inc)
            } else {
                t = upperBound(edges, v) - 1
            }
            t = min(max(t, 0), bins)
            counts[t] += 1
        }
        let last = counts.removeLast()
        counts[bins - 1] += last
        return counts
    }

    /// Evidently: `np.histogram_bin_edges(concat(ref, cur), bins='sturges')`, i.e. width
    /// ptp/(log2 n + 1), ceil(ptp/width) bins, `np.linspace` edges; a constant sample gets [v−0.5, v+0.5].
    public static func numpySturgesEdges(minimum: Double, maximum: Double, count: Int) -> [Double] {
        var first = minimum, last = maximum
        var bins = 1
        let ptp = maximum - minimum
        if ptp > 0 {
            let width = ptp / (log2(Double(count)) + 1)
            bins = Int((ptp / width).rounded(.up))
        }
        if first == last {
            first -= 0.5
            last += 0.5
        }
        return linspace(first, last, bins + 1)
    }

    /// `np.linspace(start, stop, num)`: start + i·step with the last value set to stop.
    static func linspace(_ start: Double, _ stop: Double, _ num: Int) -> [Double] {
        guard num > 1 else { return [start] }
        let step = (stop - start) / Double(num - 1)
        var out = (0..<num).map { Double($0) * step + start }
        out[num - 1] = stop
        return out
    }

    /// `np.histogram(values, edges)`: bin i is [e_i, e_{i+1}), the last bin closed; outside values dropped.
    public static func numpyHistogram(sorted values: [Double], edges: [Double]) -> [Double] {
        let bins = edges.count - 1
        guard bins >= 1 else { return [] }
        var cumulative: [Int] = []
        for i in 0..<bins { cumulative.append(lowerBound(values, edges[i])) }
        cumulative.append(upperBound(values, edges[bins]))
        return (0..<bins).map { Double(cumulative[$0 + 1] - cumulative[$0]) }
    }

    /// Index of the first element > x in a sorted array.
    static func upperBound(_ a: [Double], _ x: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Index of the first element ≥ x in a sorted array.
    static func lowerBound(_ a: [Double], _ x: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Counts per category over the sorted union of both samples' values.
    public static func categoryCounts(reference: [String], current: [String]) -> (categories: [String], reference: [Double], current: [Double]) {
        var ref: [String: Double] = [:], cur: [String: Double] = [:]
        for v in reference { ref[v, default: 0] += 1 }
        for v in current { cur[v, default: 0] += 1 }
        let categories = Set(ref.keys).union(cur.keys).sorted()
        return (categories, categories.map { ref[$0] ?? 0 }, categories.map { cur[$0] ?? 0 })
    }

    /// Counts per distinct numeric value over the sorted union (Evidently's ≤ 20-unique rule).
    public static func valueCounts(reference: [Double], current: [Double]) -> (reference: [Double], current: [Double]) {
        var ref: [Double: Double] = [:], cur: [Double: Double] = [:]
        for v in reference { ref[v, default: 0] += 1 }
        for v in current { cur[v, default: 0] += 1 }
        let keys = Set(ref.keys).union(cur.keys).sorted()
        return (keys.map { ref[$0] ?? 0 }, keys.map { cur[$0] ?? 0 })
    }
}
