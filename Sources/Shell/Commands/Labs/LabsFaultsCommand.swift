import ArgumentParser
import CLICore
import Labs

/// `mlopslab labs faults [--markdown]`: the fault catalogue.
struct LabsFaultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faults",
        abstract: "List the fault kinds labs can inject, with what each breaks and its parameters."
    )

    @Flag(help: "Print the catalogue as the markdown table of docs/faults.md.")
    var markdown = false

    func run() throws {
        let console = CommandContext.active.console
        if markdown {
            console.write(FaultCatalogueDocument.markdown())
            return
        }
        for kind in FaultCatalogue.kinds.sorted(by: { $0.name < $1.name }) {
            console.line(kind.name)
            console.line("  \(kind.summary)")
            for parameter in kind.parameters {
                console.line("  - \(parameter.name)\(parameter.required ? "" : " (optional)"): \(parameter.help)")
            }
        }
    }
}
