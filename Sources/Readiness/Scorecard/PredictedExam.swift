import Foundation

/// The predicted result on a medium-difficulty form (docs/scoring.md §5).
public struct PredictedExam: Sendable, Equatable {
    /// What the prediction rests on, or why there is none.
    public var basis: String
    /// Scored items on the form the prediction is for.
    public var formItems: Int
    /// Raw points needed to pass that form.
    public var rawCut: Int
    /// Expected proportion correct; nil without evidence.
    public var proportion: Double?
    /// Standard deviation of the proportion (posterior plus form sampling noise).
    public var standardDeviation: Double?
    /// 90 % interval of the proportion.
    public var proportionInterval: ClosedRange<Double>?
    public var scaledScore: Int?
    /// 90 % interval on the 1-1000 scale.
    public var scaledInterval: ClosedRange<Int>?
    public var passProbability: Double?
    /// Domains that had no answers; their prior enters the prediction.
    public var domainsWithoutEvidence: [String]

    /// Whether there is a prediction at all.
    public var isAvailable: Bool { proportion != nil }
}
