import Foundation

/// Shared-key access turned off on a storage account, as the Azure Policy "Storage accounts should prevent
/// shared key access" remediation does: requests signed with the account key are refused.
struct SharedKeyDisabledFault: FaultKind {
    let name = "shared-key-disabled"
    let summary = "Turns off shared-key access on a storage account (allowSharedKeyAccess false): every request signed with the account key, such as a job reading through a key-based datastore, now fails with KeyBasedAuthenticationNotPermitted."
    let parameters = [FaultParameter("account", "the storage account")]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        try sandbox.mustRun("az storage account update --name \(try arguments.string("account")) --allow-shared-key-access false -o none")
    }
}
