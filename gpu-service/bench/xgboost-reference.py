# Reference figure for the trainer benchmark: XGBoost's histogram trees grown leaf-wise like LightGBM
# (31 leaves, 300 rounds, eta 0.1, 255 bins) on the same CSVs. XGBoost comes from Debian's packages:
#   apt-get install python3-xgboost && /usr/bin/python3 gpu-service/bench/xgboost-reference.py
# after `npm run bench:models` has written tmp/synthetic-benchmark/{train,test}.csv. Run from the repo root.
import sys, time
import numpy as np, xgboost as xgb
train = np.loadtxt("tmp/synthetic-benchmark/train.csv", delimiter=",", skiprows=1, dtype=np.float32)
test = np.loadtxt("tmp/synthetic-benchmark/test.csv", delimiter=",", skiprows=1, dtype=np.float32)
Xtr, ytr, Xte, yte = train[:, :-1], train[:, -1], test[:, :-1], test[:, -1]
for threads in (1, 2):
    dtr = xgb.DMatrix(Xtr, label=ytr, nthread=threads); dte = xgb.DMatrix(Xte, nthread=threads)
    params = {"objective": "binary:logistic", "tree_method": "hist", "grow_policy": "lossguide", "max_leaves": 31, "max_depth": 0,
              "eta": 0.1, "max_bin": 255, "min_child_weight": 1e-3, "lambda": 0, "nthread": threads, "eval_metric": "logloss"}
    t = time.time(); b = xgb.train(params, dtr, num_boost_round=300); secs = time.time() - t
    p = np.clip(b.predict(dte), 1e-15, 1 - 1e-15)
    ll = -np.mean(yte * np.log(p) + (1 - yte) * np.log(1 - p))
    print(f"xgboost {xgb.__version__} hist lossguide 31 leaves, 300 rounds, eta 0.1, threads {threads}: {secs:.2f} s, test log loss {ll:.5f}")
