import Foundation

/// The documented status rules (docs/scoring.md §4), applied in order; the first match wins.
///
/// 1. grey: fewer than `minimumAnswers` answers or effective weight below `minimumEffectiveWeight`.
/// 2. red: mastery below `redThreshold`.
/// 3. green: interval lower bound ≥ `readyThreshold`, and hands-on evidence when the area needs it.
/// 4. red: the area needs hands-on practice, has no qualifying lab, and either its mastery is below
///    `readyThreshold` or its knowledge is already ready (only practice is missing).
/// 5. yellow: everything else.
public struct StatusRules: Sendable {
    public let parameters: ReadinessParameters

    public init(parameters: ReadinessParameters) {
        self.parameters = parameters
    }

    /// The status and a one-line reason.
    /// - Parameters:
    ///   - needsHandsOn: the blueprint says the area needs hands-on practice (false for domains).
    ///   - handsOnMet: a lab in the area scored at least the pass score without help.
    public func evaluate(
        estimate: MasteryEstimate?, answered: Int, needsHandsOn: Bool, handsOnMet: Bool
    ) -> (status: ReadinessStatus, reason: String) {
        guard let estimate, answered >= parameters.minimumAnswers,
              estimate.effectiveWeight >= parameters.minimumEffectiveWeight else {
            return (.grey, "fewer than \(parameters.minimumAnswers) answers or effective weight below \(format(parameters.minimumEffectiveWeight))")
        }
        let ready = parameters.readyThreshold
        if estimate.mastery < parameters.redThreshold {
            return (.red, "mastery \(format(estimate.mastery)) below \(format(parameters.redThreshold))")
        }
        let knowledgeReady = estimate.interval.lowerBound >= ready
        let practiceMissing = needsHandsOn && !handsOnMet
        if knowledgeReady && !practiceMissing {
            return (.green, "lower bound \(format(estimate.interval.lowerBound)) at or above \(format(ready))" + (needsHandsOn ? " and hands-on evidence" : ""))
        }
        if practiceMissing && knowledgeReady {
            return (.red, "knowledge ready but no lab passed without help")
        }
        if practiceMissing && estimate.mastery < ready {
            return (.red, "mastery \(format(estimate.mastery)) below \(format(ready)) and no lab passed without help")
        }
        return (.yellow, "lower bound \(format(estimate.interval.lowerBound)) below \(format(ready))")
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
