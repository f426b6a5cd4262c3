import Foundation
import Testing
@testable import AzCLI
@testable import Workspace

@Suite("storage accounts, datastores, compute identities and identity-based data access")
struct IdentityDataAccessTests {
    static let subscription = "/subscriptions/6d2b1c9e-3f4a-4b7e-9a1d-0c5e8f7a2b31"
    static let account = subscription + "/resourceGroups/rg-mlopslab/providers/Microsoft.Storage/storageAccounts/stdata01"

    /// A storage account with one blob, a cluster with a system-assigned identity and a job reading through `sales`.
    func prepared() throws -> (AzSandbox, String) {
        let box = try AzSandbox()
        try box.write("local/sales.csv", "a,b\n1,2\n")
        #expect(box.az("storage account create -n stdata01 -o none").status == 0)
        #expect(box.az("storage container create -n raw --account-name stdata01 -o none").status == 0)
        let upload = box.az("storage blob upload --account-name stdata01 -c raw -n 2024/sales.csv -f local/sales.csv -o none")
        #expect(upload.status == 0, "\(upload.stderr)")
        #expect(box.az("ml compute create -n cpu --type amlcompute --identity-type SystemAssigned -o none").status == 0)
        let principal = box.az("ml compute show -n cpu --query identity.principal_id -o tsv").stdout.trimmingCharacters(in: .newlines)
        #expect(principal.count == 36)
        try box.write("job.yml", """
            command: cat ${{inputs.sales}}
            environment: azureml:AzureML-sklearn-1.5@latest
            compute: azureml:cpu
            inputs:
              sales:
                type: uri_file
                path: azureml://datastores/sales/paths/2024/sales.csv
            """)
        return (box, principal)
    }

    func run(_ box: AzSandbox, _ name: String) -> (status: String, error: String) {
        let created = box.az("ml job create -f job.yml -n \(name) -o none")
        #expect(created.status == 0, "\(created.stderr)")
        let status = box.az("ml job show -n \(name) --query status -o tsv").stdout.trimmingCharacters(in: .newlines)
        let error = box.az("ml job show -n \(name) --query error.message -o tsv").stdout
        return (status, error)
    }

    @Test("a key-based datastore works until shared-key access is disabled; the key is never printed")
    func keyBased() throws {
        let (box, _) = try prepared()
        let key = box.az("storage account keys list -n stdata01 --query [0].value -o tsv").stdout.trimmingCharacters(in: .newlines)
        #expect(key.count == 88)
        try box.write("ds.yml", "name: sales\ntype: azure_blob\naccount_name: stdata01\ncontainer_name: raw\ncredentials:\n  account_key: \(key)\n")
        let created = box.az("ml datastore create -f ds.yml")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(!created.stdout.contains(key))
        #expect(box.az("ml datastore show -n sales --query credentials.type -o tsv").stdout == "account_key\n")
        #expect(!box.az("ml datastore list").stdout.contains(key))
        #expect(run(box, "j_key_ok").status == "Completed")
        #expect(box.az("storage account update -n stdata01 --allow-shared-key-access false -o none").status == 0)
        let refused = run(box, "j_key_refused")
        #expect(refused.status == "Failed")
        #expect(refused.error.contains("KeyBasedAuthenticationNotPermitted"), "\(refused.error)")
        #expect(box.az("storage blob list --account-name stdata01 -c raw").stderr.contains("Key based authentication is not permitted"))
    }

