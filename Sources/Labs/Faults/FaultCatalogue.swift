import Foundation

/// Every fault kind labs may use, by name.
public enum FaultCatalogue {
    public static let kinds: [any FaultKind] = [
        CrashingInitFault(),
        HardcodedSecretFault(),
        TrafficOnBadDeploymentFault(),
        RequestSchemaMismatchFault(),
        StaleEvaluationFault(),
        LatencyRegressionFault(),
        SweepMetricMismatchFault(),
        DependencyConflictFault(),
        UnpinnedPackageFault(),
        LeakedValidationRowsFault(),
        LatestDataReferenceFault(),
        SubgroupRegressionFault(),
        CrossWorkspaceReferenceFault(),
        UntrackedModelCopyFault(),
        DataCollectionOffFault(),
        ProductionDriftFault(),
        PinnedStaleDataFault(),
        CorruptBatchFilesFault(),
        BatchOutputSummaryOnlyFault(),
        ScheduleWrongTimeZoneFault(),
        PipelineRawInputFault(),
        ConceptDriftLateLabelsFault(),
        DatastoreAccountKeyFault(),
        SharedKeyDisabledFault(),
        MissingRoleAssignmentFault(),
        OverBroadRoleFault(),
        SecretInJobEnvFault(),
        IdleClusterFault(),
        OversizedDeploymentFault(),
        InstanceOverQuotaFault(),
    ]

    public static func kind(named name: String) -> (any FaultKind)? {
        kinds.first { $0.name == name }
    }

    public static var names: [String] { kinds.map(\.name).sorted() }
}
