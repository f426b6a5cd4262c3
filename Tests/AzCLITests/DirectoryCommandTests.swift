import Foundation
import Testing
@testable import AzCLI

@Suite("az login, identity, role assignment, keyvault, registry")
struct DirectoryCommandTests {
    @Test("login prints the simulated account; configure lists defaults")
    func login() throws {
        let box = try AzSandbox()
        let login = box.az("login")
        #expect(login.status == 0)
        #expect(login.stdout.contains("\"user\": {\n      \"name\": \"learner@mlopslab.local\""))
        #expect(box.az("configure -l --query [].name -o tsv").stdout == "group\nworkspace\n")
    }

    @Test("identity create/show and role assignments create, list and delete")
    func identityAndRoles() throws {
        let box = try AzSandbox()
        let principal = box.az("identity create -n uai-one --query principalId -o tsv").stdout.trimmingCharacters(in: .newlines)
        #expect(principal.count == 36)
        #expect(box.az("identity show -n uai-one --query principalId -o tsv").stdout == principal + "\n")
        #expect(box.az(words: ["identity", "list", "--query", "[?name=='uai-one'].principalId", "-o", "tsv"]).stdout == principal + "\n")
        let storage = box.az("ml workspace show --query storage_account -o tsv").stdout.trimmingCharacters(in: .newlines)
        let created = box.az(words: ["role", "assignment", "create", "--assignee-object-id", principal, "--assignee-principal-type", "ServicePrincipal",
                                     "--role", "Storage Blob Data Reader", "--scope", storage, "--query", "roleDefinitionName", "-o", "tsv"])
        #expect(created.stdout == "Storage Blob Data Reader\n", "\(created.stderr)")
        #expect(box.az(words: ["role", "assignment", "list", "--assignee", principal, "--query", "length(@)", "-o", "tsv"]).stdout == "1\n")
        let unknown = box.az(words: ["role", "assignment", "create", "--assignee", principal, "--role", "Storage Reader", "--scope", storage])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Role 'Storage Reader' doesn't exist"))
        #expect(box.az(words: ["role", "assignment", "delete", "--assignee", principal, "--scope", storage]).status == 0)
        #expect(box.az(words: ["role", "assignment", "list", "--assignee", principal, "--query", "length(@)", "-o", "tsv"]).stdout == "0\n")
    }

    @Test("secret values appear in set and show, never in list")
    func secrets() throws {
        let box = try AzSandbox()
        #expect(box.az("keyvault create -n kv-one -o none").status == 0)
        let set = box.az(words: ["keyvault", "secret", "set", "--vault-name", "kv-one", "-n", "multiplier", "--value", "s3cr3t-7"])
        #expect(set.status == 0)
        #expect(box.az("keyvault secret show --vault-name kv-one -n multiplier --query value -o tsv").stdout == "s3cr3t-7\n")
        let list = box.az("keyvault secret list --vault-name kv-one")
        #expect(list.stdout.contains("multiplier"))
        #expect(!list.stdout.contains("s3cr3t-7"))
        let missing = box.az("keyvault secret show --vault-name kv-one -n nope")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("(SecretNotFound)"))
        #expect(box.az("keyvault secret list --vault-name kv-none").stderr.contains("(VaultNotFound)"))
    }

    @Test("a model shared into a registry is visible from another workspace through the registry")
    func registryShare() throws {
        let box = try AzSandbox()
        try box.write("registry.yml", "name: shared-reg\nlocation: eastus\nreplication_locations:\n  - location: westus\n")
        #expect(box.az("ml registry create -f registry.yml -o none").status == 0)
        #expect(box.az("ml registry list -o table").stdout.contains("shared-reg  eastus    westus"))
        try box.write("model/weights.bin", "w")
        #expect(box.az("ml model create -n clf -v 3 -p model -o none").status == 0)
        let shared = box.az("ml model share -n clf -v 3 --share-with-name clf-prod --share-with-version 1 --registry-name shared-reg --query id -o tsv")
        #expect(shared.stdout.contains("/registries/shared-reg/models/clf-prod/versions/1"), "\(shared.stderr)")
        #expect(box.az("group create -n rg2 -o none").status == 0)
        #expect(box.az("ml workspace create -n ws2 -g rg2 -o none").status == 0)
        #expect(box.az("ml model show -n clf-prod -v 1 --registry-name shared-reg -g rg2 -w ws2 --query name -o tsv").stdout == "clf-prod\n")
        #expect(box.az("ml model list -g rg2 -w ws2 --query length(@) -o tsv").stdout == "0\n")
    }
}
