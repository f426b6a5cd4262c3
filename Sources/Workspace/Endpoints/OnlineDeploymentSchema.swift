extension EntitySchema {
    private static let probe: FieldRule = .object(fields: [
        "initial_delay": .integer, "period": .integer, "timeout": .integer, "success_threshold": .integer, "failure_threshold": .integer,
    ])

    /// A managed online deployment YAML (`managedOnlineDeployment.schema.json`).
    public static let onlineDeployment = EntitySchema(entity: "ManagedOnlineDeployment", rule: .object(fields: [
        "$schema": .string, "name": .string, "endpoint_name": .string, "description": .string, "tags": .stringMap,
        "properties": .stringMap, "model": .stringOr(.any), "code_configuration": .object(fields: ["code": .string, "scoring_script": .string], required: ["code", "scoring_script"]),
        "environment": .stringOr(.any), "instance_type": .string, "instance_count": .integer, "environment_variables": .stringMap,
        "app_insights_enabled": .boolean, "scale_settings": .any, "egress_public_network_access": .oneOf(["enabled", "disabled"]),
        "request_settings": .object(fields: ["request_timeout_ms": .integer, "max_concurrent_requests_per_instance": .integer, "max_queue_wait_ms": .integer]),
        "liveness_probe": probe, "readiness_probe": probe, "data_collector": .any, "type": .oneOf(["managed", "kubernetes"]),
        "model_mount_path": .string, "with_package": .notSimulated("model packaging (with_package)"),
    ], required: ["name"]))

    /// A managed online endpoint YAML (`managedOnlineEndpoint.schema.json`).
    public static let onlineEndpoint = EntitySchema(entity: "ManagedOnlineEndpoint", rule: .object(fields: [
        "$schema": .string, "name": .string, "description": .string, "tags": .stringMap, "properties": .stringMap,
        "auth_mode": .oneOf(["key", "aml_token", "aad_token"]), "identity": .any, "traffic": .any, "mirror_traffic": .any,
        "public_network_access": .oneOf(["enabled", "disabled"]), "kind": .string, "location": .string,
        "compute": .notSimulated("Kubernetes online endpoints (compute)"),
    ], required: ["name"]))
}
