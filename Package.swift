// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "mlopslab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mlopslab", targets: ["mlopslab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(name: "CEditLine", providers: [.apt(["libedit-dev"])]),
        .target(name: "Primitives", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "CLICore", dependencies: [
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Store", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "MLMetrics"),
        .target(name: "MLCore", dependencies: ["MLMetrics", "Primitives"]),
        .target(name: "MLCommands", dependencies: [
            "MLCore", "MLMetrics", "CLICore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "Exam", dependencies: ["Yams", "Primitives"], resources: [.process("Resources")]),
        .target(name: "Readiness", dependencies: ["Exam"]),
        .target(name: "Jobs", dependencies: ["CLICore", "Yams", "Primitives"]),
        .target(name: "Workspace", dependencies: ["Store", "Jobs", "CLICore", "Yams", "Primitives", "MLCore", "MLMetrics"], resources: [.process("Resources")]),
        .target(name: "Serving", dependencies: [
            "Workspace", "MLCore", "CLICore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "CoreMetrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .target(name: "AzCLI", dependencies: [
            "Workspace", "Jobs", "Store", "CLICore", "Serving",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "Shell", dependencies: [
            "CEditLine", "CLICore", "Store", "Exam", "Readiness", "MLCommands", "AzCLI", "Rainbow",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "mlopslab", dependencies: ["Shell"]),
        .executableTarget(name: "mlbench", dependencies: ["MLCore", "MLMetrics"], path: "Benchmarks/MLBench"),
        .executableTarget(name: "foundationbench", dependencies: ["Store"], path: "Benchmarks/FoundationBench"),
        .executableTarget(name: "driftbench", dependencies: ["MLMetrics"], path: "Benchmarks/DriftBench"),

        .testTarget(name: "MLMetricsTests", dependencies: ["MLMetrics", "MLCore", "MLCommands", "CLICore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MLCoreTests", dependencies: ["Primitives", 
            "MLCore", "MLMetrics", "MLCommands", "CLICore",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "ExamTests", dependencies: ["Primitives", 
            "Exam",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "ReadinessTests", dependencies: ["Primitives", 
            "Readiness", "Exam",
            .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
        ], exclude: ["__Snapshots__"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "JobsTests", dependencies: ["Primitives", "Jobs"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WorkspaceTests", dependencies: ["Primitives", "Workspace", "Jobs", "Store", "MLCore"]),
        .testTarget(name: "AzCLITests", dependencies: ["AzCLI", "Workspace"]),
        .testTarget(name: "ServingTests", dependencies: [
            "Serving", "AzCLI", "Workspace", "MLCore", "mlopslab",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "Store", "Exam", "AzCLI", "mlopslab"], exclude: ["Fixtures"]),

    ]
)
