import ArgumentParser
import CLICore
import Foundation

/// `mlopslab az ...` and `az ...` in the REPL: the simulated Azure CLI (az ml v2 and the
/// account, group, identity, role and keyvault commands labs need).
public struct AzCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "az",
        abstract: "The simulated Azure CLI: az ml data, environment, compute, job, component, model, registry, workspace, online-endpoint, online-deployment, batch-endpoint, batch-deployment, schedule; az login, account, group, identity, role, keyvault.",
        discussion: "Type `az --help` or `az ml --help` for the command groups. State lives in the state home; a fresh home has a default subscription, resource group and workspace."
    )

    @Argument(parsing: .captureForPassthrough, help: "The az command line, e.g. ml data list -o table.")
    var words: [String] = []

    public init() {}

    public func run() throws {
        let context = CommandContext.active
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let code = AzRunner.run(words, environment: AzEnvironment(home: context.home.url, workingFolder: cwd, console: context.console))
        if code != 0 { throw ExitCode(code) }
    }
}
