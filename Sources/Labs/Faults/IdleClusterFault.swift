import Foundation

/// A cluster kept warm with min_instances above zero (to avoid cold starts) and then left alone: its
/// nodes bill around the clock whether or not any job runs.
struct IdleClusterFault: FaultKind {
    let name = "idle-cluster"
    let summary = "Raises a cluster's min_instances above zero (and optionally its idle_time_before_scale_down), in its YAML and in the workspace, then lets simulated hours pass: the standing nodes bill all that time with no job running, and keep billing until min_instances is 0 again."
    let parameters = [
        FaultParameter("compute", "the AmlCompute cluster"),
        FaultParameter("min_instances", required: false, "nodes kept up (default 2)"),
        FaultParameter("idle_seconds", required: false, "idle_time_before_scale_down to set, in seconds"),
        FaultParameter("file", required: false, "the cluster's YAML in the working folder, updated to match"),
        FaultParameter("idle_hours", required: false, "simulated hours that pass afterwards (default 0)"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let compute = try arguments.string("compute")
        let minimum = try arguments.optionalInt("min_instances") ?? 2
        guard minimum >= 1 else { throw LabError.failed("fault \(name): `min_instances` must be at least 1 for the cluster to idle") }
        let idle = try arguments.optionalInt("idle_seconds")
        var line = "az ml compute update --name \(compute) --min-instances \(minimum)"
        if let idle { line += " --idle-time-before-scale-down \(idle)" }
        try sandbox.mustRun(line + " -o none")
        if let file = try arguments.optionalString("file") {
            try sandbox.setYAMLScalar(in: file, path: "min_instances", to: String(minimum))
            if let idle { try sandbox.setYAMLScalar(in: file, path: "idle_time_before_scale_down", to: String(idle)) }
        }
        let hours = try arguments.optionalInt("idle_hours") ?? 0
        guard hours >= 0 else { throw LabError.failed("fault \(name): `idle_hours` must be 0 or more") }
        if hours > 0 { try sandbox.mustRun("clock advance \(hours)h") }
    }
}
