import Exam
import Foundation

/// The tunable constants of the readiness model. `standard` holds the documented values
/// (docs/scoring.md); tests may change them.
public struct ReadinessParameters: Sendable, Equatable {
    /// Beta prior pseudo-successes.
    public var priorAlpha: Double = 1
    /// Beta prior pseudo-failures.
    public var priorBeta: Double = 1
    /// An answer this many days old counts half as much as one given now.
    public var halfLifeDays: Double = 21
    /// The Rasch ability at which difficulty weights are matched (the borderline candidate).
    public var referenceAbility: Double = ScaledScore.cutAbility
    /// Credible mass of the reported interval.
    public var credibleLevel: Double = 0.90
    /// Lower interval bound needed for green.
    public var readyThreshold: Double = 0.70
    /// Mastery below this is red.
    public var redThreshold: Double = 0.55
    /// Fewer answers than this is grey.
    public var minimumAnswers: Int = 5
    /// Less weighted evidence (Σ weights) than this is grey.
    public var minimumEffectiveWeight: Double = 4
    /// A lab attempt needs at least this score (and no help) to count as hands-on evidence.
    public var handsOnPassScore: Double = 0.7
    /// Scored items on the predicted exam form.
    public var formItems: Int = 50
    /// How many weak objectives a yellow area's next step names.
    public var objectivesToReview: Int = 2

    public init() {}

    public static let standard = ReadinessParameters()

    /// These parameters with every out-of-range or non-finite value replaced by its standard value.
    public var sanitized: ReadinessParameters {
        let standard = ReadinessParameters.standard
        func valid(_ value: Double, _ fallback: Double, _ accept: (Double) -> Bool) -> Double {
            value.isFinite && accept(value) ? value : fallback
        }
        var p = self
        p.priorAlpha = valid(priorAlpha, standard.priorAlpha) { $0 > 0 }
        p.priorBeta = valid(priorBeta, standard.priorBeta) { $0 > 0 }
        p.halfLifeDays = valid(halfLifeDays, standard.halfLifeDays) { $0 > 0 }
        p.referenceAbility = valid(referenceAbility, standard.referenceAbility) { _ in true }
        p.credibleLevel = valid(credibleLevel, standard.credibleLevel) { $0 > 0 && $0 < 1 }
        p.readyThreshold = valid(readyThreshold, standard.readyThreshold) { (0...1).contains($0) }
        p.redThreshold = valid(redThreshold, standard.redThreshold) { (0...1).contains($0) }
        p.minimumEffectiveWeight = valid(minimumEffectiveWeight, standard.minimumEffectiveWeight) { $0 >= 0 }
        p.handsOnPassScore = valid(handsOnPassScore, standard.handsOnPassScore) { (0...1).contains($0) }
        p.minimumAnswers = max(0, minimumAnswers)
        p.formItems = (1...1000).contains(formItems) ? formItems : standard.formItems
        p.objectivesToReview = min(max(objectivesToReview, 0), 20)
        return p
    }
}
