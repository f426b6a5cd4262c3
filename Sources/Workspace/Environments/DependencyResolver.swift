import Foundation

/// Chooses package versions from the catalogue the way conda and pip do for the simulator: the newest
/// version of every package that satisfies every request, the requirements of the other chosen versions
/// and the environment's Python, adding dependencies as they appear.
struct DependencyResolver: Sendable {
    let catalogue: PackageCatalogue

    /// One requirement on a package and who asked for it.
    struct Rule: Sendable {
        var requirement: Requirement
        /// The package and version that depends on it; nil when the user asked for it.
        var requiredBy: (package: String, version: String)?
    }

    /// Why no version of `package` fits.
    struct Conflict: Error, Sendable {
        var package: String
        var rules: [Rule]
        /// Set when versions meeting every rule exist but none supports the environment's Python: the
        /// Python requirement of the newest of them.
        var pythonRequirement: Requirement?
        /// The Python requirement of the package's newest version (pip names it when one rule was given).
        var newestPythonRequirement: Requirement?
        var python: String
    }

    /// Package → chosen version, or the first conflict found.
    func resolve(_ requests: [Requirement], python: String) -> Result<[String: String], Conflict> {
        var constraints: [String: [Rule]] = [:]
        for request in requests { constraints[request.package, default: []].append(Rule(requirement: request, requiredBy: nil)) }
        var chosen: [String: String] = [:]
        for _ in 0..<20 {
            var changed = false
            for package in constraints.keys.sorted() {
                let rules = constraints[package] ?? []
                let available = catalogue.versions[package] ?? []
                let meetingRules = available.filter { version in rules.allSatisfy { $0.requirement.accepts(version) } }
                let fitting = meetingRules.filter { supportsPython(package, $0, python) }
                guard let best = fitting.last else {
                    return .failure(Conflict(package: package, rules: rules,
                                             pythonRequirement: meetingRules.last.flatMap { pythonRequirement(package, $0) },
                                             newestPythonRequirement: available.last.flatMap { pythonRequirement(package, $0) },
                                             python: python))
                }
                if chosen[package] != best {
                    chosen[package] = best
                    changed = true
                }
            }
            var next = constraints.mapValues { $0.filter { $0.requiredBy == nil } }
            for (package, version) in chosen {
                for requirement in catalogue.requirements(of: package, version: version) where requirement.package != "python" {
                    next[requirement.package, default: []].append(Rule(requirement: requirement, requiredBy: (package, version)))
                }
            }
            let grew = next.keys.count != constraints.keys.count
            constraints = next
            if !grew && !changed { break }
        }
        return .success(chosen)
    }

    private func supportsPython(_ package: String, _ version: String, _ python: String) -> Bool {
        catalogue.requirements(of: package, version: version).filter { $0.package == "python" }.allSatisfy { $0.accepts(python) }
    }

    private func pythonRequirement(_ package: String, _ version: String) -> Requirement? {
        catalogue.requirements(of: package, version: version).first { $0.package == "python" }
    }
}

extension DependencyResolver.Conflict {
    /// What pip prints for the conflict (`ResolutionImpossible`), and the one-line reason for the job error.
    var pipReport: (lines: [String], summary: String) {
        let causes = rules.map { rule -> String in
            guard let by = rule.requiredBy else { return "The user requested \(rule.requirement.text)" }
            return "\(by.package) \(by.version) depends on \(rule.requirement.text)"
        }
        var lines = ["ERROR: Cannot install \(rules.map(\.requirement.text).joined(separator: " and ")) because these package versions have conflicting dependencies.",
                     "", "The conflict is caused by:"] + causes.map { "    \($0)" }
        if let newest = newestPythonRequirement, rules.count <= 1 {
            lines.append("    \(package) requires \(newest.text) but the environment has python \(python)")
        }
        lines += ["", "To fix this you could try to:", "1. loosen the range of package versions you've specified",
                  "2. remove package versions to allow pip attempt to solve the dependency conflict", "",
                  "ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts"]
        let summary = "pip could not resolve \(package): " + causes.joined(separator: "; ")
            + (newestPythonRequirement.map { "; \(package) needs \($0.text), the environment has python \(python)" } ?? "")
        return (lines, summary)
    }

    /// What conda prints when the specifications of `dependencies:` cannot be solved together
    /// (`UnsatisfiableError` with a "Package X conflicts for:" section), and the one-line reason for the job error.
    /// `requested` maps a package to the spec the user wrote for it (`scikit-learn=1.5.2`), `pythonSpec` is
    /// the Python the environment asks for (`python=3.8`).
    func condaReport(requested: [String: String], pythonSpec: String) -> (lines: [String], summary: String) {
        func spec(_ package: String, _ version: String) -> String { requested[package] ?? "\(package)=\(version)" }
        func versions(_ requirements: [Requirement]) -> String {
            let text = requirements.flatMap(\.constraints).map { op, bound in op == "prefix" ? "\(bound).*" : "\(op)\(bound)" }.joined(separator: ",")
            return "\(requirements.first?.package ?? package)[version='\(text)']"
        }
        var section: [String]
        let conflicting: String
        if let pythonRequirement {
            conflicting = "python"
            section = [pythonSpec] + rules.map { rule in
                let head = rule.requiredBy.map { spec($0.package, $0.version) } ?? rule.requirement.text
                return "\(head) -> \(versions([pythonRequirement]))"
            }
        } else {
            // One line per requesting spec: the user's own, and each dependant with all it requires of the package.
            conflicting = package
            var byDependant: [String: [Requirement]] = [:]
            section = []
            for rule in rules {
                if let by = rule.requiredBy { byDependant[spec(by.package, by.version), default: []].append(rule.requirement) } else { section.append(rule.requirement.text) }
            }
            section += byDependant.map { "\($0.key) -> \(versions($0.value))" }
        }
        section = Array(Set(section)).sorted()
        let lines = ["Solving environment: failed", "", "UnsatisfiableError: The following specifications were found to be incompatible with each other:", "",
                     "Output in format: Requested package -> Available versions", "", "Package \(conflicting) conflicts for:"] + section + [""]
        let summary = "conda could not solve the environment (UnsatisfiableError): package \(conflicting) conflicts for " + section.joined(separator: ", ")
        return (lines, summary)
    }
}
