import Foundation
import Workspace

/// `az storage account create|show|list|update|keys list|keys renew`, `az storage container create` and
/// `az storage blob upload|list`. Data-plane commands authorise like az: `--auth-mode key` (the default:
/// the account key, refused when shared-key access is disabled) or `--auth-mode login` (the caller's
/// identity, which needs a Storage Blob Data role on the account or container).
enum StorageCommands {
    static let accountName = AzOption(["--account-name"], "Storage account name.", required: true)
    static let authMode = AzOption(["--auth-mode"], "The mode in which to run the command: key (account key) or login (your Microsoft Entra identity).", choices: ["key", "login"])
    static let accountKey = AzOption(["--account-key"], "Storage account key (key mode).")

    static func mode(_ invocation: AzInvocation) -> StorageStore.AuthMode {
        invocation.string("--auth-mode") == "login" ? .login : .key
    }

    static func bool(_ invocation: AzInvocation, _ key: String) throws -> Bool? {
        guard let text = invocation.string(key) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw AzUsageError.usage("argument \(key): invalid boolean value: '\(text)' (use true or false)")
        }
    }

    static let specs: [AzCommandSpec] = [
        AzCommandSpec("storage account create", "Create a storage account.", options: [
            AzOption.name(required: true), AzOption(["--location", "-l"], "Location."),
            AzOption(["--sku"], "The storage account SKU, e.g. Standard_LRS."), AzOption(["--kind"], "Type of storage account, e.g. StorageV2."),
            AzOption(["--allow-shared-key-access"], "Whether requests may be authorised with the account key (true/false).", choices: ["true", "false"]),
            AzOption(["--hns", "--enable-hierarchical-namespace"], "Enable the hierarchical namespace (ADLS Gen2).", choices: ["true", "false"]),
            AzOption.tags,
        ], examples: ["az storage account create -n stcontosodata -g rg-mlopslab --sku Standard_LRS --allow-shared-key-access false"]) { invocation in
            .json(try StorageStore(workspace: invocation.workspace()).createAccount(
                name: try invocation.require("--name"), group: try IdentityCommands.group(invocation),
                location: invocation.string("--location") ?? Workspace.defaultLocation, sku: invocation.string("--sku"), kind: invocation.string("--kind"),
                allowSharedKeyAccess: try bool(invocation, "--allow-shared-key-access"), hierarchicalNamespace: try bool(invocation, "--hns")))
        },
        AzCommandSpec("storage account show", "Show a storage account's properties.", options: [AzOption.name(required: true)]) { invocation in
            .json(try StorageStore(workspace: invocation.workspace()).showAccount(try invocation.require("--name")))
        },
        AzCommandSpec("storage account list", "List storage accounts.", options: []) { invocation in
            .value(.array(try StorageStore(workspace: invocation.workspace()).listAccounts(group: invocation.string("--resource-group"))),
                   table: TableView([("Name", TableView.field("name")), ("ResourceGroup", TableView.field("resourceGroup")),
                                     ("Location", TableView.field("location")), ("Kind", TableView.field("kind"))]))
        },
        AzCommandSpec("storage account update", "Update a storage account's properties.", options: [
            AzOption.name(required: true),
            AzOption(["--allow-shared-key-access"], "Whether requests may be authorised with the account key (true/false).", choices: ["true", "false"]),
        ]) { invocation in
            .json(try StorageStore(workspace: invocation.workspace()).updateAccount(
                try invocation.require("--name"), allowSharedKeyAccess: try bool(invocation, "--allow-shared-key-access")))
        },
        AzCommandSpec("storage account keys list", "List the access keys of a storage account.", options: [
            AzOption(["--account-name", "-n"], "Storage account name.", required: true),
        ]) { invocation in
            .json(.array(try StorageStore(workspace: invocation.workspace()).keys(account: try invocation.require("--account-name"))))
        },
        AzCommandSpec("storage account keys renew", "Regenerate one of the access keys of a storage account.", options: [
            AzOption(["--account-name", "-n"], "Storage account name.", required: true),
            AzOption(["--key"], "The key to regenerate.", required: true, choices: ["primary", "secondary"]),
        ]) { invocation in
            .json(.array(try StorageStore(workspace: invocation.workspace()).renewKey(account: try invocation.require("--account-name"), key: try invocation.require("--key"))))
        },
        AzCommandSpec("storage container create", "Create a container in a storage account.", options: [
            AzOption.name(required: true), accountName, authMode, accountKey,
        ]) { invocation in
            .json(try StorageStore(workspace: invocation.workspace()).createContainer(
                account: try invocation.require("--account-name"), name: try invocation.require("--name"), mode: mode(invocation),
                accountKey: invocation.string("--account-key")))
        },
        AzCommandSpec("storage blob upload", "Upload a file to a storage blob.", options: [
            accountName, AzOption(["--container-name", "-c"], "The container name.", required: true),
            AzOption(["--name", "-n"], "The blob name (defaults to the file name)."), AzOption(["--file", "-f"], "Path of the file to upload.", required: true),
            AzOption(["--overwrite"], "Overwrite an existing blob.", choices: ["true", "false"]), authMode, accountKey,
        ]) { invocation in
            let file = invocation.localURL(try invocation.require("--file"))
            return .json(try StorageStore(workspace: invocation.workspace()).upload(
                account: try invocation.require("--account-name"), container: try invocation.require("--container-name"),
                blob: invocation.string("--name") ?? file.lastPathComponent, file: file, mode: mode(invocation),
                accountKey: invocation.string("--account-key"), overwrite: try bool(invocation, "--overwrite") ?? false))
        },
        AzCommandSpec("storage blob list", "List blobs in a container.", options: [
            accountName, AzOption(["--container-name", "-c"], "The container name.", required: true),
            AzOption(["--prefix"], "Only blobs whose names begin with this prefix."), authMode, accountKey,
        ]) { invocation in
            .value(.array(try StorageStore(workspace: invocation.workspace()).listBlobs(
                account: try invocation.require("--account-name"), container: try invocation.require("--container-name"),
                prefix: invocation.string("--prefix"), mode: mode(invocation), accountKey: invocation.string("--account-key"))),
                   table: TableView([("Name", TableView.field("name")), ("Blob Type", TableView.field("blobType")),
                                     ("Content Length", { $0["properties"]?["contentLength"].map { "\($0)" } ?? "" })]))
        },
    ]
}
