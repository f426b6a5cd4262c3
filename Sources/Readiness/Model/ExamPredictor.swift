import Exam
import Foundation

/// Combines domain posteriors into a predicted score on a medium form (docs/scoring.md §5).
///
/// p = Σ w_d μ_d with w_d the normalised midpoints of the weight ranges.
/// Var = Σ w_d² v_d (posterior) + Σ w_d (μ_d(1 − μ_d) − v_d) / n (sampling an n-item form with
/// items allotted by weight). Pass probability 1 − Φ((k − 0.5 − n p) / (n σ)) with k the raw
/// cut of the form from `ScaledScore` and a continuity correction; scores through `ScaledScore`.
public struct ExamPredictor: Sendable {
    public let formItems: Int
    public let scale: ScaledScore
    /// The least whole number of points that passes the form.
    public let rawCut: Int

    public init(formItems: Int) {
        let items = max(1, formItems)
        self.formItems = items
        let scale = ScaledScore(itemDifficulties: Array(repeating: Difficulty.medium.raschDifficulty, count: items))
        self.scale = scale
        self.rawCut = (0...items).first { scale.passes(raw: Double($0)) } ?? items
    }

    /// - Parameter domains: per domain its normalised weight, its estimate (nil without answers)
    ///   and the prior used in its place.
    public func predict(domains: [(id: String, weight: Double, estimate: MasteryEstimate?)], prior: BetaDistribution) -> PredictedExam {
        let missing = domains.filter { $0.estimate == nil }.map(\.id)
        let totalWeight = domains.reduce(0) { $0 + $1.weight }
        guard domains.contains(where: { $0.estimate != nil }), totalWeight > 0 else {
            return PredictedExam(
                basis: "no answers yet: answer practice questions to get a prediction",
                formItems: formItems, rawCut: rawCut, proportion: nil, standardDeviation: nil,
                proportionInterval: nil, scaledScore: nil, scaledInterval: nil, passProbability: nil,
                domainsWithoutEvidence: missing
            )
        }
        var mean = 0.0
        var posteriorVariance = 0.0
        var samplingVariance = 0.0
        let n = Double(formItems)
        for domain in domains {
            let w = domain.weight / totalWeight
            let mu = domain.estimate?.mastery ?? prior.mean
            let v = domain.estimate?.variance ?? prior.variance
            mean += w * mu
            posteriorVariance += w * w * v
            samplingVariance += w * max(0, mu * (1 - mu) - v) / n
        }
        let sd = (posteriorVariance + samplingVariance).squareRoot()
        let z = StandardNormal.z95
        let lower = min(max(mean - z * sd, 0), 1)
        let upper = min(max(mean + z * sd, 0), 1)
        let passProbability = sd > 0
            ? 1 - StandardNormal.cdf((Double(rawCut) - 0.5 - n * mean) / (n * sd))
            : (n * mean >= Double(rawCut) ? 1 : 0)
        var basis = "domain posteriors weighted by the midpoints of the outline's weight ranges, \(formItems)-item medium form"
        if !missing.isEmpty {
            basis += "; no answers in domain \(missing.joined(separator: ", ")) (prior used, interval wider)"
        }
        return PredictedExam(
            basis: basis, formItems: formItems, rawCut: rawCut, proportion: mean, standardDeviation: sd,
            proportionInterval: lower...upper,
            scaledScore: scale.scaled(raw: n * mean),
            scaledInterval: scale.scaled(raw: n * lower)...scale.scaled(raw: n * upper),
            passProbability: min(max(passProbability, 0), 1), domainsWithoutEvidence: missing
        )
    }
}
