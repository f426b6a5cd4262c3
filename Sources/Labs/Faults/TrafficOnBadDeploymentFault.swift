import Foundation
import Workspace

/// The release pipeline moves live (or mirrored) traffic of an online endpoint onto a deployment
/// that serves a worse model, so that share of real requests gets the bad answers.
struct TrafficOnBadDeploymentFault: FaultKind {
    let name = "traffic-on-bad-deployment"
    let summary = "Shifts a share of an online endpoint's live traffic (or mirrored traffic) onto a deployment that serves a worse model version, so that share of real requests is answered by it."
    let parameters = [
        FaultParameter("endpoint", "the online endpoint"),
        FaultParameter("deployment", "the deployment that receives the traffic (it must exist)"),
        FaultParameter("percent", "the share of requests it receives, 1-100 (at most 50 for mirror)"),
        FaultParameter("mode", required: false, "live (default: taken from the other deployments in proportion) or mirror (a shadow copy)"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let endpoint = try arguments.string("endpoint")
        let deployment = try arguments.string("deployment")
        let percent = try arguments.int("percent")
        let mode = try arguments.optionalString("mode") ?? "live"
        guard (1...100).contains(percent) else { throw LabError.failed("fault \(name): `percent` must be between 1 and 100") }
        let shown = try sandbox.azJSON("ml online-endpoint show -n \(endpoint)")
        let traffic = shown["traffic"]?.objectValue ?? [:]
        guard traffic[deployment] != nil else {
            throw LabError.failed("fault \(name): endpoint \(endpoint) has no deployment \(deployment)")
        }
        switch mode {
        case "live":
            let rule = Self.liveRule(traffic.mapValues { Int($0.intValue ?? 0) }, moving: percent, to: deployment)
            try sandbox.mustRun("az ml online-endpoint update -n \(endpoint) --traffic \"\(rule)\"")
        case "mirror":
            try sandbox.mustRun("az ml online-endpoint update -n \(endpoint) --mirror-traffic \"\(deployment)=\(percent)\"")
        default:
            throw LabError.failed("fault \(name): `mode` must be live or mirror")
        }
    }

    /// The traffic rule after `percent` moves to `target`: the other deployments keep the rest in
    /// proportion to what they had (largest remainders), or the first one by name takes it when none had any.
    static func liveRule(_ current: [String: Int], moving percent: Int, to target: String) -> String {
        let others = current.keys.filter { $0 != target }.sorted()
        let rest = 100 - percent
        var shares: [String: Int] = [target: percent]
        let total = others.reduce(0) { $0 + max(0, current[$1] ?? 0) }
        if total == 0 {
            if let first = others.first { shares[first] = rest } else { shares[target] = 100 }
        } else {
            var given = 0
            var remainders: [(String, Double)] = []
            for name in others {
                let exact = Double(rest) * Double(max(0, current[name] ?? 0)) / Double(total)
                let floor = Int(exact.rounded(.down))
                shares[name] = floor
                given += floor
                remainders.append((name, exact - Double(floor)))
            }
            for (name, _) in remainders.sorted(by: { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }).prefix(rest - given) {
                shares[name, default: 0] += 1
            }
        }
        return shares.keys.sorted().map { "\($0)=\(shares[$0] ?? 0)" }.joined(separator: " ")
    }
}
