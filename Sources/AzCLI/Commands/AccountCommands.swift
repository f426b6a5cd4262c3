import Workspace

/// `az login`, `az account show|list|set`, `az configure`.
enum AccountCommands {
    static func subscription() -> JSONValue {
        [
            "cloudName": "AzureCloud", "environmentName": "AzureCloud", "homeTenantId": .string(Workspace.tenantId),
            "id": .string(Workspace.subscriptionId), "isDefault": true, "managedByTenants": [],
            "name": .string(Workspace.subscriptionName), "state": "Enabled", "tenantId": .string(Workspace.tenantId),
            "user": ["name": .string(Workspace.user), "type": "user"],
        ]
    }

    static let specs: [AzCommandSpec] = [
        AzCommandSpec("login", "Log in to Azure (simulated: accepted at once, prints the simulated account).", options: [
            AzOption(["--use-device-code"], "Use device code flow (accepted, nothing to do here).", arity: .flag),
            AzOption(["--identity"], "Log in using a managed identity (accepted).", arity: .flag),
            AzOption(["--tenant", "-t"], "The AAD tenant (accepted)."),
            AzOption(["--username", "-u"], "User name (accepted)."),
            AzOption(["--service-principal"], "Log in with a service principal (accepted).", arity: .flag),
            AzOption(["--password", "-p"], "Password or secret (accepted, never stored)."),
        ]) { invocation in
            _ = try invocation.workspace()
            return .json([subscription()])
        },
        AzCommandSpec("logout", "Log out (simulated: nothing to forget).", options: []) { _ in .nothing },
        AzCommandSpec("account show", "Get the details of the subscription in use.", options: []) { invocation in
            _ = try invocation.workspace()
            return .json(subscription())
        },
        AzCommandSpec("account list", "Get a list of subscriptions for the logged in account.", options: [
            AzOption(["--all"], "List all subscriptions.", arity: .flag),
        ]) { _ in .json([subscription()]) },
        AzCommandSpec("account set", "Set a subscription to be the current active subscription.", options: [
            AzOption(["--subscription", "-s"], "Name or ID of subscription.", required: true),
        ]) { invocation in
            let wanted = invocation.string("--subscription") ?? ""
            guard wanted == Workspace.subscriptionId || wanted == Workspace.subscriptionName else {
                throw WorkspaceError.failed("The subscription of '\(wanted)' doesn't exist in cloud 'AzureCloud'. Only the simulated subscription \(Workspace.subscriptionName) (\(Workspace.subscriptionId)) exists.")
            }
            return .nothing
        },
        AzCommandSpec("configure", "Manage Azure CLI configuration (defaults for group, workspace, location).", options: [
            AzOption(["--defaults", "-d"], "Space-separated 'name=value' pairs for common argument defaults, e.g. group=rg-mlopslab workspace=mlw-mlopslab.", arity: .many),
            AzOption(["--list-defaults", "-l"], "List the configured defaults.", arity: .flag),
            AzOption(["--scope"], "Scope of the defaults (global or local; both mean the state home here).", choices: ["global", "local"]),
        ], examples: ["az configure --defaults group=rg-mlopslab workspace=mlw-mlopslab"]) { invocation in
            let workspace = try invocation.workspace()
            let pairs = invocation.strings("--defaults")
            for pair in pairs {
                guard let eq = pair.firstIndex(of: "=") else {
                    throw AzUsageError.usage("usage error: --defaults expects name=value pairs, e.g. group=rg-mlopslab (got '\(pair)')")
                }
                let key = String(pair[..<eq]), value = String(pair[pair.index(after: eq)...])
                guard ["group", "workspace", "location"].contains(key) else {
                    throw AzUsageError.usage("unsupported default '\(key)': the simulator uses group, workspace and location")
                }
                try workspace.setDefault(key, value)
            }
            if invocation.flag("--list-defaults") || pairs.isEmpty {
                return .json(.array(try workspace.allDefaults().map { ["name": .string($0.0), "source": "state home", "value": .string($0.1)] }))
            }
            return .nothing
        },
    ]
}
