import Foundation

extension CostReport {
    /// USD per hour billed at `now`: the nodes of every billing period open at that moment (standing
    /// min_instances nodes, running compute instances, nodes a job still holds before scale-down). Times 24,
    /// what a day costs if nothing changes.
    public static func hourlyRunRate(_ billings: [[ComputeStore.BillingPeriod]], at now: Date) -> Double {
        billings.joined().reduce(0) { total, period in
            guard period.start <= now, period.end.map({ $0 > now }) ?? true else { return total }
            return total + Double(period.nodes) * period.hourly
        }
    }
}
