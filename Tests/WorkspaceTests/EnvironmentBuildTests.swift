import Foundation
import Testing
@testable import Workspace

@Suite("Environment builds against the package catalogue")
struct EnvironmentBuildTests {
    let builder: EnvironmentBuilder

    init() throws { builder = EnvironmentBuilder(catalogue: try PackageCatalogue.bundled()) }

    @Test("unpinned packages resolve to the newest version that fits the others")
    func newest() {
        let result = builder.build(EnvironmentSpecification(image: "python", condaDependencies: ["python=3.10", "pip"], pipDependencies: ["scikit-learn", "mlflow"]))
        #expect(result.failure == nil, "\(result.log)")
        #expect(result.resolved["scikit-learn"] == "1.5.2")
        #expect(result.resolved["numpy"] == "2.1.3")
        #expect(result.log.last?.hasPrefix("Image build succeeded") == true)
    }

    @Test("a dependant's constraint pulls an unpinned package back (tensorflow 2.16 keeps numpy below 2)")
    func backtrack() {
        let result = builder.build(EnvironmentSpecification(image: "python", pipDependencies: ["tensorflow==2.16.1", "numpy"]))
        #expect(result.failure == nil, "\(result.log)")
        #expect(result.resolved["numpy"] == "1.26.4")
    }

    @Test("pinned versions that conflict fail with pip's conflict report")
    func conflict() throws {
        let result = builder.build(EnvironmentSpecification(image: "python", pipDependencies: ["tensorflow==2.16.1", "numpy==2.1.3"]))
        let failure = try #require(result.failure)
        #expect(failure.contains("Image build failed"))
        #expect(result.log.contains { $0.contains("conflicting dependencies") })
        #expect(result.log.contains { $0.contains("tensorflow 2.16.1 depends on numpy<2.0.0") })
    }

    @Test("unknown pip packages and unknown conda specs fail the way pip and conda report them")
    func unknown() throws {
        let pip = builder.build(EnvironmentSpecification(image: "python", pipDependencies: ["azureml-mlfow"]))
        #expect(pip.log.contains("ERROR: No matching distribution found for azureml-mlfow"))
        #expect(pip.failure != nil)
        let conda = builder.build(EnvironmentSpecification(image: "python", condaDependencies: ["scikit-lern=1.5"]))
        #expect(conda.log.contains("ResolvePackageNotFound:"))
        #expect(conda.log.contains("  - scikit-lern=1.5"))
        let version = builder.build(EnvironmentSpecification(image: "python", pipDependencies: ["numpy==9.9"]))
        #expect(version.log.contains { $0.contains("from versions: 1.21.6, 1.22.0, 1.23.5") })
    }

    @Test("conda specs that cannot be installed together fail as conda fails: Solving environment: failed, UnsatisfiableError")
    func condaConflict() throws {
        let result = builder.build(EnvironmentSpecification(image: "python", condaDependencies: ["python=3.8", "scikit-learn=1.5.2", "pip"],
                                                            source: "conda_file"))
        let failure = try #require(result.failure)
        #expect(result.log.contains("Solving environment: failed"), "\(result.log)")
        #expect(!result.log.contains("Solving environment: done"))
        #expect(result.log.contains("UnsatisfiableError: The following specifications were found to be incompatible with each other:"))
        let section = try #require(result.log.firstIndex(of: "Package python conflicts for:"))
        #expect(Array(result.log[(section + 1)...].prefix(2)) == ["python=3.8", "scikit-learn=1.5.2 -> python[version='>=3.9']"])
        #expect(!result.log.contains { $0.contains("Pip subprocess error") || $0.contains("ResolutionImpossible") }, "not a pip failure")
        #expect(failure.contains("UnsatisfiableError"))
        #expect(failure.contains("Image build failed"))

        let packages = builder.build(EnvironmentSpecification(image: "python", condaDependencies: ["python=3.10", "tensorflow=2.16.1", "numpy=2.1.3"]))
        #expect(packages.log.contains("Package numpy conflicts for:"), "\(packages.log)")
        #expect(packages.log.contains("tensorflow=2.16.1 -> numpy[version='<2.0.0,>=1.23.5']"))
        #expect(packages.log.contains("numpy=2.1.3"))
    }

    @Test("the same conflict in the pip section stays a pip failure; a conda-level Python the pip section cannot use is pip's")
    func pipSectionConflictIsPips() throws {
        let result = builder.build(EnvironmentSpecification(image: "python", condaDependencies: ["python=3.8", "pip"], pipDependencies: ["scikit-learn==1.5.2"]))
        #expect(result.failure != nil)
        #expect(result.log.contains("Solving environment: done"))
        #expect(result.log.contains("Pip subprocess error:"))
        #expect(result.log.contains { $0.contains("ResolutionImpossible") })
        #expect(!result.log.contains { $0.contains("UnsatisfiableError") })
    }

    @Test("the python version limits what resolves")
    func python() {
        let old = builder.build(EnvironmentSpecification(image: "python", condaDependencies: ["python=3.8"], pipDependencies: ["numpy"]))
        #expect(old.resolved["numpy"] == "1.24.4")
        let impossible = builder.build(EnvironmentSpecification(image: "python", condaDependencies: ["python=3.12"], pipDependencies: ["tensorflow==2.15.1"]))
        #expect(impossible.failure != nil)
    }

    @Test("conda files are read from their dependencies and pip sections")
    func condaFile() {
        let spec = EnvironmentSpecification.fromConda(["dependencies": ["python=3.10", "pip", ["pip": ["mlflow==2.16.0", "pandas"]]]], image: "img")
        #expect(spec.condaDependencies == ["python=3.10", "pip"])
        #expect(spec.pipDependencies == ["mlflow==2.16.0", "pandas"])
    }
}
