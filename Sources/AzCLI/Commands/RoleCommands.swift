import Workspace

/// `az role assignment create|list|delete`.
enum RoleCommands {
    static let specs: [AzCommandSpec] = [
        AzCommandSpec("role assignment create", "Create a new role assignment for a user, group, or service principal.", options: [
            AzOption(["--role"], "Role name or id, e.g. \"Storage Blob Data Reader\", AcrPull, \"AzureML Data Scientist\".", required: true),
            AzOption(["--assignee"], "Represent a user, group, or service principal (object id, UPN or app id)."),
            AzOption(["--assignee-object-id"], "Object id of the assignee (use with --assignee-principal-type)."),
            AzOption(["--assignee-principal-type"], "The principal type.", choices: ["User", "Group", "ServicePrincipal", "ForeignGroup"]),
            AzOption(["--scope"], "Scope at which the role assignment applies, e.g. a storage account or workspace id.", required: true),
            AzOption(["--description"], "Description of the role assignment."),
        ], examples: ["az role assignment create --assignee-object-id <principalId> --assignee-principal-type ServicePrincipal --role \"Storage Blob Data Reader\" --scope <storage account id>"]) { invocation in
            guard let assignee = invocation.string("--assignee-object-id") ?? invocation.string("--assignee") else {
                throw AzUsageError.usage("usage error: --assignee STRING | --assignee-object-id GUID")
            }
            let type = invocation.string("--assignee-principal-type") ?? (assignee.contains("@") ? "User" : "ServicePrincipal")
            return .json(try DirectoryStore(workspace: invocation.workspace()).createRoleAssignment(
                assignee: assignee, principalType: type, role: try invocation.require("--role"), scope: try invocation.require("--scope")))
        },
        AzCommandSpec("role assignment list", "List role assignments.", options: [
            AzOption(["--assignee"], "Only assignments of this principal."),
            AzOption(["--scope"], "Only assignments at this scope."),
            AzOption(["--role"], "Only assignments of this role."),
            AzOption(["--all"], "Show all assignments under the subscription.", arity: .flag),
        ]) { invocation in
            .value(.array(try DirectoryStore(workspace: invocation.workspace()).listRoleAssignments(
                assignee: invocation.string("--assignee"), scope: invocation.string("--scope"), role: invocation.string("--role"))),
                   table: TableView([("Principal", TableView.field("principalId")), ("Role", TableView.field("roleDefinitionName")),
                                     ("Scope", TableView.field("scope"))]))
        },
        AzCommandSpec("role assignment delete", "Delete role assignments.", options: [
            AzOption(["--assignee"], "Principal of the assignments to delete."),
            AzOption(["--scope"], "Scope of the assignments to delete."),
            AzOption(["--role"], "Role of the assignments to delete."),
            AzOption(["--ids"], "Ids of the role assignments to delete.", arity: .many),
        ]) { invocation in
            let ids = invocation.strings("--ids")
            guard !ids.isEmpty || invocation.string("--assignee") != nil || invocation.string("--scope") != nil || invocation.string("--role") != nil else {
                throw AzUsageError.usage("usage error: give --ids, or at least one of --assignee, --role and --scope, so that not every assignment is deleted")
            }
            let removed = try DirectoryStore(workspace: invocation.workspace()).deleteRoleAssignments(
                assignee: invocation.string("--assignee"), scope: invocation.string("--scope"), role: invocation.string("--role"), ids: ids)
            if removed == 0 { throw WorkspaceError.failed("No matched assignments were found to delete") }
            return .nothing
        },
    ]
}
