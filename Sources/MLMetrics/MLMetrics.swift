// MLMetrics owns the numbers that judge a model or a data set: classification and regression
// metrics with scikit-learn's conventions, Fairlearn-style group fairness, error analysis, data
// drift in Azure ML's and Evidently's dialects, and label-free performance estimation. It works
// on plain Swift arrays, has no dependencies and does no I/O.
