"""Logs a parameter and a metric history, as the upstream example does with mlflow."""
import runlog

runlog.log_param("hello_param", "world")
for step in range(3):
    runlog.log_metric("hello_metric", 1.0 / (step + 1), step)
print("hello mlflow")
