import Foundation

/// The principal id of a compute's managed identity (a user-assigned one first, as jobs use it).
enum ComputeIdentity {
    static func principal(of compute: String, in sandbox: LabSandbox, fault: String) throws -> String {
        let entity = try sandbox.azJSON("ml compute show --name \(compute)")
        if let assigned = entity["identity"]?["user_assigned_identities"]?.arrayValue?.first?["principal_id"]?.stringValue { return assigned }
        if let principal = entity["identity"]?["principal_id"]?.stringValue { return principal }
        throw LabError.failed("fault \(fault): compute \(compute) has no managed identity")
    }
}
