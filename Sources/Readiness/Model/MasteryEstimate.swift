import Foundation

/// The Beta posterior of one area or domain: the probability of answering a medium item correctly.
public struct MasteryEstimate: Sendable, Equatable {
    /// Posterior α = prior α + weighted successes.
    public let alpha: Double
    /// Posterior β = prior β + weighted failures.
    public let beta: Double
    /// Posterior mean α / (α + β).
    public let mastery: Double
    /// Equal-tailed credible interval at `ReadinessParameters.credibleLevel`.
    public let interval: ClosedRange<Double>
    /// Σ weights of the answers behind the estimate (prior excluded).
    public let effectiveWeight: Double
    /// Posterior variance, used by the exam prediction.
    public let variance: Double

    public init(tally: EvidenceTally, parameters: ReadinessParameters) {
        let distribution = BetaDistribution(
            alpha: parameters.priorAlpha + tally.weightedSuccesses,
            beta: parameters.priorBeta + tally.weightedFailures
        )
        self.alpha = distribution.alpha
        self.beta = distribution.beta
        self.mastery = distribution.mean
        self.interval = distribution.credibleInterval(level: parameters.credibleLevel)
        self.effectiveWeight = tally.effectiveWeight
        self.variance = distribution.variance
    }
}
