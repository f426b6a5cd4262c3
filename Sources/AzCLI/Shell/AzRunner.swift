import CLICore
import Foundation
import Store
import Workspace

/// Runs one az command line: parses it against the command table, runs the command, applies
/// `--query` and `--output`, and prints errors as az does (`ERROR: ...`, exit 1 for a failed
/// operation, 2 for bad usage).
public enum AzRunner {
    /// Every az command this simulator knows.
    public static let commands: [AzCommandSpec] =
        AccountCommands.specs + GroupCommands.specs + IdentityCommands.specs + RoleCommands.specs + KeyVaultCommands.specs + StorageCommands.specs
        + DataCommands.specs + DatastoreCommands.specs + ComputeCommands.specs + ModelCommands.specs + EnvironmentCommands.specs
        + ComponentCommands.specs + WorkspaceCommands.specs + RegistryCommands.specs + JobCommands.specs + BatchCommands.specs + ScheduleCommands.specs + OnlineEndpointCommands.specs + OnlineDeploymentCommands.specs

    /// Runs `words` (everything after `az`) and returns the exit status.
    public static func run(_ words: [String], environment: AzEnvironment) -> Int32 {
        let console = environment.console
        do {
            switch try AzParser(commands: commands).parse(words) {
            case .help(let text):
                console.write(text)
                return 0
            case .run(let spec, let values):
                let invocation = AzInvocation(spec: spec, values: values, environment: environment)
                let format = OutputFormat(rawValue: (invocation.string("--output") ?? "json").lowercased()) ?? .json
                let query = try invocation.string("--query").map { try JMESPath($0) }
                let result = try spec.run(invocation)
                switch result {
                case .nothing: break
                case .text(let text): console.write(text)
                case .value(let value, let table):
                    let shaped = try query?.search(value) ?? value
                    console.write(format.render(shaped, columns: query == nil ? table : nil))
                }
                return 0
            }
        } catch let error as JMESPathError {
            console.writeError("ERROR: \(error.message)\n")
            return 2
        } catch let error as any UserFacingError {
            console.writeError("ERROR: \(error.message)\n")
            return error.exitCode
        } catch let error as StoreError {
            console.writeError("ERROR: \(error.description)\n")
            return 1
        } catch {
            console.writeError("ERROR: Met error <class '\(type(of: error))'>:\(error)\nPlease check log by running the command with '--debug' for more details.\n")
            return 1
        }
    }
}
