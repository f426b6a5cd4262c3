import Foundation

/// A datastore re-registered with the storage account's key written into its YAML: the key now sits in
/// the repository, and every read through the datastore depends on shared-key access staying enabled.
struct DatastoreAccountKeyFault: FaultKind {
    let name = "datastore-account-key"
    let summary = "Writes the storage account's key into a datastore YAML (credentials.account_key) and re-registers the datastore with it: the key leaks into the working files, and jobs reading through the datastore fail as soon as the account refuses shared-key access."
    let parameters = [
        FaultParameter("file", "the datastore YAML in the working folder (it must have account_name and no credentials yet)"),
        FaultParameter("account", "the storage account whose key is used (it must exist)"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let account = try arguments.string("account")
        let text = try sandbox.read(file)
        guard !text.contains("credentials:") else { throw LabError.failed("fault \(name): \(file) already has credentials") }
        guard text.contains("account_name:") else { throw LabError.failed("fault \(name): \(file) has no account_name") }
        let keys = try sandbox.azJSON("storage account keys list --account-name \(account)")
        guard let key = keys.arrayValue?.first?["value"]?.stringValue else {
            throw LabError.failed("fault \(name): storage account \(account) listed no keys")
        }
        let body = text.hasSuffix("\n") ? text : text + "\n"
        try sandbox.write(file, body + "credentials:\n  account_key: \(key)\n")
        sandbox.plantSecret(key)
        try sandbox.mustRun("az ml datastore create --file \(file) -o none")
    }
}
