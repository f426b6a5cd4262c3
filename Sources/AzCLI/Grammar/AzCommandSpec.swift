import Workspace

/// What an az command returns: a JSON result (printed with -o/--query and the command's table
/// view), plain text (logs), or nothing.
public enum AzResult: Sendable {
    case value(JSONValue, table: TableView?)
    case text(String)
    case nothing

    static func json(_ value: JSONValue) -> AzResult { .value(value, table: nil) }
}

/// One leaf command of the az tree (`az ml data create`).
public struct AzCommandSpec: Sendable {
    public var path: [String]
    public var summary: String
    public var options: [AzOption]
    public var examples: [String]
    public var run: @Sendable (AzInvocation) throws -> AzResult

    public init(_ path: String, _ summary: String, options: [AzOption], examples: [String] = [], run: @escaping @Sendable (AzInvocation) throws -> AzResult) {
        self.path = path.split(separator: " ").map(String.init)
        self.summary = summary
        self.options = options
        self.examples = examples
        self.run = run
    }

    /// Command options plus the global ones (the REPL completes them too).
    public var allOptions: [AzOption] { options + GlobalOptions.all }
}
