import Workspace

/// `az keyvault create` and `az keyvault secret set|show|list`. Secret values appear only in
/// the output of `secret set` and `secret show`, as with az; never in listings.
enum KeyVaultCommands {
    static let vaultName = AzOption(["--vault-name"], "Name of the Key Vault.", required: true)

    static let specs: [AzCommandSpec] = [
        AzCommandSpec("keyvault create", "Create a Key Vault.", options: [
            AzOption.name(required: true), AzOption(["--location", "-l"], "Location."),
            AzOption(["--enable-rbac-authorization"], "Use Azure RBAC for data-plane authorization (true/false).", choices: ["true", "false"]),
        ]) { invocation in
            let group = try IdentityCommands.group(invocation)
            return .json(try DirectoryStore(workspace: invocation.workspace()).createVault(
                name: try invocation.require("--name"), group: group, location: invocation.string("--location") ?? Workspace.defaultLocation,
                rbacAuthorization: invocation.string("--enable-rbac-authorization") != "false"))
        },
        AzCommandSpec("keyvault show", "Show a Key Vault.", options: [AzOption.name(required: true)]) { invocation in
            .json(try DirectoryStore(workspace: invocation.workspace()).showVault(name: try invocation.require("--name")))
        },
        AzCommandSpec("keyvault set-policy", "Grant an object permissions on a vault that uses access policies (not Azure RBAC).", options: [
            AzOption.name(required: true), AzOption(["--object-id"], "Object id of the user, group or service principal.", required: true),
            AzOption(["--secret-permissions"], "Space-separated secret permissions, e.g. get list.", arity: .many),
        ]) { invocation in
            .json(try DirectoryStore(workspace: invocation.workspace()).setPolicy(
                vault: try invocation.require("--name"), objectId: try invocation.require("--object-id"), secretPermissions: invocation.strings("--secret-permissions")))
        },
        AzCommandSpec("keyvault secret set", "Create or update a secret (prints its value, as az does).", options: [
            vaultName, AzOption.name(required: true), AzOption(["--value"], "Plain text secret value.", required: true),
        ]) { invocation in
            .json(try DirectoryStore(workspace: invocation.workspace()).setSecret(
                vault: try invocation.require("--vault-name"), name: try invocation.require("--name"), value: invocation.string("--value") ?? ""))
        },
        AzCommandSpec("keyvault secret show", "Get a secret, including its value.", options: [vaultName, AzOption.name(required: true)]) { invocation in
            .json(try DirectoryStore(workspace: invocation.workspace()).showSecret(vault: try invocation.require("--vault-name"), name: try invocation.require("--name")))
        },
        AzCommandSpec("keyvault secret list", "List secrets of a vault (names and attributes, never values).", options: [vaultName]) { invocation in
            .json(.array(try DirectoryStore(workspace: invocation.workspace()).listSecrets(vault: try invocation.require("--vault-name"))))
        },
    ]
}
