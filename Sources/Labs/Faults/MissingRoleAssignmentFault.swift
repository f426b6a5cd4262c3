import Foundation

/// A role assignment a compute's managed identity relied on is deleted (a clean-up of "unused" roles).
struct MissingRoleAssignmentFault: FaultKind {
    let name = "missing-role-assignment"
    let summary = "Deletes a role assignment of a compute's managed identity (for example Storage Blob Data Reader on a storage account): whatever the identity reached through it, such as a job reading an identity-based datastore, now fails with an authorization error."
    let parameters = [
        FaultParameter("compute", "the compute whose managed identity loses the role"),
        FaultParameter("role", "the role name, e.g. Storage Blob Data Reader"),
        FaultParameter("scope", required: false, "only the assignment at this scope (default: every scope)"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let principal = try ComputeIdentity.principal(of: try arguments.string("compute"), in: sandbox, fault: name)
        let role = try arguments.string("role")
        var line = "role assignment delete --assignee \(principal) --role \"\(role)\""
        if let scope = try arguments.optionalString("scope") { line += " --scope \(scope)" }
        let output = try sandbox.run("az \(line)")
        guard output.status == 0 else {
            throw LabError.failed("fault \(name): the identity of \(try arguments.string("compute")) has no \(role) assignment to delete; grant it in setup first")
        }
    }
}
