import Foundation
import Jobs
import Primitives

/// What an environment asks to install.
public struct EnvironmentSpecification: Sendable, Equatable {
    public var image: String
    /// Set for curated environments: already built, nothing to resolve.
    public var curated: String?
    public var condaDependencies: [String]
    public var pipDependencies: [String]
    /// Where the specification came from, for the log (`conda_file`, `Dockerfile`).
    public var source: String

    public init(image: String, curated: String? = nil, condaDependencies: [String] = [], pipDependencies: [String] = [], source: String = "") {
        self.image = image
        self.curated = curated
        self.condaDependencies = condaDependencies
        self.pipDependencies = pipDependencies
        self.source = source
    }

    /// Reads a conda specification (`dependencies:` with conda specs and a `pip:` list).
    public static func fromConda(_ conda: JSONValue, image: String) -> EnvironmentSpecification {
        var condaDeps: [String] = [], pipDeps: [String] = []
        for item in conda["dependencies"]?.arrayValue ?? [] {
            if let text = item.scalarText { condaDeps.append(text) } else if let pip = item["pip"]?.arrayValue {
                pipDeps += pip.compactMap(\.scalarText)
            }
        }
        return EnvironmentSpecification(image: image, condaDependencies: condaDeps, pipDependencies: pipDeps, source: "conda_file")
    }

    /// Reads `RUN pip install ...` lines of a Dockerfile.
    public static func fromDockerfile(_ text: String, context: String) -> EnvironmentSpecification {
        var image = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04"
        var pipDeps: [String] = []
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.uppercased().hasPrefix("FROM ") { image = String(line.dropFirst(5)).trimmingCharacters(in: .whitespaces) }
            if let range = line.range(of: "pip install") {
                pipDeps += line[range.upperBound...].split(separator: " ").map(String.init).filter { !$0.hasPrefix("-") && !$0.isEmpty && $0 != "&&" && $0 != "\\" }
            }
        }
        return EnvironmentSpecification(image: image, pipDependencies: pipDeps, source: "Dockerfile in \(context)")
    }
}

/// The outcome of a simulated image build: the log a learner reads and, on failure, the job error.
public struct EnvironmentBuildResult: Sendable, Equatable {
    public var log: [String]
    public var failure: String?
    /// Package → chosen version.
    public var resolved: [String: String]
}

/// Builds environments against the package catalogue the way conda and pip would: unpinned
/// packages take the newest version that fits, conflicts and unknown packages fail the build with
/// the messages conda and pip print.
public struct EnvironmentBuilder: Sendable {
    public let catalogue: PackageCatalogue

    public init(catalogue: PackageCatalogue) { self.catalogue = catalogue }

    public func build(_ spec: EnvironmentSpecification) -> EnvironmentBuildResult {
        let digest = String(SHA256Hasher.hex(Array((spec.image + spec.condaDependencies.joined() + spec.pipDependencies.joined()).utf8)).prefix(12))
        var log = ["======Starting Image Build on Serverless Compute======", "The run ID for the image build on serverless compute is imgbldrun_\(digest.prefix(7))"]
        if let curated = spec.curated {
            log.append("Using curated environment \(curated): image \(spec.image) is prebuilt; no build needed.")
            return EnvironmentBuildResult(log: log, failure: nil, resolved: [:])
        }
        log += ["#1 [internal] load build definition from Dockerfile", "#1 DONE 0.0s", "#2 [internal] load metadata for \(spec.image)", "#2 DONE 0.4s", "#3 FROM \(spec.image)"]
        if spec.condaDependencies.isEmpty, spec.pipDependencies.isEmpty {
            log += ["#3 DONE 2.1s", "Image build succeeded: azureml/azureml_\(digest)"]
            return EnvironmentBuildResult(log: log, failure: nil, resolved: [:])
        }
        log.append("#4 [2/3] RUN conda env create -p /azureml-envs/azureml_\(digest) -f \(spec.source == "conda_file" ? "conda_dependencies.yml" : "requirements.txt")")
        var pinned: [String: Requirement] = [:]
        var python = catalogue.defaultPython
        var pythonSpec = "python=\(catalogue.defaultPython)"
        var condaRequests: [Requirement] = []
        for text in spec.condaDependencies {
            guard let requirement = Requirement.parse(text, style: .conda) else { continue }
            if requirement.package == "python" {
                pythonSpec = requirement.text
                guard let chosen = catalogue.pythonVersions.last(where: requirement.accepts) else {
                    return fail(log + ["Collecting package metadata (repodata.json): done", "Solving environment: failed", "", "ResolvePackageNotFound:", "  - \(text)", ""],
                                "conda could not find \(text); available Python versions are \(catalogue.pythonVersions.joined(separator: ", "))")
                }
                python = chosen
                continue
            }
            condaRequests.append(requirement)
        }
        log.append("Collecting package metadata (repodata.json): done")
        let missingConda = condaRequests.filter { catalogue.versions[$0.package] == nil || !(catalogue.versions[$0.package] ?? []).contains(where: $0.accepts) }
        if !missingConda.isEmpty {
            return fail(log + ["Solving environment: failed", "", "ResolvePackageNotFound:"] + missingConda.map { "  - \($0.text)" } + [""],
                        "conda could not resolve \(missingConda.map(\.text).joined(separator: ", ")) (ResolvePackageNotFound)")
        }
        // conda solves `dependencies:` (with the Python they ask for) before pip runs: specs that cannot be
        // installed together fail here, as conda reports them.
        let resolver = DependencyResolver(catalogue: catalogue)
        if case .failure(let conflict) = resolver.resolve(condaRequests, python: python) {
            let requested = Dictionary(condaRequests.map { ($0.package, $0.text) }, uniquingKeysWith: { first, _ in first })
            let report = conflict.condaReport(requested: requested, pythonSpec: pythonSpec)
            return fail(log + report.lines, report.summary)
        }
        log.append("Solving environment: done")
        for requirement in condaRequests { pinned[requirement.package] = requirement }
        var resolved: [String: String] = ["python": python]
        var requested: [Requirement] = condaRequests
        if !spec.pipDependencies.isEmpty { log.append("Installing pip dependencies: ...working...") }
        for text in spec.pipDependencies {
            guard let requirement = Requirement.parse(text, style: .pip) else { continue }
            guard let available = catalogue.versions[requirement.package] else {
                return fail(log + ["Pip subprocess error:", "ERROR: Could not find a version that satisfies the requirement \(text) (from versions: none)",
                                   "ERROR: No matching distribution found for \(requirement.package)", "", "CondaEnvException: Pip failed", ""],
                            "pip could not find the package \(requirement.package) (\"No matching distribution found for \(requirement.package)\")")
            }
            guard available.contains(where: requirement.accepts) else {
                return fail(log + ["Pip subprocess error:", "ERROR: Could not find a version that satisfies the requirement \(text) (from versions: \(available.joined(separator: ", ")))",
                                   "ERROR: No matching distribution found for \(text)", "", "CondaEnvException: Pip failed", ""],
                            "pip found no version of \(requirement.package) matching \(text); available: \(available.joined(separator: ", "))")
            }
            if pinned[requirement.package] == nil { pinned[requirement.package] = requirement }
            requested.append(requirement)
        }
        switch resolver.resolve(requested, python: python) {
        case .success(let chosen):
            for (package, version) in chosen { resolved[package] = version }
            for package in chosen.keys.sorted() {
                let version = chosen[package] ?? ""
                log.append("Collecting \(package)\(requested.contains { $0.package == package && $0.constraints.isEmpty } ? "" : "==\(version)")")
                log.append("  Downloading \(package.replacingOccurrences(of: "-", with: "_"))-\(version)-py3-none-any.whl")
            }
            log.append("Successfully installed " + chosen.keys.sorted().map { "\($0)-\(chosen[$0] ?? "")" }.joined(separator: " "))
            log += ["done", "#4 DONE 48.2s", "#5 [3/3] RUN conda clean -aqy", "#5 DONE 1.3s", "Image build succeeded: azureml/azureml_\(digest)"]
            return EnvironmentBuildResult(log: log, failure: nil, resolved: resolved)
        case .failure(let conflict):
            let report = conflict.pipReport
            return fail(log + ["Pip subprocess error:"] + report.lines + ["", "CondaEnvException: Pip failed", ""], report.summary)
        }
    }

