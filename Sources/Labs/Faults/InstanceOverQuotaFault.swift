import Foundation

/// A pending edit of a deployment YAML that asks for more vCPUs than the workspace's online-endpoint
/// quota holds: applying the file fails with OutOfQuota and leaves the deployment as it was.
struct InstanceOverQuotaFault: FaultKind {
    let name = "instance-over-quota"
    let summary = "Edits an online deployment's YAML (not applied) to an instance_type and instance_count whose vCPUs plus the 20% upgrade reserve exceed the workspace's 32-vCPU online-endpoint quota: az ml online-deployment create or update with that file fails with OutOfQuota."
    let parameters = [
        FaultParameter("file", "the deployment YAML in the working folder"),
        FaultParameter("instance_type", required: false, "the instance type to request (default: keep the file's)"),
        FaultParameter("instance_count", "the instance count to request"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        if let type = try arguments.optionalString("instance_type") { try sandbox.setYAMLScalar(in: file, path: "instance_type", to: type) }
        let count = try arguments.int("instance_count")
        guard count >= 1 else { throw LabError.failed("fault \(name): `instance_count` must be at least 1") }
        try sandbox.setYAMLScalar(in: file, path: "instance_count", to: String(count))
    }
}
