import Foundation

/// A `type: sweep` job: a trial command run over sampled hyperparameters.
/// Properties mirror the YAML keys of the same name (`display_name` → `displayName`).
public struct SweepJobSpec: Sendable, Equatable {
    public var metadata: JobMetadata
    public var trial: CommandComponentSpec
    public var inputs: [JobInput]
    public var outputs: [JobOutput]
    public var samplingAlgorithm: SamplingAlgorithm
    public var searchSpace: [SearchParameter]
    public var objective: SweepObjective
    public var limits: SweepLimits
    /// `early_termination`, applied to running trials from the primary metric they log.
    public var earlyTermination: EarlyTerminationPolicy?

    /// `early_termination.type` as written, when given.
    public var earlyTerminationType: String? { earlyTermination?.kind.rawValue }

    public init(metadata: JobMetadata, trial: CommandComponentSpec, inputs: [JobInput] = [], outputs: [JobOutput] = [],
                samplingAlgorithm: SamplingAlgorithm, searchSpace: [SearchParameter], objective: SweepObjective,
                limits: SweepLimits, earlyTermination: EarlyTerminationPolicy? = nil) {
        self.metadata = metadata
        self.trial = trial
        self.inputs = inputs
        self.outputs = outputs
        self.samplingAlgorithm = samplingAlgorithm
        self.searchSpace = searchSpace
        self.objective = objective
        self.limits = limits
        self.earlyTermination = earlyTermination
    }
}

/// `sampling_algorithm`.
public enum SamplingAlgorithm: Sendable, Equatable {
    case random(seed: UInt64?)
    case grid
    /// Approximated here by seeded random sampling (documented in docs/jobs.md).
    case bayesian
}

/// `objective`.
public struct SweepObjective: Sendable, Equatable {
    public enum Goal: String, Sendable, Equatable { case minimize, maximize }
    public var primaryMetric: String
    public var goal: Goal

    public init(primaryMetric: String, goal: Goal) {
        self.primaryMetric = primaryMetric
        self.goal = goal
    }
}

/// `limits` of a sweep.
public struct SweepLimits: Sendable, Equatable {
    public var maxTotalTrials: Int
    public var maxConcurrentTrials: Int
    public var timeoutSeconds: Int?
    public var trialTimeoutSeconds: Int?

    public init(maxTotalTrials: Int = 1, maxConcurrentTrials: Int = 1, timeoutSeconds: Int? = nil, trialTimeoutSeconds: Int? = nil) {
        self.maxTotalTrials = maxTotalTrials
        self.maxConcurrentTrials = maxConcurrentTrials
        self.timeoutSeconds = timeoutSeconds
        self.trialTimeoutSeconds = trialTimeoutSeconds
    }
}

/// One hyperparameter of `search_space`.
public struct SearchParameter: Sendable, Equatable {
    public var name: String
    public var distribution: SearchDistribution
    public var position: SourcePosition

    public init(name: String, distribution: SearchDistribution, position: SourcePosition) {
        self.name = name
        self.distribution = distribution
        self.position = position
    }
}

/// The sampling expressions of Azure ML sweeps.
public enum SearchDistribution: Sendable, Equatable {
    /// `choice` over scalar values (kept as written).
    case choice([String])
    case randint(upper: Int)
    case uniform(min: Double, max: Double)
    case quniform(min: Double, max: Double, q: Double)
    case loguniform(min: Double, max: Double)
    case qloguniform(min: Double, max: Double, q: Double)
    case normal(mu: Double, sigma: Double)
    case qnormal(mu: Double, sigma: Double, q: Double)
    case lognormal(mu: Double, sigma: Double)
    case qlognormal(mu: Double, sigma: Double, q: Double)
}
