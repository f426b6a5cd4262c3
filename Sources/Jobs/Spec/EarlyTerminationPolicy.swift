import Foundation

/// `early_termination` of a sweep: when a running trial is stopped for doing worse than the others.
///
/// Intervals count the primary metric's logged points: a trial is evaluated when it logs its n-th value
/// with n > `delayEvaluation` and (n - `delayEvaluation`) a multiple of `evaluationInterval`.
public struct EarlyTerminationPolicy: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case bandit
        case medianStopping = "median_stopping"
        case truncationSelection = "truncation_selection"
    }

    /// Which policy.
    public var kind: Kind
    /// Evaluate every this many logged values (at least 1).
    public var evaluationInterval: Int
    /// Logged values to wait for before the first evaluation.
    public var delayEvaluation: Int
    /// Bandit: allowed ratio to the best trial (`value` within best × (1 ± slack_factor)).
    public var slackFactor: Double?
    /// Bandit: allowed absolute distance to the best trial.
    public var slackAmount: Double?
    /// Truncation selection: the worst percentage of trials stopped at each evaluation.
    public var truncationPercentage: Int

    public init(kind: Kind, evaluationInterval: Int = 1, delayEvaluation: Int = 0, slackFactor: Double? = nil,
                slackAmount: Double? = nil, truncationPercentage: Int = 5) {
        self.kind = kind
        self.evaluationInterval = evaluationInterval
        self.delayEvaluation = delayEvaluation
        self.slackFactor = slackFactor
        self.slackAmount = slackAmount
        self.truncationPercentage = truncationPercentage
    }

    /// Whether the trial is evaluated after logging its `count`-th value.
    public func evaluates(atCount count: Int) -> Bool {
        let interval = max(evaluationInterval, 1)
        return count > delayEvaluation && (count - delayEvaluation) % interval == 0
    }
}
