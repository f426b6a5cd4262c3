#!/bin/sh
# Trains one candidate demand model and scores it on the hold-out hours.
# Arguments: TRAIN_CSV VALID_CSV LEARNING_RATE MAX_LEAF_NODES MODEL_DIR
# mlopslab ml train logs to the job's MLflow run: its hyperparameters as params, training metrics
# (training_root_mean_squared_error, ...) and, with --validation-data, the hold-out metrics
# val_rmse, val_mae and val_r2.
set -e
mlopslab ml train \
  --data "$1" \
  --validation-data "$2" \
  --label cnt \
  --algorithm gradient-boosting \
  --learning-rate "$3" \
  --max-leaf-nodes "$4" \
  --max-iter 60 \
  --seed 1 \
  --model-output "$5"
