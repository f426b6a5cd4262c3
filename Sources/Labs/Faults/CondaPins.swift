import Foundation

/// Finds the requirement line of a package in a conda file (`- numpy=1.26.4`, `- numpy==1.26.4` or
/// `  - scikit-learn==1.3.2` under `pip:`), keeping its indentation and list marker.
enum CondaPins {
    struct Match {
        var index: Int
        var prefix: String
        var spec: String
    }

    static func find(_ package: String, in text: String, file: String) throws -> (lines: [String], match: Match) {
        let lines = text.components(separatedBy: "\n")
        for (index, line) in lines.enumerated() {
            guard let dash = line.firstIndex(of: "-"), line[..<dash].allSatisfy({ $0 == " " }) else { continue }
            let afterDash = line[line.index(after: dash)...]
            let spec = afterDash.trimmingCharacters(in: .whitespaces)
            let nameEnd = spec.firstIndex { "=<>!~ [;".contains($0) } ?? spec.endIndex
            guard spec[..<nameEnd].lowercased() == package.lowercased() else { continue }
            let prefix = String(line[...dash]) + String(afterDash.prefix { $0 == " " })
            return (lines, Match(index: index, prefix: prefix, spec: spec))
        }
        throw LabError.failed("\(file) has no requirement for \(package)")
    }
}

/// A conda file whose pin of one package is changed to a version another pinned package rules out:
/// the image build cannot resolve the set, so every job that uses the environment fails in Preparing.
struct DependencyConflictFault: FaultKind {
    let name = "dependency-conflict"
    let summary = "One package of an environment's conda file is re-pinned to a version that another pinned package excludes (e.g. numpy 2 under a scikit-learn that needs numpy<2): the image build cannot resolve it and jobs using the environment fail in Preparing."
    let parameters = [
        FaultParameter("file", "the conda file in the working folder"),
        FaultParameter("package", "the package whose pin changes (it must be listed)"),
        FaultParameter("version", "the conflicting version it gets"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let package = try arguments.string("package")
        let version = try arguments.string("version")
        var (lines, match) = try CondaPins.find(package, in: try sandbox.read(file), file: file)
        let conda = !match.spec.contains("==") && match.spec.contains("=")
        lines[match.index] = match.prefix + package + (conda ? "=" : "==") + version
        try sandbox.write(file, lines.joined(separator: "\n"))
    }
}

/// A conda file where one package loses its version pin: each build takes the newest version that fits,
/// so the environment silently differs from the one the results were validated with.
struct UnpinnedPackageFault: FaultKind {
    let name = "unpinned-package"
    let summary = "One package of an environment's conda file loses its version pin: every image build resolves the newest version that fits, so the environment (and anything that depends on that version) is no longer the one the results were validated with."
    let parameters = [
        FaultParameter("file", "the conda file in the working folder"),
        FaultParameter("package", "the package whose pin is removed (it must be listed with a version)"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let package = try arguments.string("package")
        var (lines, match) = try CondaPins.find(package, in: try sandbox.read(file), file: file)
        guard match.spec.count > package.count else { throw LabError.failed("\(file): \(package) is not pinned") }
        lines[match.index] = match.prefix + package
        try sandbox.write(file, lines.joined(separator: "\n"))
    }
}