    private func fail(_ log: [String], _ reason: String) -> EnvironmentBuildResult {
        EnvironmentBuildResult(log: log + ["Image build failed."], failure: "(UserError) Image build failed: \(reason). For more details, check the build log system_logs/environment_build_log.txt (also printed at the top of the job's log).", resolved: [:])
    }

    /// What a job's environment asks for: curated, registered (its stored conda file or build), or inline.
    static func specification(for environment: EnvironmentReference?, resolver: WorkspaceJobResolver, baseDirectory: URL) throws -> EnvironmentSpecification {
        switch environment {
        case nil:
            return EnvironmentSpecification(image: "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest")
        case .registered(let reference)?:
            if let parsed = AssetReference.parse(reference) {
                switch parsed {
                case .registry("azureml", _, let name, _), .version(let name, _) where CuratedEnvironments.find(name) != nil && (name.hasPrefix("AzureML-") || reference.contains("registries/azureml")),
                     .label(let name, _) where CuratedEnvironments.find(name) != nil && name.hasPrefix("AzureML-"):
                    if let curated = CuratedEnvironments.find(name) { return EnvironmentSpecification(image: curated.image, curated: curated.name) }
                default: break
                }
            }
            guard let parsed = AssetReference.parse(reference) else { throw WorkspaceError.invalidArgument("invalid environment reference '\(reference)'") }
            let stored = try resolver.assets.resolve(parsed, expecting: .environment, in: resolver.target)
            let image = stored.entity["image"]?.stringValue ?? "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest"
            if let conda = stored.entity["conda_file"], conda.objectValue != nil { return .fromConda(conda, image: image) }
            if let payload = stored.payload, let dockerfile = stored.entity["build"]?["dockerfile_path"]?.stringValue {
                let folder = try resolver.materialize(payload)
                let text = (try? String(contentsOf: folder.appendingPathComponent(dockerfile), encoding: .utf8)) ?? ""
                return .fromDockerfile(text, context: stored.record.name)
            }
            return EnvironmentSpecification(image: image)
        case .inline(let inline)?:
            let image = inline.image ?? "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest"
            switch inline.condaFile {
            case .path(let path)?:
                let url = try resolver.pathGuard.resolve(path, relativeTo: baseDirectory)
                return .fromConda(try YAMLDocument.load(url, entity: "Conda file").root, image: image)
            case .inline(let text)?:
                return .fromConda(try YAMLDocument.parse(text, file: baseDirectory.appendingPathComponent("conda_file"), entity: "Conda file").root, image: image)
            case nil: break
            }
            if let context = inline.buildContext {
                let folder = try resolver.pathGuard.resolve(context, relativeTo: baseDirectory)
                let text = (try? String(contentsOf: folder.appendingPathComponent(inline.dockerfilePath ?? "Dockerfile"), encoding: .utf8)) ?? ""
                return .fromDockerfile(text, context: context)
            }
            return EnvironmentSpecification(image: image)
        }
    }
}
