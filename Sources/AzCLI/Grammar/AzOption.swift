/// One flag of an az command: its names (long first), help text and how many values it takes.
public struct AzOption: Sendable {
    public enum Arity: Sendable { case flag, single, many }

    public var names: [String]
    public var help: String
    public var arity: Arity
    public var required: Bool
    /// Allowed values (shown in help, checked on parse), empty for free text.
    public var choices: [String]

    public init(_ names: [String], _ help: String, arity: Arity = .single, required: Bool = false, choices: [String] = []) {
        self.names = names
        self.help = help
        self.arity = arity
        self.required = required
        self.choices = choices
    }

    /// The long name the option is stored under.
    public var key: String { names.first ?? "" }

    /// `--name -n` as help and error messages print it.
    public var display: String { names.joined(separator: " ") }

    // Options shared by many commands.
    static let name = AzOption(["--name", "-n"], "Name of the resource.")
    static func name(required: Bool) -> AzOption { AzOption(["--name", "-n"], "Name of the resource.", required: required) }
    static let version = AzOption(["--version", "-v"], "Version of the asset.")
    static let label = AzOption(["--label", "-l"], "Label of the asset (e.g. latest). Mutually exclusive with --version.")
    static let file = AzOption(["--file", "-f"], "Local path to the YAML file containing the specification.")
    static let set = AzOption(["--set"], "Update an object by specifying a property path and value to set, e.g. --set description=\"new\" tags.stage=prod.", arity: .many)
    static let description = AzOption(["--description", "-d"], "Description of the resource.")
    static let tags = AzOption(["--tags"], "Space-separated tags: key[=value] [key[=value] ...].", arity: .many)
    static let maxResults = AzOption(["--max-results", "-r"], "Max number of results to return.")
    static let includeArchived = AzOption(["--include-archived"], "List archived versions along with active ones.", arity: .flag)
    static let archivedOnly = AzOption(["--archived-only"], "List archived versions only.", arity: .flag)
    static let registry = AzOption(["--registry-name"], "Name of the registry (instead of a workspace).")
    static let noWait = AzOption(["--no-wait"], "Do not wait for the long-running operation to finish.", arity: .flag)
    static let yes = AzOption(["--yes", "-y"], "Do not prompt for confirmation.", arity: .flag)
    static let skipValidation = AzOption(["--skip-validation"], "Skip validation of the specification (MLTable metadata).", arity: .flag)
}

/// Options every az command accepts.
enum GlobalOptions {
    static let all: [AzOption] = [
        AzOption(["--resource-group", "-g"], "Name of resource group. You can configure the default group using `az configure --defaults group=<name>`."),
        AzOption(["--workspace-name", "-w"], "Name of the Azure ML workspace. You can configure the default workspace using `az configure --defaults workspace=<name>`."),
        AzOption(["--output", "-o"], "Output format.", choices: OutputFormat.allCases.map(\.rawValue)),
        AzOption(["--query"], "JMESPath query string. See http://jmespath.org/ for more information and examples."),
        AzOption(["--subscription"], "Name or ID of subscription (only the simulated one exists)."),
        AzOption(["--debug"], "Increase logging verbosity to show all debug logs.", arity: .flag),
        AzOption(["--verbose"], "Increase logging verbosity.", arity: .flag),
        AzOption(["--only-show-errors"], "Only show errors, suppressing warnings.", arity: .flag),
        AzOption(["--help", "-h"], "Show this help message and exit.", arity: .flag),
    ]
}
