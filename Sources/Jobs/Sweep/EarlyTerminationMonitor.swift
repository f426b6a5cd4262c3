import Foundation

/// Applies a sweep's early-termination policy to its running trials. Trials report the primary metric's
/// values as they log them; at each evaluation point the trial is compared with the other trials' values
/// at the same point, and the reason to stop it is returned when the policy says so.
final class EarlyTerminationMonitor: @unchecked Sendable {
    let policy: EarlyTerminationPolicy
    let goal: SweepObjective.Goal
    let metric: String
    private let lock = NSLock()
    private var values: [String: [Double]] = [:]
    private var evaluated: [String: Int] = [:]

    init(policy: EarlyTerminationPolicy, goal: SweepObjective.Goal, metric: String) {
        self.policy = policy
        self.goal = goal
        self.metric = metric
    }

    /// Records `trial`'s values so far; returns why it should stop, or nil to let it run.
    func observe(trial: String, values latest: [Double]) -> String? {
        lock.lock()
        defer { lock.unlock() }
        values[trial] = latest
        let from = (evaluated[trial] ?? 0) + 1
        guard latest.count >= from else { return nil }
        evaluated[trial] = latest.count
        for count in from...latest.count where policy.evaluates(atCount: count) {
            if let reason = decide(trial: trial, count: count) { return reason }
        }
        return nil
    }

    /// Records a finished trial's values so later trials are compared with them.
    func finished(trial: String, values final: [Double]) {
        lock.lock()
        values[trial] = final
        lock.unlock()
    }

    private func better(_ lhs: Double, _ rhs: Double) -> Bool {
        goal == .maximize ? lhs > rhs : lhs < rhs
    }

    private func decide(trial: String, count: Int) -> String? {
        guard let own = values[trial], own.count >= count else { return nil }
        let value = own[count - 1]
        let others = values.filter { $0.key != trial && $0.value.count >= count }
        guard !others.isEmpty else { return nil }
        let place = "at value \(count) of \(metric)"
        switch policy.kind {
        case .bandit:
            let candidates = others.map { ($0.key, $0.value[count - 1]) } + [(trial, value)]
            guard let best = candidates.min(by: { better($0.1, $1.1) }), best.0 != trial else { return nil }
            let limit: Double
            let rule: String
            if let factor = policy.slackFactor {
                limit = goal == .maximize ? best.1 / (1 + factor) : best.1 * (1 + factor)
                rule = "slack_factor \(SweepSampler.format(factor))"
            } else {
                let amount = policy.slackAmount ?? 0
                limit = goal == .maximize ? best.1 - amount : best.1 + amount
                rule = "slack_amount \(SweepSampler.format(amount))"
            }
            guard better(limit, value) else { return nil }
            return "Early terminated by the bandit policy \(place): \(value) is not within \(rule) of the best trial \(best.0) (\(best.1))."
        case .medianStopping:
            let averages = others.values.map { series in series.prefix(count).reduce(0, +) / Double(count) }.sorted()
            let median = averages.count % 2 == 1 ? averages[averages.count / 2] : (averages[averages.count / 2 - 1] + averages[averages.count / 2]) / 2
            let bestSoFar = own.prefix(count).min(by: { better($0, $1) }) ?? value
            guard better(median, bestSoFar) else { return nil }
            return "Early terminated by the median stopping policy \(place): its best value \(bestSoFar) is worse than the median \(median) of the other trials' running averages."
        case .truncationSelection:
            let ranked = (others.map { ($0.key, $0.value[count - 1]) } + [(trial, value)]).sorted { better($1.1, $0.1) }
            let cut = Int((Double(ranked.count) * Double(policy.truncationPercentage) / 100).rounded(.down))
            guard cut > 0, ranked.prefix(cut).contains(where: { $0.0 == trial }) else { return nil }
            return "Early terminated by the truncation selection policy \(place): \(value) is among the worst \(policy.truncationPercentage)% of \(ranked.count) trials."
        }
    }
}
