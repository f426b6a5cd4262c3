import ArgumentParser
import CLICore
import Exam
import Foundation

/// The pack files or folders a `packs` command reads; the default bank when none are given.
struct PacksPathArguments: ParsableArguments {
    @Argument(help: "Pack files or folders (every *.yaml below a folder). Default: the bank folder ($MLOPSLAB_SCENARIOS, else the repository's scenarios/).")
    var paths: [String] = []

    /// The paths given, or the default bank folder.
    func resolvedPaths(environment: [String: String]) -> [String] {
        paths.isEmpty ? [BankLocator.defaultFolder(environment: environment)] : paths
    }

    /// Loads the packs named (or the default bank) with the bundled outline.
    func load(context: CommandContext) throws -> (outline: Outline, result: BankLoadResult) {
        let outline = try Outline.bundled()
        let paths = resolvedPaths(environment: context.environment)
        if self.paths.isEmpty, let folder = paths.first, !FileManager.default.fileExists(atPath: folder) {
            throw PacksError.noBank(folder)
        }
        let result = BankLoader(outline: outline).load(paths: paths)
        return (outline, result)
    }
}
