import Foundation

/// An online deployment scaled for a load test and never scaled back: many large instances for a
/// trickle of requests.
struct OversizedDeploymentFault: FaultKind {
    let name = "oversized-deployment"
    let summary = "Sets a larger instance_type and instance_count in an online deployment's YAML and applies it with az ml online-deployment update: the deployment keeps serving, but bills instance_count x instance_type every hour for traffic one small instance would handle."
    let parameters = [
        FaultParameter("file", "the deployment YAML in the working folder"),
        FaultParameter("endpoint", "the online endpoint"),
        FaultParameter("deployment", "the deployment name"),
        FaultParameter("instance_type", "the large instance type, e.g. Standard_DS4_v2 (within the 32-vCPU quota)"),
        FaultParameter("instance_count", "the instance count"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let count = try arguments.int("instance_count")
        guard count >= 1 else { throw LabError.failed("fault \(name): `instance_count` must be at least 1") }
        try sandbox.setYAMLScalar(in: file, path: "instance_type", to: try arguments.string("instance_type"))
        try sandbox.setYAMLScalar(in: file, path: "instance_count", to: String(count))
        try sandbox.mustRun("az ml online-deployment update --file \(file) --name \(try arguments.string("deployment")) --endpoint-name \(try arguments.string("endpoint")) -o none")
    }
}
