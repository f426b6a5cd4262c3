import Foundation

/// A compute's managed identity granted a broad control-plane role at subscription scope ("Contributor
/// can do everything"): a standing privilege-escalation risk that still grants no data-plane access.
struct OverBroadRoleFault: FaultKind {
    let name = "over-broad-role"
    let summary = "Grants a compute's managed identity a broad control-plane role (Owner or Contributor) on the whole subscription: anything running on the compute can now change or delete every resource, yet the role has no data actions, so blob reads and Key Vault secret reads are still refused."
    let parameters = [
        FaultParameter("compute", "the compute whose managed identity gets the role"),
        FaultParameter("role", required: false, "Owner or Contributor (default Contributor)"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let role = try arguments.optionalString("role") ?? "Contributor"
        guard ["Owner", "Contributor"].contains(role) else { throw LabError.failed("fault \(name): `role` must be Owner or Contributor") }
        let principal = try ComputeIdentity.principal(of: try arguments.string("compute"), in: sandbox, fault: name)
        let account = try sandbox.azJSON("account show")
        guard let subscription = account["id"]?.stringValue else { throw LabError.failed("fault \(name): `az account show` gave no subscription id") }
        try sandbox.mustRun("az role assignment create --assignee-object-id \(principal) --assignee-principal-type ServicePrincipal --role \(role) --scope /subscriptions/\(subscription) -o none")
    }
}
