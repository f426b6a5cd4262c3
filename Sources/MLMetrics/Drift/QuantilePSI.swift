import Foundation

/// The common industry PSI (not Azure's, not Evidently's): bins at the reference's quantiles, empty
/// shares clipped at ε. Used by the drift benchmark, whose NumPy side computes the same thing.
public enum QuantilePSI {
    /// PSI over `bins` bins cut at the reference quantiles (NumPy's default linear interpolation);
    /// a value equal to an inner edge goes to the upper bin (`searchsorted(..., side='right')`);
    /// shares below ε are raised to ε. Both samples must be sorted ascending and non-empty.
    public static func sorted(reference: [Double], current: [Double], bins: Int = 10, epsilon: Double = 1e-4) -> Double {
        guard bins >= 1, !reference.isEmpty, !current.isEmpty else { return .nan }
        let levels = Binning.linspace(0, 1, bins + 1)
        let edges = (1..<bins).map { quantileSorted(reference, levels[$0]) }
        func shares(_ a: [Double]) -> [Double] {
            var cumulative = [0]
            for e in edges { cumulative.append(Binning.lowerBound(a, e)) }
            cumulative.append(a.count)
            return (0..<bins).map { max(Double(cumulative[$0 + 1] - cumulative[$0]) / Double(a.count), epsilon) }
        }
        return DistributionDistances.populationStabilityIndex(reference: shares(reference), current: shares(current))
    }

    /// `np.quantile(a, q)` (method 'linear') of a sorted sample.
    public static func quantileSorted(_ a: [Double], _ q: Double) -> Double {
        guard !a.isEmpty else { return .nan }
        let h = Double(a.count) * q + (1 + q * (1 - 1 - 1)) - 1
        let lo = max(Int(h.rounded(.down)), 0)
        guard lo + 1 < a.count else { return a[a.count - 1] }
        let t = h - h.rounded(.down)
        let below = a[lo], above = a[lo + 1]
        let diff = above - below
        return t >= 0.5 ? above - diff * (1 - t) : below + diff * t
    }
}