    @Test("identity-based access needs a blob data role for the compute's identity; Contributor on the subscription is not enough")
    func identityBased() throws {
        let (box, principal) = try prepared()
        try box.write("ds.yml", "name: sales\ntype: azure_blob\naccount_name: stdata01\ncontainer_name: raw\n")
        #expect(box.az("ml datastore create -f ds.yml -o none").status == 0)
        #expect(box.az("ml datastore show -n sales --query credentials -o tsv").stdout == "")
        let denied = run(box, "j_no_role")
        #expect(denied.status == "Failed")
        #expect(denied.error.contains("(AuthorizationPermissionMismatch): This request is not authorized to perform this operation using this permission."), "\(denied.error)")
        #expect(denied.error.contains(principal))
        #expect(box.az(words: ["role", "assignment", "create", "--assignee-object-id", principal, "--role", "Contributor", "--scope", Self.subscription, "-o", "none"]).status == 0)
        #expect(run(box, "j_contributor").status == "Failed")
        #expect(box.az(words: ["role", "assignment", "create", "--assignee-object-id", principal, "--role", "Storage Blob Data Reader",
                               "--scope", Self.account + "/blobServices/default/containers/other", "-o", "none"]).status == 0)
        #expect(run(box, "j_other_container").status == "Failed")
        #expect(box.az(words: ["role", "assignment", "create", "--assignee-object-id", principal, "--role", "Storage Blob Data Reader", "--scope", Self.account, "-o", "none"]).status == 0)
        let allowed = run(box, "j_reader")
        #expect(allowed.status == "Completed", "\(allowed.error)")
        #expect(box.az("ml job stream -n j_reader").stdout.contains("a,b\n1,2\n"))
        let user = box.az(words: ["storage", "blob", "list", "--account-name", "stdata01", "-c", "raw", "--auth-mode", "login"])
        #expect(user.status == 1)
        #expect(user.stderr.contains("You do not have the required permissions"))
    }

    @Test("a user-assigned identity must exist; Key Vault secrets need a secrets role for a managed identity")
    func userAssignedAndKeyVault() throws {
        let box = try AzSandbox()
        let id = box.az("identity create -n uai-train --query id -o tsv").stdout.trimmingCharacters(in: .newlines)
        let principal = box.az("identity show -n uai-train --query principalId -o tsv").stdout.trimmingCharacters(in: .newlines)
        let missing = box.az(words: ["ml", "compute", "create", "-n", "c1", "--type", "amlcompute", "--identity-type", "UserAssigned",
                                     "--user-assigned-identities", id + "-nope"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("was not found"))
        let created = box.az(words: ["ml", "compute", "create", "-n", "c1", "--type", "amlcompute", "--identity-type", "UserAssigned",
                                     "--user-assigned-identities", id, "--query", "identity.user_assigned_identities[0].principal_id", "-o", "tsv"])
        #expect(created.stdout == principal + "\n", "\(created.stderr)")
        #expect(box.az("keyvault create -n kv-t -o none").status == 0)
        #expect(box.az("keyvault secret set --vault-name kv-t -n api --value v1 -o none").status == 0)
        let store = DirectoryStore(workspace: try Workspace(home: box.home))
        #expect(throws: WorkspaceError.self) { try store.showSecret(vault: "kv-t", name: "api", principal: principal) }
        #expect(box.az(words: ["role", "assignment", "create", "--assignee-object-id", principal, "--role", "Owner", "--scope", Self.subscription, "-o", "none"]).status == 0)
        #expect(throws: WorkspaceError.self) { try store.showSecret(vault: "kv-t", name: "api", principal: principal) }
        let vault = box.az("keyvault show -n kv-t --query id -o tsv").stdout.trimmingCharacters(in: .newlines)
        #expect(box.az(words: ["role", "assignment", "create", "--assignee-object-id", principal, "--role", "Key Vault Secrets User", "--scope", vault, "-o", "none"]).status == 0)
        #expect(try store.showSecret(vault: "kv-t", name: "api", principal: principal)["value"] == .string("v1"))
    }

    @Test("mlopslab cost reports the run rate of standing nodes")
    func runRate() throws {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let standing = ComputeStore.BillingPeriod(start: start, end: nil, nodes: 2, hourly: 0.293)
        let finished = ComputeStore.BillingPeriod(start: start, end: start.addingTimeInterval(600), nodes: 1, hourly: 1)
        let rate = CostReport.hourlyRunRate([[standing, finished]], at: start.addingTimeInterval(3600))
        #expect(abs(rate - 0.586) < 1e-9)
        #expect(CostReport.hourlyRunRate([[finished]], at: start.addingTimeInterval(3600)) == 0)
    }
}
